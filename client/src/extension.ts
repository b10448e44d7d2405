import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerAuditPanel } from './audit';
import { createClient } from './client';
import { registerCommands } from './commands';
import { registerInventory } from './inventory';
import { registerMcpServer } from './mcp-server';
import { registerProbe } from './probe';
import { registerStatusBar } from './status';
import { registerVerify } from './verify';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  registerCommands(context, client);
  registerInventory(context, client);
  registerStatusBar(context);
  registerAuditPanel(context);
  registerMcpServer(context);
  registerProbe(context);
  registerVerify(context, client);
  await client.start();
  await vscode.commands.executeCommand('setContext', 'supaguard.active', true);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
