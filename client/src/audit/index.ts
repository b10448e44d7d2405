/**
 * The audit-log panel (SPEC §7) for the extension: `registerAuditPanel(context)` registers its commands,
 * the webview serializer and the health-score status-bar item.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { VsCodeConnections } from './connections';
import { writeAuditMigration } from './migration-file';
import { AUDIT_COMMANDS, AUDIT_VIEW_TYPE } from './names';
import { AuditPanel, type PanelServices } from './panel';

async function createMigration(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Project for the audit-log migration' }) : folders[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Open the project folder first: the migration goes into its supabase/migrations/.');
    return;
  }
  const file = writeAuditMigration(folder.uri.fsPath);
  await vscode.window.showTextDocument(vscode.Uri.file(file));
  void vscode.window.showInformationMessage('Audit-log migration created: apply it with `supabase db push` (or `supabase migration up` locally).');
}

function healthStatusBar(context: vscode.ExtensionContext): (score: number, band: 'green' | 'yellow' | 'red', connection: string) => void {
  const item = vscode.window.createStatusBarItem('supaguard.auditHealth', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Supaguard Audit Health';
  item.command = AUDIT_COMMANDS.open;
  context.subscriptions.push(item);
  return (score, band, connection) => {
    item.text = `$(shield) ${score}`;
    item.tooltip = `Audit health score on ${connection}: ${score}/100 (${band}). Click to open the audit-log panel.`;
    item.backgroundColor = band === 'red' ? new vscode.ThemeColor('statusBarItem.errorBackground') : band === 'yellow' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
}

export function registerAuditPanel(context: vscode.ExtensionContext): void {
  const connections = new VsCodeConnections(context.secrets);
  const services: PanelServices = {
    context,
    host: {
      connections,
      onHealth: healthStatusBar(context),
      createMigration,
      addConnection: () => connections.addUrl(),
      async saveExport(content, format) {
        const target = await vscode.window.showSaveDialog({
          title: 'Export audit-log results',
          filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
          defaultUri: vscode.Uri.joinPath(
            vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
            `supaguard-audit-${new Date().toISOString().slice(0, 10)}.${format}`,
          ),
        });
        if (target) await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
      },
    },
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(AUDIT_COMMANDS.open, () => AuditPanel.show(services)),
    vscode.commands.registerCommand(AUDIT_COMMANDS.createMigration, createMigration),
    vscode.commands.registerCommand(AUDIT_COMMANDS.addConnection, async () => {
      if (await connections.addUrl()) AuditPanel.show(services);
    }),
    vscode.commands.registerCommand(AUDIT_COMMANDS.setPassword, () => connections.setPassword()),
    vscode.window.registerWebviewPanelSerializer(AUDIT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        AuditPanel.revive(panel, services);
      },
    }),
  );
}
