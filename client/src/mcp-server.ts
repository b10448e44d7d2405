import * as vscode from 'vscode';
import { mcpServerLaunch } from '../../server/src/mcp-server/launch';
import { bundledCli } from './cli';

/** The provider id, as `contributes.mcpServerDefinitionProviders` declares it. */
export const MCP_PROVIDER_ID = 'supaguard.mcp';

// @types/vscode 1.100 predates the MCP API (stable from VS Code 1.101): the few members used, declared here.
interface McpStdioServerDefinitionConstructor {
  new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string): object;
}
interface McpApi {
  registerMcpServerDefinitionProvider?(id: string, provider: { provideMcpServerDefinitions(): object[] }): vscode.Disposable;
}

/** The `supaguard mcp` server of each workspace folder, started by the editor's MCP client when an agent wants it. */
export function supaguardMcpDefinitions(context: vscode.ExtensionContext, Definition: McpStdioServerDefinitionConstructor): object[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => {
      const launch = mcpServerLaunch(folder.uri.fsPath, bundledCli(context));
      const label = vscode.workspace.workspaceFolders!.length > 1 ? `Supaguard (${folder.name})` : 'Supaguard';
      return new Definition(label, launch.command, launch.args, launch.env, context.extension.packageJSON.version);
    });
}

/**
 * Registers the provider where the editor has the MCP API; older editors and code-server lack it, and the
 * extension then works without (returns false).
 */
export function registerMcpServer(context: vscode.ExtensionContext): boolean {
  const lm = (vscode as unknown as { lm?: McpApi }).lm;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioServerDefinitionConstructor }).McpStdioServerDefinition;
  if (typeof lm?.registerMcpServerDefinitionProvider !== 'function' || !Definition) return false;
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    changed,
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () => supaguardMcpDefinitions(context, Definition),
    } as { provideMcpServerDefinitions(): object[] }),
  );
  return true;
}
