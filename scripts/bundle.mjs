// Bundles the VS Code extension and the language server into dist/ (what the .vsix ships), with the
// Postgres parser's WebAssembly file next to the server: libpg-query loads it from its own folder. PGlite
// (the audit panel's demo database) likewise loads its WebAssembly and data files from next to the bundle.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
fs.rmSync(outdir, { recursive: true, force: true });

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { extension: 'client/src/extension.ts', server: 'server/src/lsp/main.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // ES module builds first: jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow.
  mainFields: ['module', 'main'],
  // pg-native is node-postgres' optional native binding, required only if asked for.
  external: ['vscode', 'pg-native'],
  minify: true,
  keepNames: true,
  sourcemap: false,
  logLevel: 'warning',
  logOverride: { 'require-resolve-not-external': 'silent' },
});

const wasm = path.join(root, 'node_modules', 'libpg-query', 'wasm', 'libpg-query.wasm');
fs.copyFileSync(wasm, path.join(outdir, path.basename(wasm)));
for (const file of ['pglite.wasm', 'initdb.wasm', 'pglite.data']) {
  fs.copyFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'dist', file), path.join(outdir, file));
}
