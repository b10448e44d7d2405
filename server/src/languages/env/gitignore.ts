import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { SourceFile } from '../../engine/source-file';

/**
 * Whether git would ignore a file, from the `.gitignore` files between it and the workspace root
 * (enough of gitignore for `.env*` files: globs, `/` anchors, `!` negation, the last match wins).
 */
export function isGitIgnored(file: SourceFile): boolean {
  const root = file.path.slice(0, file.path.length - file.relativePath.length).replace(/\/$/, '');
  let ignored = false;
  const segments = file.relativePath.split('/');
  for (let depth = 0; depth < segments.length; depth++) {
    const dir = [root, ...segments.slice(0, depth)].join('/');
    const rules = readRules(path.posix.join(dir, '.gitignore'));
    const relative = segments.slice(depth).join('/');
    for (const rule of rules) if (rule.matches(relative)) ignored = !rule.negated;
  }
  return ignored;
}

interface IgnoreRule {
  negated: boolean;
  matches(relativePath: string): boolean;
}

function readRules(file: string): IgnoreRule[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    let pattern = negated ? line.slice(1) : line;
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.slice(0, -1);
    const anchored = pattern.includes('/');
    pattern = pattern.replace(/^\//, '');
    const match = picomatch(anchored ? pattern : `**/${pattern}`, { dot: true });
    const matchDir = picomatch(`${anchored ? pattern : `**/${pattern}`}/**`, { dot: true });
    rules.push({ negated, matches: (p) => (!directoryOnly && match(p)) || matchDir(p) });
  }
  return rules;
}
