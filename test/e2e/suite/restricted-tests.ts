import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Runs with the example project opened untrusted: static linting must still work in Restricted Mode. */
describe('Supaguard in Restricted Mode', () => {
  it('lints an untrusted workspace', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
    const extension = vscode.extensions.getExtension('supaguard.supaguard')!;
    await extension.activate();
    const migration = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'supabase', 'migrations', '20240202110000_documents.sql');
    await vscode.window.showTextDocument(migration);
    await new Promise<void>((resolve, reject) => {
      const found = () => vscode.languages.getDiagnostics(migration).some((d) => d.source === 'supaguard' && (d.code as { value: string }).value === 'sql/rls-disabled');
      const timer = setTimeout(() => reject(new Error('no supaguard diagnostics in Restricted Mode')), 60_000);
      const done = () => {
        if (!found()) return;
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const listener = vscode.languages.onDidChangeDiagnostics(done);
      done();
    });
  });
});
