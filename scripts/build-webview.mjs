// Bundles the webviews (client/webview/*) into dist/webview (shipped in the .vsix) with esbuild, after
// type-checking them: `npm run build` runs it after scripts/bundle.mjs, which empties dist/.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const check = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'client', 'webview')], { stdio: 'inherit' });
if (check.status !== 0) process.exit(check.status ?? 1);

await build({
  absWorkingDir: root,
  entryPoints: {
    'audit/main': 'client/webview/audit/main.ts',
    'audit/style': 'client/webview/audit/audit.css',
    'codicons/codicon': require.resolve('@vscode/codicons/dist/codicon.css'),
  },
  outdir: 'dist/webview',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome120'],
  loader: { '.ttf': 'file' },
  assetNames: 'codicons/[name]',
  logLevel: 'warning',
});
