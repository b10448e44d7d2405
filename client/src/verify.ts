import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, State, type LanguageClient } from 'vscode-languageclient/node';
import { VERIFY_REQUEST, type VerifiedFinding, type VerifyOutcome, type VerifyParams } from '../../server/src/lsp/protocol';

const MIGRATION = /(^|\/)supabase\/migrations\/[^/]+\.sql$/;

/**
 * Verified mode (SPEC §9) through the language server, which keeps a warm database per project: the
 * command checks every folder; with `supaguard.verify.onSave` a saved migration is checked from the state
 * before it. The findings arrive as the server's diagnostics. Both run migrations, so both need trust.
 */
export function registerVerify(context: vscode.ExtensionContext, client: LanguageClient): void {
  const onSaveEnabled = (scope: vscode.Uri) => vscode.workspace.getConfiguration('supaguard', scope).get<boolean>('verify.onSave', false);
  // Folders that check on save are verified up front, so the first save finds the database warm.
  const warmUp = (folders: readonly vscode.WorkspaceFolder[]) => {
    if (!vscode.workspace.isTrusted) return;
    for (const folder of folders.filter((f) => onSaveEnabled(f.uri))) {
      void verify(client, { folder: folder.uri.toString() }, vscode.ProgressLocation.Window, folder.name);
    }
  };
  context.subscriptions.push(
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) warmUp(vscode.workspace.workspaceFolders ?? []);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => warmUp(vscode.workspace.workspaceFolders ?? [])),
    vscode.workspace.onDidChangeConfiguration((event) => {
      warmUp((vscode.workspace.workspaceFolders ?? []).filter((f) => event.affectsConfiguration('supaguard.verify.onSave', f.uri)));
    }),
    vscode.commands.registerCommand('supaguard.verifyMigrations', async () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Supaguard: verified mode runs the migrations in an embedded database, so it needs a trusted workspace.');
        return undefined;
      }
      return verify(client, {}, vscode.ProgressLocation.Notification, 'the migrations');
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (!vscode.workspace.isTrusted || !MIGRATION.test(document.uri.path)) return;
      if (!onSaveEnabled(document.uri)) return;
      void verify(client, { savedFile: document.uri.toString() }, vscode.ProgressLocation.Window, vscode.workspace.asRelativePath(document.uri));
    }),
  );
}

/** Asks the server to verify; returns verified mode's findings (for scripts and tests). */
async function verify(client: LanguageClient, params: VerifyParams, location: vscode.ProgressLocation, what: string): Promise<VerifiedFinding[] | undefined> {
  try {
    const outcome = await vscode.window.withProgress(
      { location, title: `Supaguard: verifying ${what} (PGlite)…`, cancellable: location === vscode.ProgressLocation.Notification },
      (_progress, token) => client.sendRequest<VerifyOutcome>(VERIFY_REQUEST, params, token),
    );
    for (const project of outcome.projects) {
      if (project.error) void vscode.window.showErrorMessage(`Supaguard: verified mode could not check ${vscode.workspace.asRelativePath(vscode.Uri.parse(project.folder))}: ${project.error}`);
    }
    return outcome.findings;
  } catch (error) {
    const cancelled = error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
    if (!cancelled) void vscode.window.showErrorMessage(`Supaguard: verified mode failed: ${(error as Error).message}`);
    return undefined;
  }
}
