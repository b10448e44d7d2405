import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { STANDIN_EXTENSIONS, STANDIN_SQL, type ContribExtension } from './standin';

// PGlite's contrib modules are ES modules, imported when a database first needs them. Each one loaded
// costs start-up time, so a database loads only those the stand-in and the project's migrations create.
const CONTRIB: Record<ContribExtension, () => Promise<Extension>> = {
  'uuid-ossp': async () => (await import('@electric-sql/pglite/contrib/uuid_ossp')).uuid_ossp,
  pgcrypto: async () => (await import('@electric-sql/pglite/contrib/pgcrypto')).pgcrypto,
  citext: async () => (await import('@electric-sql/pglite/contrib/citext')).citext,
  pg_trgm: async () => (await import('@electric-sql/pglite/contrib/pg_trgm')).pg_trgm,
  hstore: async () => (await import('@electric-sql/pglite/contrib/hstore')).hstore,
  ltree: async () => (await import('@electric-sql/pglite/contrib/ltree')).ltree,
  unaccent: async () => (await import('@electric-sql/pglite/contrib/unaccent')).unaccent,
  fuzzystrmatch: async () => (await import('@electric-sql/pglite/contrib/fuzzystrmatch')).fuzzystrmatch,
  btree_gist: async () => (await import('@electric-sql/pglite/contrib/btree_gist')).btree_gist,
  btree_gin: async () => (await import('@electric-sql/pglite/contrib/btree_gin')).btree_gin,
  moddatetime: async () => (await import('@electric-sql/pglite/contrib/moddatetime')).moddatetime,
  tablefunc: async () => (await import('@electric-sql/pglite/contrib/tablefunc')).tablefunc,
};

async function contribExtensions(names: readonly string[]): Promise<Record<string, Extension>> {
  const wanted = [...new Set([...STANDIN_EXTENSIONS, ...names])].filter((name): name is ContribExtension => name in CONTRIB);
  return Object.fromEntries(await Promise.all(wanted.map(async (name) => [name.replace('-', '_'), await CONTRIB[name]()])));
}

/** The search path Supabase gives the `postgres` role, restored before each migration file. */
export const SUPABASE_SEARCH_PATH = `"$user", public, extensions`;

const PGLITE_VERSION = pgliteVersion();

/**
 * PGlite's version, for the image cache key. In the editor extension's bundle PGlite has no package.json on
 * disk: the size and time of the WebAssembly shipped next to the bundle stand for it.
 */
function pgliteVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')).version;
  } catch {
    const wasm = fs.statSync(path.join(__dirname, 'pglite.wasm'));
    return `bundled-${wasm.size}-${wasm.mtimeMs}`;
  }
}

/**
 * Starting PGlite and running initdb plus the stand-in takes seconds; loading a saved data directory
 * takes a fraction of that. The image is kept in memory for the process and on disk (keyed by the PGlite
 * version and the stand-in's text) for the next run.
 */
let baseImage: Promise<Blob> | undefined;

function imageCacheFile(): string {
  const key = crypto.createHash('sha256').update(PGLITE_VERSION).update(STANDIN_SQL).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `supaguard-standin-${key}.tar`);
}

async function buildBaseImage(): Promise<Blob> {
  const file = imageCacheFile();
  try {
    const cached = fs.readFileSync(file);
    // PGlite fails outside any promise on a damaged image: only a tar archive is used.
    if (cached.subarray(257, 262).toString('latin1') === 'ustar') return new Blob([cached]);
  } catch {
    // Not built yet on this machine.
  }
  const db = await PGlite.create({ extensions: await contribExtensions([]) });
  try {
    await db.exec(STANDIN_SQL);
    const image = await db.dumpDataDir('none');
    const temporary = `${file}.${process.pid}.${threadId}.tmp`;
    fs.writeFileSync(temporary, Buffer.from(await image.arrayBuffer()));
    fs.renameSync(temporary, file);
    return image;
  } finally {
    await db.close();
  }
}

/**
 * A fresh database holding only the Supabase stand-in, able to create the contrib extensions named (those
 * a project's migrations create, `createdExtensions`).
 */
export async function openStandinDatabase(extensions: readonly string[]): Promise<PGlite> {
  baseImage ??= buildBaseImage().catch((error) => {
    baseImage = undefined;
    throw error;
  });
  return openImage(await baseImage, extensions);
}

/** A database restored from a data directory saved with `dumpDataDir`. */
async function openImage(image: Blob, extensions: readonly string[]): Promise<PGlite> {
  const db = await PGlite.create({ loadDataDir: image, extensions: await contribExtensions(extensions) });
  await db.exec(`set search_path = ${SUPABASE_SEARCH_PATH}`);
  return db;
}

