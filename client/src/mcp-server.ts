import * as vscode from 'vscode';
import { mcpServerLaunch } from '../../server/src/mcp-server/launch';
import { bundledCli } from './cli';

/** The provider id, as `contributes.mcpServerDefinitionProviders` declares it. */
const MCP_PROVIDER_ID = 'supaguard.mcp';

// @types/vscode 1.100 predates the MCP API (stable from VS Code 1.101): the few members used, declared here.
export interface McpStdioServerDefinitionConstructor {
  new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string): object;
}
interface McpServerDefinitionProvider {
  onDidChangeMcpServerDefinitions?: vscode.Event<void>;
  provideMcpServerDefinitions(): object[];
}
interface McpApi {
  registerMcpServerDefinitionProvider?(id: string, provider: McpServerDefinitionProvider): vscode.Disposable;
}

/** The `supaguard mcp` server of each workspace folder, started by the editor's MCP client when an agent wants it. */
export function supaguardMcpDefinitions(extension: vscode.Extension<unknown>, Definition: McpStdioServerDefinitionConstructor): object[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => {
      const launch = mcpServerLaunch(folder.uri.fsPath, bundledCli(extension.extensionPath));
      const label = vscode.workspace.workspaceFolders!.length > 1 ? `Supaguard (${folder.name})` : 'Supaguard';
      return new Definition(label, launch.command, launch.args, launch.env, extension.packageJSON.version);
    });
}

/** The editor's MCP server API, or undefined in editors older than VS Code 1.101 (and forks without it). */
export function editorMcpApi(): { lm: Required<McpApi>; Definition: McpStdioServerDefinitionConstructor } | undefined {
  const lm = (vscode as unknown as { lm?: McpApi }).lm;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioServerDefinitionConstructor }).McpStdioServerDefinition;
  if (typeof lm?.registerMcpServerDefinitionProvider !== 'function' || typeof Definition !== 'function') return undefined;
  return { lm: lm as Required<McpApi>, Definition };
}

/** Registers the provider where the editor has the MCP API; without it the extension works as before. */
export function registerMcpServer(context: vscode.ExtensionContext): void {
  const api = editorMcpApi();
  if (!api) return;
  const { lm, Definition } = api;
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    changed,
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () => supaguardMcpDefinitions(context.extension, Definition),
    }),
  );
}
