import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXPORT_SARIF_REQUEST, SCAN_WORKSPACE_REQUEST, type ScanSummary } from '../../server/src/lsp/protocol';

/** The palette commands backed by the language server. */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('supaguard.scanWorkspace', () => scanWorkspace(client)),
    vscode.commands.registerCommand('supaguard.exportSarif', (target?: vscode.Uri) => exportSarif(client, target)),
  );
}

/** Lints every folder with a progress notification; returns the summary (for scripts and tests). */
async function scanWorkspace(client: LanguageClient): Promise<ScanSummary | undefined> {
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Supaguard: scanning the workspace…', cancellable: true },
    (_progress, token) => client.sendRequest<ScanSummary>(SCAN_WORKSPACE_REQUEST, undefined, token),
  );
  const { error, warning, info } = summary.findings;
  const message = `Supaguard scanned ${summary.files} files: ${error} errors, ${warning} warnings, ${info} infos.`;
  void vscode.window.showInformationMessage(message, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}

/** Writes the SARIF report where the user picks (or to `target`, from scripts and tests). */
async function exportSarif(client: LanguageClient, target?: vscode.Uri): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  target ??= await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder.uri, 'supaguard.sarif'),
    filters: { SARIF: ['sarif', 'json'] },
  });
  if (!target) return;
  const { sarif } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Supaguard: exporting SARIF…' },
    () => client.sendRequest<{ sarif: string }>(EXPORT_SARIF_REQUEST, { folder: folder.uri.toString() }),
  );
  await vscode.workspace.fs.writeFile(target, Buffer.from(sarif, 'utf8'));
  void vscode.window.showInformationMessage(`Supaguard: SARIF written to ${vscode.workspace.asRelativePath(target)}.`);
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to export' });
}
