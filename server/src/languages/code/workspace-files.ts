import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The few project files the code model reads beside the code itself (`package.json`, `tsconfig.json`,
 * `jsconfig.json`). They belong to no language, so they are read from disk, once per folder while the set of
 * code files stays the same (`clearWorkspaceFileCache` when it changes).
 */

export interface PackageInfo {
  dir: string;
  name: string | undefined;
  dependencies: ReadonlySet<string>;
  /** Entry points named by the manifest (`exports['.']`, `module`, `main`, `types`), relative to `dir`. */
  entries: string[];
}

export interface PathMapping {
  /** Folder the mapping's targets are relative to (`baseUrl`, else the config's folder). */
  baseDir: string;
  /** Pattern (`@/*`) → targets (`./src/*`), in the config's order. */
  paths: [string, string[]][];
}

const packageByDir = new Map<string, PackageInfo | null>();
const mappingByDir = new Map<string, PathMapping | null>();

export function clearWorkspaceFileCache(): void {
  packageByDir.clear();
  mappingByDir.clear();
}

/** The nearest `package.json` at or above `dir`, not above `root`. */
export function nearestPackage(dir: string, root: string): PackageInfo | undefined {
  return nearest(dir, root, packageByDir, readPackage) ?? undefined;
}

/** The `paths` of the nearest `tsconfig.json` / `jsconfig.json` at or above `dir`, not above `root`. */
export function nearestPathMapping(dir: string, root: string): PathMapping | undefined {
  return nearest(dir, root, mappingByDir, readPathMapping) ?? undefined;
}

function nearest<T>(dir: string, root: string, cache: Map<string, T | null>, read: (dir: string) => T | null | undefined): T | null {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  let found: T | null = read(dir) ?? null;
  if (found === null && dir.length > root.length && dir.startsWith(root)) {
    const parent = path.posix.dirname(dir);
    if (parent !== dir) found = nearest(parent, root, cache, read);
  }
  cache.set(dir, found);
  return found;
}

function readJsonc(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const { config } = ts.parseConfigFileTextToJson(file, text);
  return config && typeof config === 'object' ? (config as Record<string, unknown>) : undefined;
}

function readPackage(dir: string): PackageInfo | undefined {
  const json = readJsonc(path.posix.join(dir, 'package.json'));
  if (!json) return undefined;
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = json[field];
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
  }
  const exportsField = json.exports as unknown;
  const dot = exportsField && typeof exportsField === 'object' ? (exportsField as Record<string, unknown>)['.'] : exportsField;
  const entryCandidates = [dot, ...(dot && typeof dot === 'object' ? Object.values(dot) : []), json.module, json.main, json.types];
  const entries = entryCandidates.filter((e): e is string => typeof e === 'string');
  return { dir, name: typeof json.name === 'string' ? json.name : undefined, dependencies: names, entries };
}

function readPathMapping(dir: string): PathMapping | undefined {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = path.posix.join(dir, name);
    if (!fs.existsSync(file)) continue;
    return mappingFrom(file, 0) ?? { baseDir: dir, paths: [] };
  }
  return undefined;
}

/** `compilerOptions.paths` and `baseUrl`, following relative `extends` chains. */
function mappingFrom(file: string, depth: number): PathMapping | undefined {
  const json = readJsonc(file);
  if (!json || depth > 5) return undefined;
  const dir = path.posix.dirname(file);
  const options = (json.compilerOptions ?? {}) as { paths?: Record<string, unknown>; baseUrl?: unknown };
  if (options.paths && typeof options.paths === 'object') {
    const baseDir = typeof options.baseUrl === 'string' ? path.posix.resolve(dir, options.baseUrl) : dir;
    const paths = Object.entries(options.paths)
      .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
      .map(([pattern, targets]) => [pattern, targets.filter((t) => typeof t === 'string')] as [string, string[]]);
    return { baseDir, paths };
  }
  const parents = Array.isArray(json.extends) ? json.extends : [json.extends];
  for (const parent of parents) {
    if (typeof parent !== 'string' || !parent.startsWith('.')) continue;
    const target = path.posix.resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
    const inherited = mappingFrom(target, depth + 1);
    if (inherited) return inherited;
  }
  return undefined;
}
