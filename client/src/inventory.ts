import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SERVICE_ROLE_INVENTORY_REQUEST, type InventoryClient } from '../../server/src/lsp/protocol';

export const INVENTORY_VIEW = 'supaguard.serviceRoleInventory';

type Node = { client: InventoryClient } | { detail: vscode.TreeItem };

/**
 * The service-role inventory as a tree in the Explorer: each client built with a secret key, where its key
 * comes from, its justification, and every table it touches (click to go there).
 */
class InventoryTree implements vscode.TreeDataProvider<Node> {
  private clients: InventoryClient[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly languageClient: LanguageClient) {}

  async refresh(): Promise<InventoryClient[]> {
    this.clients = await this.languageClient.sendRequest<InventoryClient[]>(SERVICE_ROLE_INVENTORY_REQUEST);
    this.changed.fire();
    return this.clients;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.clients.map((client) => ({ client }));
    if (!('client' in node)) return [];
    const { client } = node;
    const details = [
      detail(`key: ${client.keySource}`, 'key'),
      detail(client.justification ? `justified: ${client.justification}` : 'no justification', client.justification ? 'comment' : 'warning'),
      ...client.usages.map((u) => {
        const item = detail(`${u.operation ?? 'uses'} ${u.table}`, 'table', `${u.relativePath}:${u.line}${u.handler ? ` · ${u.handler}` : ''}`);
        item.command = open(u.uri, new vscode.Range(u.line - 1, 0, u.line - 1, 0));
        return item;
      }),
    ];
    return details.map((d) => ({ detail: d }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('detail' in node) return node.detail;
    const { client } = node;
    const item = new vscode.TreeItem(client.client, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${client.relativePath}:${client.range.start.line + 1}`;
    item.tooltip = `${client.constructorName} with ${client.keySource}${client.browser ? ' — reachable from browser code' : ''}`;
    item.iconPath = new vscode.ThemeIcon(client.browser ? 'error' : client.justification ? 'pass' : 'warning');
    const { start, end } = client.range;
    item.command = open(client.uri, new vscode.Range(start.line, start.character, end.line, end.character));
    return item;
  }
}

function detail(label: string, icon: string, description?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.description = description;
  return item;
}

function open(uri: string, selection: vscode.Range): vscode.Command {
  return { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(uri), { selection }] };
}

/** The view, and the palette command that refreshes and reveals it (returning the list, for scripts and tests). */
export function registerInventory(context: vscode.ExtensionContext, client: LanguageClient): void {
  const tree = new InventoryTree(client);
  context.subscriptions.push(
    vscode.window.createTreeView(INVENTORY_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.commands.registerCommand('supaguard.showServiceRoleInventory', async () => {
      const clients = await tree.refresh();
      await vscode.commands.executeCommand(`${INVENTORY_VIEW}.focus`);
      return clients;
    }),
    vscode.workspace.onDidSaveTextDocument(() => void tree.refresh().catch(() => undefined)),
  );
}
