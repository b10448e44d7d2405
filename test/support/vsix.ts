import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
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

/** Every file of a .vsix (a zip), by its path inside. */
export async function readVsix(vsix: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(vsix, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip
        .openReadStreamPromise(entry)
        .then(readAll)
        .then((data) => {
          files.set(entry.fileName, data);
          zip.readEntry();
        }, reject);
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return files;
}

/** Writes the .vsix's `extension/` folder to `target` (what VS Code installs). */
export async function unpackExtension(vsix: string, target: string): Promise<void> {
  for (const [name, data] of await readVsix(vsix)) {
    if (!name.startsWith('extension/')) continue;
    const file = path.join(target, name.slice('extension/'.length));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
