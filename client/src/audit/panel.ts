/**
 * The audit-log webview panel: one instance, a strict CSP with a fresh nonce, scripts and styles only from
 * `dist/webview`, and a serializer so VS Code brings it back (with the webview's `setState`) after a
 * reload. All database work happens in the controller, in the extension host.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AuditController, type ControllerHost } from './controller';
import { AUDIT_VIEW_TYPE } from './names';
import { renderAuditPage } from './page';
import type { ToHost, ToWebview } from './protocol';

export interface PanelServices {
  context: vscode.ExtensionContext;
  host: Omit<ControllerHost, 'post'>;
}

export class AuditPanel implements vscode.Disposable {
  private static current: AuditPanel | undefined;
  private readonly controller: AuditController;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  static show(services: PanelServices): void {
    if (AuditPanel.current) {
      AuditPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(AUDIT_VIEW_TYPE, 'Supaguard Audit Log', vscode.ViewColumn.Active, AuditPanel.options(services.context));
    AuditPanel.current = new AuditPanel(panel, services);
  }

  /** After a reload: VS Code hands back the panel; the page restores its own state and says `ready`. */
  static revive(panel: vscode.WebviewPanel, services: PanelServices): void {
    AuditPanel.current?.dispose();
    panel.webview.options = AuditPanel.options(services.context);
    AuditPanel.current = new AuditPanel(panel, services);
  }

  private static webviewRoot(context: vscode.ExtensionContext): vscode.Uri {
    return vscode.Uri.file(path.join(context.extensionPath, 'dist', 'webview'));
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [AuditPanel.webviewRoot(context)] };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    services: PanelServices,
  ) {
    this.controller = new AuditController({ ...services.host, post: (message: ToWebview) => void this.panel.webview.postMessage(message) });
    const root = AuditPanel.webviewRoot(services.context);
    const asset = (...segments: string[]) => this.panel.webview.asWebviewUri(vscode.Uri.joinPath(root, ...segments)).toString();
    this.panel.webview.html = renderAuditPage({
      cspSource: this.panel.webview.cspSource,
      script: asset('audit', 'main.js'),
      style: asset('audit', 'style.css'),
      codicons: asset('codicons', 'codicon.css'),
    });
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: ToHost) => this.controller.handle(message)),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (AuditPanel.current === this) AuditPanel.current = undefined;
    void this.controller.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}
