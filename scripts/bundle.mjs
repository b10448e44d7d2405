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

/** PGlite's contrib modules look for their archives one folder up (they sit in dist/contrib/): here, next to the bundle. */
const pgliteExtensionsNextToBundle = {
  name: 'pglite-extensions-next-to-bundle',
  setup(build) {
    build.onLoad({ filter: /@electric-sql[\\/]pglite[\\/]dist[\\/]contrib[\\/][^\\/]+\.js$/ }, (args) => ({
      contents: fs.readFileSync(args.path, 'utf8').replaceAll('new URL("../', 'new URL("./'),
      loader: 'js',
    }));
  },
};

await esbuild.build({
  absWorkingDir: root,
  // supaguard.js: the CLI commands the extension runs (`supaguard mcp`, `probe-mcp`, `verify`); worker.js:
  // verified mode's worker thread, which it starts from the file next to itself.
  entryPoints: {
    extension: 'client/src/extension.ts',
    server: 'server/src/lsp/main.ts',
    supaguard: 'server/src/cli/editor-cli.ts',
    worker: 'server/src/verify/worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // ES module builds first: jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow.
  mainFields: ['module', 'main'],
  // pg-native is node-postgres' optional native binding, required only if asked for.
  external: ['vscode', 'pg-native'],
  // PGlite's ES modules find their files from import.meta.url, which a CommonJS bundle has not got: the bundle's own URL.
  define: { 'import.meta.url': 'bundleUrl' },
  banner: { js: 'var bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [pgliteExtensionsNextToBundle],
  minify: true,
  keepNames: true,
  sourcemap: false,
  logLevel: 'warning',
  logOverride: { 'require-resolve-not-external': 'silent' },
});

const wasm = path.join(root, 'node_modules', 'libpg-query', 'wasm', 'libpg-query.wasm');
fs.copyFileSync(wasm, path.join(outdir, path.basename(wasm)));
const pgliteDist = path.join(root, 'node_modules', '@electric-sql', 'pglite', 'dist');
// The contrib extensions' archives: verified mode loads those that Supabase migrations use.
for (const file of ['pglite.wasm', 'initdb.wasm', 'pglite.data', ...fs.readdirSync(pgliteDist).filter((f) => f.endsWith('.tar.gz'))]) {
  fs.copyFileSync(path.join(pgliteDist, file), path.join(outdir, file));
}
