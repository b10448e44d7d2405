import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol';
import { mcpServerLaunch } from '../../server/src/mcp-server';
import { TestClient } from '../lsp/lsp-client';
import { writeProject } from '../support/project';
import { packageExtension, readVsix, unpackExtension } from '../support/vsix';

describe('the .vsix package', function () {
  this.timeout(120_000);
  let scratch: string;
  let vsix: string;
  let entries: string[];

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'supaguard-vsix-'));
    vsix = packageExtension(scratch);
    entries = [...(await readVsix(vsix)).keys()];
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('holds the bundles, the parser\'s WebAssembly, rule pages, schema and grammar', () => {
    for (const required of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/libpg-query.wasm',
      'extension/server/schema/supaguard.schema.json',
      'extension/syntaxes/supaguard-ignore.injection.tmLanguage.json',
      'extension/docs/rules/meta/parse-error.md',
    ]) {
      assert.ok(entries.includes(required), `${required} missing from ${entries.join(', ')}`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const referenced = [manifest.main, ...manifest.contributes.jsonValidation.map((j: { url: string }) => j.url), ...manifest.contributes.grammars.map((g: { path: string }) => g.path)];
    for (const file of referenced) assert.ok(entries.includes(`extension/${path.posix.normalize(file)}`), `${file} referenced by package.json`);
  });

  it('leaves out node_modules, sources, tests and maps', () => {
    const bloat = entries.filter((e) => /node_modules\/|\.ts$|^extension\/(test|client|scripts|examples)\/|\.map$|server\/src\//.test(e));
    assert.deepEqual(bloat, []);
    assert.ok(fs.statSync(vsix).size < 15 * 1024 * 1024, `${fs.statSync(vsix).size} bytes`);
  });

  it('runs its bundled server: the Postgres parser loads, and rule pages are found next to it', async () => {
    const extension = path.join(scratch, 'unpacked');
    await unpackExtension(vsix, extension);
    const root = writeProject({ 'supabase/migrations/20240101000000_init.sql': 'create tabel public.notes (id bigint);\n' });
    const client = new TestClient([path.join(extension, 'dist', 'server.js'), '--stdio']);
    try {
      await client.initialize(root);
      const migration = path.posix.join(root, 'supabase/migrations/20240101000000_init.sql');
      await client.open(migration, fs.readFileSync(migration, 'utf8'));
      const [parseError] = (await client.diagnostics(migration)).filter((d) => d.code === 'meta/parse-error');
      assert.match(String(parseError?.message), /syntax error/i, client.stderr);
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'supaguard.showDocumentation', arguments: ['meta/parse-error'] });
      assert.equal(fs.realpathSync(new URL(client.shownDocuments[0].uri).pathname), fs.realpathSync(path.join(extension, 'docs', 'rules', 'meta', 'parse-error.md')));
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  // The extension runs `dist/supaguard.js` for its MCP server definition and its probe and verify commands.
  it('runs its bundled CLI without node_modules: verified mode replays in PGlite, and `supaguard mcp` serves', async () => {
    const extension = path.join(scratch, 'unpacked-cli');
    await unpackExtension(vsix, extension);
    const cli = path.join(extension, 'dist', 'supaguard.js');
    const root = writeProject({
      'supabase/migrations/20240101000000_notes.sql': `create table public.notes (
  id bigint generated always as identity primary key,
  owner_id uuid not null references auth.users (id),
  body text not null
);
-- TODO: RLS once sharing is designed.
`,
    });
    const verify = spawnSync(process.execPath, [cli, 'verify', '.', '--format', 'json', '--fail-on', 'never'], { cwd: root, encoding: 'utf8' });
    const report = JSON.parse(verify.stdout || '{}');
    assert.ok(report.findings?.some((f: { ruleId: string }) => f.ruleId === 'sql/rls-anon-leak'), `${verify.stderr}\n${JSON.stringify(report.stats?.verify)}`);

    const client = new Client({ name: 'supaguard-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ ...mcpServerLaunch(root, cli), stderr: 'pipe' }));
    try {
      assert.ok((await client.listTools()).tools.some((t) => t.name === 'scan'));
    } finally {
      await client.close();
    }
  });
});
