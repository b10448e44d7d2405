import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../../engine/config';
import type { SourceFile } from '../../engine/source-file';

/**
 * One Supabase project: a folder holding `supabase/` (every one in the tree is its own project, for
 * monorepos), with its migration history in filename order and the schemas its API exposes.
 */
export interface SqlProject {
  /** Root-relative folder that holds `supabase/`, `/`-separated; `''` for the scanned root itself. */
  folder: string;
  /** Migration files in the order `supabase db reset` applies them (by file name). */
  files: SourceFile[];
  /** Schemas PostgREST serves: supaguard.jsonc `exposedSchemas`, else `[api] schemas` in config.toml, else `public`. */
  exposedSchemas: string[];
  /** Where the exposed schemas came from, for messages. */
  exposedSchemasSource: 'supaguard.jsonc' | 'config.toml' | 'default';
}

const matchers = new WeakMap<string[], picomatch.Matcher>();
function migrationMatcher(config: ResolvedConfig): picomatch.Matcher {
  let matcher = matchers.get(config.migrations);
  if (!matcher) matchers.set(config.migrations, (matcher = picomatch(config.migrations, { dot: true })));
  return matcher;
}

/**
 * The project folder of a migration: the deepest folder `P` such that the path relative to `P` matches a
 * `migrations` glob (`supabase/migrations/*.sql` by default). Undefined when the file is not a migration.
 */
export function projectFolderOf(relativePath: string, config: ResolvedConfig): string | undefined {
  if (!relativePath.toLowerCase().endsWith('.sql')) return undefined;
  const matches = migrationMatcher(config);
  const parts = relativePath.split('/');
  for (let depth = parts.length - 1; depth >= 0; depth--) {
    if (matches(parts.slice(depth).join('/'))) return parts.slice(0, depth).join('/');
  }
  return undefined;
}

/** Groups migration files into projects, each with its history sorted by file name. */
export function groupProjects(root: string, files: readonly SourceFile[], config: ResolvedConfig): SqlProject[] {
  const byFolder = new Map<string, SourceFile[]>();
  for (const file of files) {
    const folder = projectFolderOf(file.relativePath, config);
    if (folder === undefined) continue;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([folder, list]) => ({
      folder,
      files: [...list].sort(compareMigrationNames),
      ...exposedSchemasOf(path.posix.join(root, folder), config),
    }));
}

/** Supabase applies migrations in the order of their file names (the timestamp prefix). */
function compareMigrationNames(a: SourceFile, b: SourceFile): number {
  const x = path.posix.basename(a.relativePath);
  const y = path.posix.basename(b.relativePath);
  return x < y ? -1 : x > y ? 1 : a.relativePath < b.relativePath ? -1 : 1;
}

function exposedSchemasOf(folder: string, config: ResolvedConfig): Pick<SqlProject, 'exposedSchemas' | 'exposedSchemasSource'> {
  if (config.exposedSchemas) return { exposedSchemas: config.exposedSchemas, exposedSchemasSource: 'supaguard.jsonc' };
  const fromToml = apiSchemasOf(path.posix.join(folder, 'supabase', 'config.toml'));
  if (fromToml) return { exposedSchemas: fromToml, exposedSchemasSource: 'config.toml' };
  return { exposedSchemas: ['public'], exposedSchemasSource: 'default' };
}

// smol-toml is an ES module: loaded once with the parser (`loadSqlParser`), then used synchronously.
let parseToml: ((text: string) => unknown) | undefined;
export async function loadTomlParser(): Promise<void> {
  parseToml ??= (await import('smol-toml')).parse;
}

// config.toml is read from disk (it is not a linted file); re-read only when it changes.
const tomlCache = new Map<string, { mtimeMs: number; schemas: string[] | undefined }>();

/** `[api] schemas` of a Supabase config.toml, or undefined when absent, unreadable or malformed. */
export function apiSchemasOf(file: string): string[] | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const hit = tomlCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.schemas;
  let schemas: string[] | undefined;
  try {
    if (!parseToml) throw new Error('the TOML parser is not loaded');
    const api = (parseToml(fs.readFileSync(file, 'utf8')) as { api?: { schemas?: unknown } }).api;
    if (Array.isArray(api?.schemas) && api.schemas.every((s) => typeof s === 'string')) schemas = api.schemas as string[];
  } catch {
    // A malformed config.toml is the Supabase CLI's to report; fall back to the defaults.
  }
  tomlCache.set(file, { mtimeMs, schemas });
  return schemas;
}
