import * as assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import * as vscode from 'vscode';
import { editorMcpApi, supaguardMcpDefinitions } from '../../../client/src/mcp-server';
import type { VerifiedFinding } from '../../../server/src/lsp/protocol';
import { ruleOf, supaguardDiagnostics, whenDiagnostics } from './diagnostics';

/**
 * The commands that start processes for the user (verified mode, the MCP probe) and the MCP server
 * definition, inside the extension host with the example project open. code-server runs with workspace
 * trust off, so the workspace counts as trusted here.
 */

const EXTENSION_ID = 'supaguard.supaguard';

interface ReportedFinding {
  ruleId: string;
  file: string;
}

function diagnosticsOf(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return supaguardDiagnostics(uri).filter((d) => ruleOf(d) === ruleId);
}

describe('Supaguard agent commands in VS Code', () => {
  let folder: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    folder = vscode.workspace.workspaceFolders![0].uri;
  });

  it('activates with or without the editor\'s MCP server API, and offers the probe and verify commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(extension.isActive);
    const manifest = extension.packageJSON.contributes.mcpServerDefinitionProviders as { id: string }[];
    assert.deepEqual(manifest.map((p) => p.id), ['supaguard.mcp']);
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['supaguard.probeMcpServers', 'supaguard.verifyMigrations']) assert.ok(commands.includes(command), command);
  });

  it('defines `supaguard mcp` for the workspace with the editor\'s MCP API, and the definition serves its tools', async function () {
    this.timeout(120_000);
    const api = editorMcpApi();
    // An editor without the API (older VS Code, some forks): activation above is what matters there.
    if (!api) return;
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const definitions = supaguardMcpDefinitions(extension, api.Definition) as { label: string; command: string; args: string[]; env: Record<string, string> }[];
    assert.equal(definitions.length, 1);
    assert.ok(definitions[0] instanceof api.Definition);
    assert.deepEqual(definitions[0].args.slice(-3), ['mcp', '--root', folder.fsPath]);
    const client = new Client({ name: 'supaguard-e2e', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: definitions[0].command, args: definitions[0].args, env: { ...process.env, ...definitions[0].env } as Record<string, string>, stderr: 'pipe' }));
    try {
      assert.ok((await client.listTools()).tools.some((t) => t.name === 'scan'));
    } finally {
      await client.close();
    }
  });

  it('with verify.onSave, verifies the folder at once, then checks a saved migration again and shows the leak it adds', async function () {
    this.timeout(180_000);
    await vscode.workspace.getConfiguration('supaguard').update('verify.onSave', true, vscode.ConfigurationTarget.Workspace);
    // Only verified mode reports leaks: their appearance shows the check that enabling the setting starts.
    const documents = vscode.Uri.joinPath(folder, 'supabase', 'migrations', '20240202110000_documents.sql');
    await whenDiagnostics(() => (diagnosticsOf(documents, 'sql/rls-anon-leak').length ? true : undefined), 'the verification started by enabling verify.onSave');
    const migration = vscode.Uri.joinPath(folder, 'supabase', 'migrations', '20240320100000_digest_cron.sql');
    const document = (await vscode.window.showTextDocument(migration)).document;
    const end = document.lineAt(document.lineCount - 1).range.end;
    const policyLine = end.line + 3;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(migration, end, `
create table public.digest_runs (id bigint generated always as identity primary key, user_id uuid not null references auth.users (id), summary text);
alter table public.digest_runs enable row level security;
create policy "digest runs are shared" on public.digest_runs using (true) with check (true);
`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    const [leak] = await whenDiagnostics(() => {
      const found = diagnosticsOf(migration, 'sql/rls-anon-leak').filter((d) => /digest_runs/.test(d.message));
      return found.length ? found : undefined;
    }, 'the leak of the saved migration');
    assert.equal(leak.range.start.line, policyLine, 'on the policy that lets anyone change rows');
  });

  it('verifies the migrations in PGlite and shows a leak as a diagnostic on the migration', async function () {
    this.timeout(180_000);
    const findings = await vscode.commands.executeCommand<VerifiedFinding[] | undefined>('supaguard.verifyMigrations');
    assert.ok(findings?.length, 'verified mode reported findings');
    const leak = findings.find((f) => f.ruleId === 'sql/rls-anon-leak');
    assert.ok(leak, findings.map((f) => f.ruleId).join(', '));
    const uri = vscode.Uri.parse(leak.uri);
    await whenDiagnostics(() => (diagnosticsOf(uri, 'sql/rls-anon-leak').length ? true : undefined), `the verified leak on ${uri.path}`);
  });

  it('probes a confirmed MCP config and reports a server that does not start on its server name', async function () {
    this.timeout(120_000);
    const config = vscode.Uri.joinPath(folder, 'notes-mcp.json');
    const text = JSON.stringify({ mcpServers: { notes: { command: 'node', args: ['mcp/notes-server.js'] } } }, null, 2);
    await vscode.workspace.fs.writeFile(config, Buffer.from(text, 'utf8'));
    // `confirmed` stands for the modal's button, which a test cannot press; only code can pass it.
    const findings = await vscode.commands.executeCommand<ReportedFinding[] | undefined>('supaguard.probeMcpServers', { config, confirmed: true });
    assert.deepEqual(findings?.map((f) => f.ruleId), ['mcp/probe-failed']);
    const [diagnostic] = diagnosticsOf(config, 'mcp/probe-failed');
    assert.ok(diagnostic, 'probe-failed diagnostic on the config');
    assert.equal(diagnostic.range.start.line, 2, 'on the server name');
  });
});
