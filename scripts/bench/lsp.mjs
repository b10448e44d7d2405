// Language server latency as an editor sees it, over stdio on the example project: the first diagnostics of an
// opened file (discovery and parser loading included), then the round trip from an edit to its diagnostics
// (25 ms of it is the server's wait for a newer keystroke), a whole-workspace pull, and verified mode on save.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Verified mode as the editor runs it: the palette command (cold), then a save of the last migration.
start = performance.now();
const verified = await connection.sendRequest('supaguard/verify', { folder: uri('') });
console.log(`verify request, cold: ${ms(start).toFixed(0)} ms, of which replay and probes ${verified.projects[0].durationMs} ms (${verified.findings.length} verified findings)`);
const lastMigration = 'supabase/migrations/20240320100000_digest_cron.sql';
const lastText = readFileSync(join(root, lastMigration), 'utf8');
const saves = [];
for (let round = 1; round <= 10; round++) {
  writeFileSync(join(root, lastMigration), `${lastText}
comment on table public.profiles is 'revision ${round}';
`);
  start = performance.now();
  await connection.sendRequest('supaguard/verify', { savedFile: uri(lastMigration) });
  await connection.sendRequest('workspace/diagnostic', { previousResultIds: [] });
  saves.push(ms(start));
}
console.log(`save of the last migration → verified diagnostics: median ${percentile(saves, 0.5).toFixed(0)} ms, p95 ${percentile(saves, 0.95).toFixed(0)} ms (10 saves; goal ≤ 200)`);

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
rmSync(root, { recursive: true, force: true });
