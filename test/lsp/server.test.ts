import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { docsUrl } from '../../server/src/engine/docs';
import type { VerifyOutcome } from '../../server/src/lsp/protocol';
import { COPILOT_MIGRATION, copilotThreads } from '../support/copilot-threads';
import { writeProject } from '../support/project';
import { MINIMAL_CLIENT, PUSH_CLIENT, TestClient, uriOf } from './lsp-client';

const PROFILES = `-- Profiles of signed-in users, one row per auth.users row.
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text unique,
  avatar_url text
);
`;
const PROFILES_RLS = `alter table public.profiles enable row level security;

create policy "Profiles are readable by their owner" on public.profiles
  for select to authenticated using ((select auth.uid()) = id);
`;
const MIGRATION_1 = 'supabase/migrations/20240101000000_profiles.sql';
const MIGRATION_2 = 'supabase/migrations/20240102000000_profiles_rls.sql';

const MCP_CONFIG = `{
  // Agents in this workspace: the hosted docs server and our database.
  "servers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.5", "--project-ref=abcdefghijklmnopqrst"]
    },
    "playwright": {
      "command": "npx",
      "args": ["@playwright/mcp@0.0.41", "--host", "0.0.0.0", "--port", "8931"]
    }
  }
}
`;

const THREADS = COPILOT_MIGRATION;
const LOCKDOWN = 'supabase/migrations/20240102000000_lockdown.sql';

const threadsMigration = (readPolicy: string) => `${copilotThreads(readPolicy)}
create table public.usage_events (
  id bigint generated always as identity primary key,
  thread_id uuid references public.copilot_threads (id),
  tokens integer not null
);
`;
// Static analysis cannot follow the loop; the replayed database shows every public table with RLS on.
const LOCKDOWN_SQL = `do $$
declare t record;
begin
  for t in select tablename from pg_tables where schemaname = 'public' loop
    execute format('alter table public.%I enable row level security', t.tablename);
  end loop;
end $$;
`;

const byRule = (diagnostics: Diagnostic[], ruleId: string) => diagnostics.filter((d) => d.code === ruleId);
const rulesAt = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();


