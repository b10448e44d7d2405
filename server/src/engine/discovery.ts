import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from './config';
import { registry as defaultRegistry, type Registry } from './registry';
import { SourceFile } from './source-file';

/** Folders never scanned: dependencies, VCS data, build output and caches. */
export const DEFAULT_IGNORED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', '.next', '.nuxt', '.svelte-kit', '.output',
  '.vercel', '.netlify', '.turbo', '.cache', 'coverage', '.expo', '.supaguard', '.venv', '__pycache__',
]);

/** Larger files are skipped with a message: nobody writes a migration or config that big by hand. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Skipped {
  file: string;
  message: string;
}

export interface Discovery {
  files: SourceFile[];
  skipped: Skipped[];
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Finds the files some language lints under `root` (or only `paths`, files or folders, when given),
 * skipping ignored folders, config `ignore` globs, binary and oversized files.
 */
export function discoverFiles(
  root: string,
  config: ResolvedConfig,
  options: { paths?: string[]; registry?: Registry } = {},
): Discovery {
  const registry = options.registry ?? defaultRegistry;
  const ignored = picomatch(config.ignore.length ? config.ignore : ['\0'], { dot: true });
  const files: SourceFile[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();

  const visitFile = (absolute: string) => {
    const relativePath = toPosix(path.relative(root, absolute));
    if (seen.has(absolute) || ignored(relativePath) || !registry.languageOf(relativePath, config)) return;
    seen.add(absolute);
    const loaded = readSourceText(absolute);
    if (typeof loaded === 'string') files.push(new SourceFile(toPosix(absolute), relativePath, loaded));
    else skipped.push({ file: relativePath, message: loaded.skip });
  };

  const visitDirectory = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: toPosix(path.relative(root, dir)) || '.', message: `skipped: cannot read folder (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const relativeDir = toPosix(path.relative(root, absolute));
        if (!DEFAULT_IGNORED_DIRECTORIES.has(entry.name) && !ignored(relativeDir) && !ignored(`${relativeDir}/`)) {
          visitDirectory(absolute);
        }
      } else if (entry.isFile()) {
        visitFile(absolute);
      }
    }
  };

  for (const start of options.paths?.length ? options.paths : [root]) {
    const absolute = path.resolve(root, start);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory()) visitDirectory(absolute);
    else if (stat?.isFile()) visitFile(absolute);
  }
  return { files, skipped };
}

/**
 * Whether discovery would pass over a root-relative path (an ignored folder on the way, or a config `ignore`
 * glob): for files that reach the engine another way, such as an editor's open documents.
 */
export function isExcludedPath(relativePath: string, config: ResolvedConfig): boolean {
  const segments = relativePath.split('/');
  if (segments[0] === '..' || segments.slice(0, -1).some((s) => DEFAULT_IGNORED_DIRECTORIES.has(s))) return true;
  if (!config.ignore.length) return false;
  const ignored = picomatch(config.ignore, { dot: true });
  return segments.some((_, i) => ignored(segments.slice(0, i + 1).join('/')) || (i < segments.length - 1 && ignored(`${segments.slice(0, i + 1).join('/')}/`)));
}

/** The file's text, or why it is skipped. */
export function readSourceText(absolute: string): string | { skip: string } {
  let size: number;
  try {
    size = fs.statSync(absolute).size;
  } catch (error) {
    return { skip: `skipped: cannot read file (${(error as NodeJS.ErrnoException).code})` };
  }
  if (size > MAX_FILE_BYTES) {
    return { skip: `skipped: file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit` };
  }
  const buffer = fs.readFileSync(absolute);
  return isBinary(buffer) ? { skip: 'skipped: binary content (NUL bytes), not text' } : stripBom(buffer.toString('utf8'));
}

export function isBinary(buffer: Uint8Array): boolean {
  const limit = Math.min(buffer.length, 8192);
  for (let i = 0; i < limit; i++) if (buffer[i] === 0) return true;
  return false;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
