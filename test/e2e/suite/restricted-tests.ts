import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ruleOf, supaguardDiagnostics, whenDiagnostics } from './diagnostics';

/**
 * Runs with the example project opened untrusted: static linting must still work in Restricted Mode, and
 * nothing that runs the project's code (its migrations, its MCP servers) may start.
 */
describe('Supaguard in Restricted Mode', () => {
  let folder: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension('supaguard.supaguard')!.activate();
    folder = vscode.workspace.workspaceFolders![0].uri;
  });

  it('lints an untrusted workspace', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
    const migration = vscode.Uri.joinPath(folder, 'supabase', 'migrations', '20240202110000_documents.sql');
    await vscode.window.showTextDocument(migration);
    await whenDiagnostics(() => (supaguardDiagnostics(migration).some((d) => ruleOf(d) === 'sql/rls-disabled') ? true : undefined), 'supaguard diagnostics in Restricted Mode');
  });

  it('refuses to replay the migrations or start MCP servers', async () => {
    assert.equal(await vscode.commands.executeCommand('supaguard.verifyMigrations'), undefined);
    const config = vscode.Uri.joinPath(folder, 'notes-mcp.json');
    await vscode.workspace.fs.writeFile(config, Buffer.from(JSON.stringify({ mcpServers: { notes: { command: 'node', args: ['mcp/notes-server.js'] } } }), 'utf8'));
    assert.equal(await vscode.commands.executeCommand('supaguard.probeMcpServers', { config, confirmed: true }), undefined);
    const started = vscode.languages.getDiagnostics().flatMap(([, list]) => list.filter((d) => /^(sql\/rls-.*-leak|sql\/migration-fails|mcp\/probe-failed)$/.test(ruleOf(d))));
    assert.deepEqual(started, []);
  });
});