describe('language server over stdio (supaguard lsp --stdio)', function () {
  this.timeout(60_000);
  let client: TestClient;
  let root: string;
  const file = (relative: string) => path.posix.join(root, relative);

  beforeEach(() => {
    client = new TestClient();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && client.stderr) console.error(client.stderr);
    client.kill();
  });

  it('initializes with pull diagnostics, code actions, fix-all and the documentation command, and watches files', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    const { capabilities, serverInfo } = await client.initialize(root);
    assert.equal(serverInfo?.name, 'supaguard');
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'supaguard', interFileDependencies: true, workspaceDiagnostics: true });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.supaguard'] });
    assert.deepEqual(capabilities.executeCommandProvider?.commands, ['supaguard.showDocumentation']);
    // The registration is sent on `initialized`, so it has arrived by the time a later request is answered.
    assert.deepEqual(await client.diagnostics(file(MIGRATION_1)), []);
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'));
    assert.equal(await client.shutdown(), 0);
  });

  it('reports a finding with its rule id, documentation link and fixes', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    const [finding, ...rest] = byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled');
    assert.equal(rest.length, 0);
    assert.equal(finding.source, 'supaguard');
    assert.equal(finding.severity, 1);
    assert.equal(finding.codeDescription?.href, docsUrl('sql/rls-disabled'));
    assert.equal(finding.range.start.line, 1);
    assert.match(String(finding.message), /profiles/);
    const fixes = (finding.data as { fixes: { title: string; edits: unknown[] }[] }).fixes;
    assert.ok(fixes.length >= 1 && fixes[0].edits.length >= 1, 'the enable-RLS fix travels with the diagnostic');
  });

  it('clears the error on an earlier migration when a later open migration enables RLS, and brings it back', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled').length, 1);

    // A new migration, typed in the editor and not yet saved.
    let refreshed = client.nextRefresh();
    await client.open(file(MIGRATION_2), '');
    await client.change(file(MIGRATION_2), PROFILES_RLS);
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);

    refreshed = client.nextRefresh();
    await client.change(file(MIGRATION_2), '-- Row level security for profiles: to do.\n');
    await refreshed;
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled').length, 1);

    // A later migration that turns RLS off is reported there, pointing back at the create.
    await client.change(file(MIGRATION_2), 'alter table public.profiles disable row level security;\n');
    const [disabled] = byRule(await client.diagnostics(file(MIGRATION_2)), 'sql/rls-explicitly-disabled');
    assert.deepEqual(disabled.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[uriOf(file(MIGRATION_1)), 1]]);
  });

  /** A project with one migration that leaves a table without RLS, open; the code actions on its finding. */
  async function actionsOnUnprotectedTable(): Promise<CodeAction[]> {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    const [finding] = byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled');
    return client.codeActions(file(MIGRATION_1), finding.range, [finding]);
  }

  it('applies the preferred quick-fix and the diagnostic goes away', async () => {
    const actions = await actionsOnUnprotectedTable();
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0].kind, 'quickfix');
    await client.apply(preferred[0].edit!);
    assert.match(client.texts.get(uriOf(file(MIGRATION_1)))!.text, /alter table public\.profiles enable row level security;/i);
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);
  });

  it('finds the fixes again for a client that sends diagnostics back without data or source', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    const [finding] = byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled');
    const bare: Diagnostic = { range: finding.range, message: finding.message, code: finding.code };
    const preferred = (await client.codeActions(file(MIGRATION_1), finding.range, [bare])).find((a) => a.isPreferred);
    assert.ok(preferred?.edit, 'the quick-fix is offered');
    await client.apply(preferred.edit);
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);
  });

  it('pushes diagnostics to clients without pull support, across files too', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    const { capabilities } = await client.initialize(root, PUSH_CLIENT);
    assert.ok(capabilities.textDocumentSync);
    await client.open(file(MIGRATION_1), PROFILES);
    const [finding] = byRule(await client.whenPublished(file(MIGRATION_1), (d) => byRule(d, 'sql/rls-disabled').length > 0), 'sql/rls-disabled');
    assert.equal(finding.codeDescription?.href, docsUrl('sql/rls-disabled'));
    await client.open(file(MIGRATION_2), PROFILES_RLS);
    await client.whenPublished(file(MIGRATION_1), (d) => byRule(d, 'sql/rls-disabled').length === 0);
  });

  it('serves a client with no optional capability, watching the disk itself', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    await client.initialize(root, MINIMAL_CLIENT);
    await client.open(file(MIGRATION_1), PROFILES);
    await client.whenPublished(file(MIGRATION_1), (d) => byRule(d, 'sql/rls-disabled').length === 1);
    // Another tool writes the next migration; nobody tells the server.
    fs.writeFileSync(file(MIGRATION_2), PROFILES_RLS);
    await client.whenPublished(file(MIGRATION_1), (d) => byRule(d, 'sql/rls-disabled').length === 0);

    // It cannot open documents: the documentation command tells the address instead.
    const shown = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'supaguard.showDocumentation', arguments: ['sql/rls-disabled'] });
    assert.equal(shown, false);
    assert.deepEqual(client.shownDocuments, []);
    assert.ok(client.messages.some((m) => m.includes(docsUrl('sql/rls-disabled'))), client.messages.join('\n'));
  });

  it('offers "ignore with reason" for the line and the file in the file\'s comment syntax, and "show documentation"', async () => {
    const actions = await actionsOnUnprotectedTable();
    const titled = (pattern: RegExp) => actions.find((a) => pattern.test(a.title))!;

    const docs = titled(/documentation/);
    assert.deepEqual(docs.command?.arguments, ['sql/rls-disabled']);
    const shown = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: docs.command!.command, arguments: docs.command!.arguments });
    assert.equal(shown, true);
    assert.match(client.shownDocuments[0].uri, /docs\/rules\/sql\/rls-disabled\.md$/);

    const onLine = titled(/on this line/);
    await client.apply(onLine.edit!);
    const lines = client.texts.get(uriOf(file(MIGRATION_1)))!.text.split('\n');
    assert.equal(lines[1], '-- supaguard-ignore sql/rls-disabled: <reason>');
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);

    await client.change(file(MIGRATION_1), PROFILES);
    const [again] = byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled');
    const inFile = (await client.codeActions(file(MIGRATION_1), again.range, [again])).find((a) => /in this file/.test(a.title))!;
    await client.apply(inFile.edit!);
    assert.ok(client.texts.get(uriOf(file(MIGRATION_1)))!.text.startsWith('-- supaguard-ignore-file sql/rls-disabled: <reason>\n'));
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);
  });

  it('puts "ignore on this line" above the whole SQL statement when the finding is inside it', async () => {
    const integrations = `create table public.integrations (
  id bigint generated always as identity primary key,
  workspace_id uuid not null,
  slack_access_token text
);
alter table public.integrations enable row level security;
`;
    root = writeProject({ [MIGRATION_1]: integrations });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), integrations);
    const [column] = byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/plaintext-secret-column');
    assert.equal(column.range.start.line, 3);
    const onLine = (await client.codeActions(file(MIGRATION_1), column.range, [column])).find((a) => /on this line/.test(a.title))!;
    await client.apply(onLine.edit!);
    assert.ok(client.texts.get(uriOf(file(MIGRATION_1)))!.text.startsWith('-- supaguard-ignore sql/plaintext-secret-column: <reason>\ncreate table'));
    const after = await client.diagnostics(file(MIGRATION_1));
    assert.deepEqual(byRule(after, 'sql/plaintext-secret-column'), []);
    assert.deepEqual(byRule(after, 'meta/unused-suppression'), []);
  });

  it('offers no comment-based ignore in a plain JSON file', async () => {
    const config = 'claude_desktop_config.json';
    const text = JSON.stringify({ mcpServers: { browser: { command: 'npx', args: ['@playwright/mcp@0.0.41', '--host', '0.0.0.0'] } } }, null, 2);
    root = writeProject({ [config]: text });
    await client.initialize(root);
    await client.open(file(config), text);
    const [finding] = byRule(await client.diagnostics(file(config)), 'mcp/bind-all-interfaces');
    const titles = (await client.codeActions(file(config), finding.range, [finding])).map((a) => a.title);
    assert.ok(!titles.some((t) => /ignore/i.test(t)), titles.join(', '));
    assert.ok(titles.some((t) => /documentation/.test(t)));
  });

  it('fix-all applies only safe fixes, as a versioned edit of the document', async () => {
    const config = '.vscode/mcp.json';
    root = writeProject({ [config]: MCP_CONFIG });
    await client.initialize(root);
    await client.open(file(config), MCP_CONFIG);
    await client.change(file(config), MCP_CONFIG);
    const before = await client.diagnostics(file(config));
    type Data = { fixes: { safe: boolean }[] };
    const withSafeFix = before.filter((d) => (d.data as Data).fixes.some((f) => f.safe));
    const unsafeOnly = before.filter((d) => (d.data as Data).fixes.length > 0 && !(d.data as Data).fixes.some((f) => f.safe));
    assert.ok(withSafeFix.length >= 2, 'bind-all-interfaces and supabase-not-read-only have safe fixes');

    const [fixAll, ...others] = await client.codeActions(file(config), withSafeFix[0].range, [], ['source.fixAll.supaguard']);
    assert.equal(others.length, 0);
    assert.equal((fixAll as CodeAction).kind, 'source.fixAll.supaguard');
    const change = fixAll.edit!.documentChanges![0] as { textDocument: { uri: string; version: number } };
    assert.deepEqual(change.textDocument, { uri: uriOf(file(config)), version: 2 });

    await client.apply(fixAll.edit!);
    const text = client.texts.get(uriOf(file(config)))!.text;
    assert.match(text, /"127\.0\.0\.1"/);
    assert.match(text, /--read-only/);
    assert.match(text, /\/\/ Agents in this workspace/, 'comments and formatting are kept');
    const after = await client.diagnostics(file(config));
    for (const d of withSafeFix) assert.deepEqual(byRule(after, String(d.code)), [], `${d.code} fixed`);
    for (const d of unsafeOnly) assert.ok(byRule(after, String(d.code)).length > 0, `${d.code} left for a person to fix`);

    // An edit computed for an older version is refused by the editor.
    await client.change(file(config), `${text}\n`);
    await assert.rejects(client.apply(fixAll.edit!), /computed for version 2/);
  });

  it('lights up a service-role module when a client component starts importing it', async () => {
    const admin = `import { createClient } from '@supabase/supabase-js';

export const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});
`;
    const page = `'use client';
import { useEffect, useState } from 'react';

export default function Dashboard() {
  const [count, setCount] = useState(0);
  useEffect(() => setCount(1), []);
  return <p>{count} projects</p>;
}
`;
    root = writeProject({
      'package.json': JSON.stringify({ name: 'web', dependencies: { '@supabase/supabase-js': '2.45.0', next: '14.2.5' } }),
      'lib/supabase-admin.ts': admin,
      'app/dashboard/page.tsx': page,
    });
    await client.initialize(root);
    await client.open(file('lib/supabase-admin.ts'), admin);
    await client.open(file('app/dashboard/page.tsx'), page);
    const inBrowser = async () => [
      ...byRule(await client.diagnostics(file('lib/supabase-admin.ts')), 'code/service-role-in-browser'),
      ...byRule(await client.diagnostics(file('app/dashboard/page.tsx')), 'code/service-role-in-browser'),
    ];
    assert.deepEqual(await inBrowser(), []);

    const refreshed = client.nextRefresh();
    await client.change(file('app/dashboard/page.tsx'), page.replace("import { useEffect", "import { supabaseAdmin } from '../../lib/supabase-admin';\nimport { useEffect").replace('setCount(1)', "void supabaseAdmin.from('projects').select('id').then(({ data }) => setCount(data?.length ?? 0))"));
    await refreshed;
    const [secretInBrowser] = await inBrowser();
    assert.ok(secretInBrowser, 'the service-role key is now reachable from the browser');
    const importer = secretInBrowser.relatedInformation?.find((r) => r.location.uri === uriOf(file('app/dashboard/page.tsx')));
    assert.ok(importer, `related: ${JSON.stringify(secretInBrowser.relatedInformation)}`);
    assert.match(importer.message, /imports/);
  });

  it('reports files that are not open through workspace diagnostics, and follows changes on disk', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    await client.initialize(root);
    const report = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const forMigration = report.items.find((i) => i.uri === uriOf(file(MIGRATION_1)));
    assert.ok(forMigration?.kind === 'full' && byRule(forMigration.items, 'sql/rls-disabled').length === 1);

    fs.writeFileSync(file(MIGRATION_2), PROFILES_RLS);
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(file(MIGRATION_2)), type: FileChangeType.Created }],
    });
    await refreshed;
    const after = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
      previousResultIds: [{ uri: forMigration.uri, value: forMigration.resultId! }],
    });
    const cleared = after.items.find((i) => i.uri === uriOf(file(MIGRATION_1)));
    assert.ok(cleared?.kind === 'full');
    assert.deepEqual(byRule(cleared.items, 'sql/rls-disabled'), []);
  });

  it('re-lints when supabase/config.toml changes which schemas the API exposes', async () => {
    const billing = 'create table billing.invoices (id bigint primary key, total numeric not null);\n';
    root = writeProject({ 'supabase/config.toml': '[api]\nschemas = ["public"]\n', [MIGRATION_1]: billing });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), billing);
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);

    fs.writeFileSync(file('supabase/config.toml'), '[api]\nschemas = ["public", "billing"]\n');
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(file('supabase/config.toml')), type: FileChangeType.Changed }],
    });
    await refreshed;
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled').length, 1);
  });

  it('scans the workspace, exports SARIF and answers the production checklist on request (the extension\'s palette commands)', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES, '.env.local': `NEXT_PUBLIC_SUPABASE_ANON_KEY=${'x'.repeat(4)}\n` });
    await client.initialize(root);
    const refreshed = client.nextRefresh();
    const summary = await client.connection.sendRequest<{ files: number; findings: { error: number }; byFile: { uri: string; error: number }[] }>(
      'supaguard/scanWorkspace',
    );
    await refreshed;
    assert.equal(summary.files, 2);
    assert.ok(summary.findings.error >= 1);
    assert.equal(summary.byFile[0].uri, uriOf(file(MIGRATION_1)));

    const { sarif } = await client.connection.sendRequest<{ sarif: string }>('supaguard/exportSarif', { folder: uriOf(root) });
    const log = JSON.parse(sarif);
    assert.equal(log.version, '2.1.0');
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'sql/rls-disabled');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, MIGRATION_1);

    const { markdown } = await client.connection.sendRequest<{ markdown: string }>('supaguard/checklist', { folder: uriOf(root) });
    assert.match(markdown, /^# Supaguard production checklist/);
    const rlsItem = markdown.split('\n## ').find((item) => /sql\/rls-disabled/.test(item));
    assert.ok(rlsItem, markdown);
    assert.match(rlsItem, /FAIL/);
    assert.match(rlsItem, new RegExp(`${MIGRATION_1}:2`));
  });

  it('drops a pull made stale by a newer edit, and answers the newest one', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    const stale = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uriOf(file(MIGRATION_1)) } });
    const change = client.change(file(MIGRATION_1), `${PROFILES}\n${PROFILES_RLS}`);
    await assert.rejects(stale, (error: ResponseError<{ retriggerRequest: boolean }>) => {
      assert.equal(error.code, LSPErrorCodes.ServerCancelled);
      assert.equal(error.data?.retriggerRequest, true);
      return true;
    });
    await change;
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);

    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uriOf(file(MIGRATION_1)) } }, source.token);
    source.cancel();
    await assert.rejects(cancelled, (error: ResponseError<unknown>) => error.code === LSPErrorCodes.RequestCancelled);
  });

  it('lists the service-role inventory from the files as the editor has them', async () => {
    const admin = `import { createClient } from '@supabase/supabase-js';

export const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});
`;
    const route = `import { supabaseAdmin } from '../../../lib/supabase-admin';

export async function GET() {
  const { data } = await supabaseAdmin.from('invoices').select('id, total');
  return Response.json(data);
}
`;
    root = writeProject({
      'package.json': JSON.stringify({ name: 'billing', dependencies: { '@supabase/supabase-js': '2.45.0', next: '14.2.5' } }),
      'lib/supabase-admin.ts': admin,
      'app/api/invoices/route.ts': route,
    });
    await client.initialize(root);
    type Inventory = { uri: string; client: string; tables: string[]; justification?: string; keySource: string }[];
    const [entry, ...rest] = await client.connection.sendRequest<Inventory>('supaguard/serviceRoleInventory');
    assert.equal(rest.length, 0);
    assert.equal(entry.uri, uriOf(file('lib/supabase-admin.ts')));
    assert.equal(entry.client, 'supabaseAdmin');
    assert.deepEqual(entry.tables, ['invoices']);
    assert.equal(entry.keySource, 'process.env.SUPABASE_SERVICE_ROLE_KEY');
    assert.equal(entry.justification, undefined);

    await client.open(file('lib/supabase-admin.ts'), admin);
    await client.change(
      file('lib/supabase-admin.ts'),
      admin.replace('export const', '// supaguard-ignore code/service-role-client: billing jobs run without a user\nexport const'),
    );
    const [justified] = await client.connection.sendRequest<Inventory>('supaguard/serviceRoleInventory');
    assert.equal(justified.justification, 'billing jobs run without a user');
  });

  it('keeps the last result while the buffer is dirty with supaguard.run = onSave, and lints on save', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    client.settings = { enable: true, run: 'onSave', rules: {} };
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled').length, 1);
    await client.change(file(MIGRATION_1), `${PROFILES}${PROFILES_RLS}`);
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled').length, 1, 'unchanged until saved');
    await client.save(file(MIGRATION_1));
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);
  });

  it('warns about a broken supaguard.jsonc, lints with the defaults, and picks up the fixed file', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES, 'supaguard.jsonc': '{ "rules": { "sql/rls-disabled": "of" } }' });
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled').length, 1);
    assert.match(client.messages.join('\n'), /supaguard\.jsonc.*default configuration/);

    fs.writeFileSync(file('supaguard.jsonc'), '{ "rules": { "sql/rls-disabled": "off" } }');
    const refreshed = client.nextRefresh();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(file('supaguard.jsonc')), type: FileChangeType.Changed }],
    });
    await refreshed;
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), []);
  });

  it('keeps answering through half-typed and hostile input', async () => {
    const config = '.vscode/mcp.json';
    root = writeProject({ [config]: MCP_CONFIG, [MIGRATION_1]: PROFILES });
    await client.initialize(root);
    await client.open(file(config), MCP_CONFIG.slice(0, MCP_CONFIG.indexOf('"playwright"') + 20));
    const halfTyped = await client.diagnostics(file(config));
    assert.ok(byRule(halfTyped, 'meta/parse-error').length >= 1, JSON.stringify(halfTyped.map((d) => d.code)));

    await client.open(file(MIGRATION_1), `create table public.notes (\u0000\uFFFF ${'('.repeat(5000)}`);
    const garbage = await client.diagnostics(file(MIGRATION_1));
    assert.ok(garbage.every((d) => d.code === 'meta/parse-error' || String(d.code).startsWith('sql/')), JSON.stringify(garbage.map((d) => d.code)));

    await client.change(file(config), MCP_CONFIG);
    assert.equal(byRule(await client.diagnostics(file(config)), 'mcp/bind-all-interfaces').length, 1);
  });

  it('lints a file opened outside any workspace folder against its own project', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES, 'package.json': '{"name":"api"}' });
    const elsewhere = writeProject({ 'README.md': '# scratch\n' });
    await client.initialize(elsewhere);
    await client.open(file(MIGRATION_1), PROFILES);
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled').length, 1);
    await client.open(file(MIGRATION_2), PROFILES_RLS);
    assert.deepEqual(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled'), [], 'the later migration counts');
  });

  it('follows the supaguard settings pulled for the document', async () => {
    root = writeProject({ [MIGRATION_1]: PROFILES });
    client.settings = { enable: true, run: 'onType', rules: { 'sql/rls-disabled': 'warning' } };
    await client.initialize(root);
    await client.open(file(MIGRATION_1), PROFILES);
    assert.equal(byRule(await client.diagnostics(file(MIGRATION_1)), 'sql/rls-disabled')[0].severity, 2);
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.change(file(MIGRATION_1), `${PROFILES}\n`);
    assert.deepEqual(await client.diagnostics(file(MIGRATION_1)), []);
  });

  it('verified mode (supaguard/verify): adds the leaks it proves, drops the static findings the database refutes, re-checks on save', async () => {
    root = writeProject({ [THREADS]: threadsMigration('true'), [LOCKDOWN]: LOCKDOWN_SQL });
    await client.initialize(root);
    await client.open(file(THREADS), threadsMigration('true'));
    assert.deepEqual(rulesAt(await client.diagnostics(file(THREADS))), ['sql/policy-implicit-public@6', 'sql/private-table-shared@6', 'sql/rls-disabled@10']);

    const refreshed = client.nextRefresh();
    const outcome = await client.connection.sendRequest<VerifyOutcome>('supaguard/verify', { folder: uriOf(root) });
    await refreshed;
    assert.equal(outcome.projects.length, 1);
    assert.equal(outcome.projects[0].error, undefined);
    assert.equal(outcome.projects[0].tablesProbed, 2);
    const leak = outcome.findings.find((f) => f.ruleId === 'sql/rls-anon-leak');
    assert.ok(leak, JSON.stringify(outcome.findings));
    assert.equal(leak.uri, uriOf(file(THREADS)));
    assert.match(leak.message, /"threads are readable"/);

    // The database enabled RLS on usage_events (the DO loop): the static finding goes, the proven leaks come.
    const verified = await client.diagnostics(file(THREADS));
    assert.deepEqual(rulesAt(verified), ['sql/policy-implicit-public@6', 'sql/private-table-shared@6', 'sql/rls-anon-leak@6', 'sql/rls-cross-user-leak@6']);
    assert.equal(verified.find((d) => d.code === 'sql/rls-anon-leak')?.source, 'supaguard');

    // Typing makes the verification stale for this project: its findings and verdicts wait for the next check.
    await client.change(file(THREADS), threadsMigration('user_id = (select auth.uid())'));
    assert.deepEqual(rulesAt(await client.diagnostics(file(THREADS))), ['sql/rls-disabled@10']);

    // Saved and checked again, from the warm database: the leak is gone, the refutation is back.
    fs.writeFileSync(file(THREADS), threadsMigration('user_id = (select auth.uid())'));
    await client.save(file(THREADS));
    const again = await client.connection.sendRequest<VerifyOutcome>('supaguard/verify', { savedFile: uriOf(file(THREADS)) });
    assert.deepEqual(again.findings, []);
    assert.deepEqual(rulesAt(await client.diagnostics(file(THREADS))), []);
  });

  it('verified mode: stops a check the client cancels, and checks again afterwards', async () => {
    root = writeProject({ [THREADS]: threadsMigration('true') });
    await client.initialize(root);
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest<VerifyOutcome>('supaguard/verify', { folder: uriOf(root) }, source.token);
    setTimeout(() => source.cancel(), 200);
    await assert.rejects(cancelled, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);

    const outcome = await client.connection.sendRequest<VerifyOutcome>('supaguard/verify', { folder: uriOf(root) });
    assert.deepEqual([...new Set(outcome.findings.map((f) => f.ruleId))].sort(), ['sql/rls-anon-leak', 'sql/rls-cross-user-leak']);
  });
});
