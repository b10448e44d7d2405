import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './project';

/** Packs the built extension with vsce, as `npm run package` does (the bundles in dist/ come from `npm run build`). */
export function packageExtension(outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const vsix = path.join(outDir, 'supaguard.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce package failed: ${result.stderr || result.stdout}`);
  return vsix;
}

export function vsixEntries(vsix: string): string[] {
  const result = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`unzip -Z1 failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

/** Unpacks the .vsix's `extension/` folder to `target` (what VS Code installs). */
export function unpackExtension(vsix: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const scratch = fs.mkdtempSync(`${target}-unzip-`);
  const result = spawnSync('unzip', ['-q', vsix, 'extension/*', '-d', scratch], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`unzip failed: ${result.stderr}`);
  fs.renameSync(path.join(scratch, 'extension'), target);
  fs.rmSync(scratch, { recursive: true, force: true });
}
