// Bundles the webviews (client/webview/*) into client/out/webview with esbuild, after type-checking them:
// `npm run build` runs it after `tsc -b`.
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
  outdir: 'client/out/webview',
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['chrome120'],
  loader: { '.ttf': 'file' },
  assetNames: 'codicons/[name]',
  logLevel: 'warning',
});
