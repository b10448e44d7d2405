import * as vscode from 'vscode';

const SOURCE = 'supaguard';

/** A status-bar item with the workspace's Supaguard errors and warnings; a click opens the Problems view. */
export function registerStatusBar(context: vscode.ExtensionContext): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('supaguard.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Supaguard';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    let errors = 0;
    let warnings = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== SOURCE) continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    }
    item.text = `$(shield) $(error) ${errors} $(warning) ${warnings}`;
    item.tooltip = `Supaguard: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    item.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  };
  update();
  item.show();
  context.subscriptions.push(item, vscode.languages.onDidChangeDiagnostics(update));
  return item;
}
