import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * The folder holding Supaguard's `package.json`, `docs/` and `server/schema/`: two levels above the compiled
 * `server/out/engine/`, or the extension's root when the code is bundled into one file. Found by walking up,
 * so both layouts work.
 */
export function installRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (isSupaguardPackage(path.join(dir, 'package.json'))) return (cached = dir);
    if (path.dirname(dir) === dir) throw new Error(`Supaguard's package.json not found above ${__dirname}`);
  }
}

function isSupaguardPackage(file: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).name === 'supaguard';
  } catch {
    return false;
  }
}
