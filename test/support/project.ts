import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A project written to a fresh temporary folder: real files, so discovery, config and history work as for users. */
export function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'supaguard-test-'));
  for (const [relative, text] of Object.entries(files)) {
    const absolute = path.join(root, relative);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
  }
  return fs.realpathSync(root).split(path.sep).join('/');
}

export function readProject(root: string, relativePaths: string[]): Record<string, string> {
  return Object.fromEntries(relativePaths.map((p) => [p, fs.readFileSync(path.join(root, p), 'utf8')]));
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
