// Language server latency as an editor sees it, over stdio on the example project: the first diagnostics of an
// opened file (discovery and parser loading included), then the round trip from an edit to its diagnostics
// (25 ms of it is the server's wait for a newer keystroke), and a whole-workspace pull.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = mkdtempSync(join(tmpdir(), 'supaguard-bench-lsp-'));
cpSync(join(repo, 'examples', 'insecure-app'), root, { recursive: true });

const child = spawn(process.execPath, [join(repo, 'bin', 'supaguard.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ enable: true, run: 'onType', rules: {} })));
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('workspace/diagnostic/refresh', () => null);
connection.listen();

const uri = (relative) => pathToFileURL(join(root, relative)).href;
const ms = (start) => performance.now() - start;
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: uri(''),
  workspaceFolders: [{ uri: uri(''), name: 'insecure-app' }],
  capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: {} } },
});
await connection.sendNotification('initialized', {});

async function measure(relative, languageId, edit) {
  const text = readFileSync(join(root, relative), 'utf8');
  const document = { uri: uri(relative), languageId, version: 1, text };
  let start = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: document });
  const first = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: document.uri } });
  const firstMs = ms(start);
  const rounds = [];
  for (let version = 2; version <= 31; version++) {
    start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: document.uri, version },
      contentChanges: [{ text: edit(text, version) }],
    });
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: document.uri } });
    rounds.push(ms(start));
  }
  console.log(
    `${relative}: first diagnostics ${firstMs.toFixed(0)} ms (${first.items.length} findings); ` +
      `edit → diagnostics median ${percentile(rounds, 0.5).toFixed(1)} ms, p95 ${percentile(rounds, 0.95).toFixed(1)} ms (30 edits)`,
  );
}

await measure('supabase/migrations/20240202110000_documents.sql', 'sql', (text, v) => `${text}\n-- edit ${v}\ncreate table public.draft_${v} (id bigint primary key);\n`);
await measure('app/api/messages/route.ts', 'typescript', (text, v) => `${text}\n// edit ${v}\nexport const revision${v} = ${v};\n`);

let start = performance.now();
const report = await connection.sendRequest('workspace/diagnostic', { previousResultIds: [] });
console.log(`workspace pull: ${ms(start).toFixed(0)} ms for ${report.items.length} files not open`);

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
rmSync(root, { recursive: true, force: true });
