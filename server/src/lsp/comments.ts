import * as path from 'node:path';

const SQL = new Set(['.sql']);
const SLASH = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.jsonc']);

/**
 * The line-comment marker a suppression is written with in this file, or undefined when the format has no
 * comments (plain JSON: those files are silenced by path in `supaguard.jsonc`). VS Code's own JSON files
 * (`.vscode/*.json`) are JSON with comments.
 */
export function commentMarker(file: string, languageId?: string): string | undefined {
  const extension = path.posix.extname(file).toLowerCase();
  const base = path.posix.basename(file);
  if (SQL.has(extension)) return '--';
  if (SLASH.has(extension) || languageId === 'jsonc') return '//';
  if (extension === '.json' && path.posix.basename(path.posix.dirname(file)) === '.vscode') return '//';
  if (base.startsWith('.env') || extension === '.toml') return '#';
  return undefined;
}
