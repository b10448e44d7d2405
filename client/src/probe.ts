import * as path from 'node:path';
import * as vscode from 'vscode';
import { MCP_CONFIG_GLOBS } from '../../server/src/languages/mcp';
import { describeTarget, projectRootOf, type ProbeTarget } from '../../server/src/probe';
import { readProbeTargets } from '../../server/src/probe/read-config';
import { mcpRules } from '../../server/src/rules/mcp';
import { reportedFindings, runCli, showFindings, type ReportedFinding } from './cli';

/** The probe's own findings; the rest of its report is the static lint the language server already shows. */
const PROBE_RULES = new Set(mcpRules.filter((rule) => rule.meta.mode === 'probe').map((rule) => rule.meta.id));

/**
 * Programmatic callers (scripts, the end-to-end tests) may pass `{ config, confirmed: true }`: the modal
 * confirmation cannot be clicked from a test. The command palette passes no argument, and a workspace cannot
 * add keybindings (they are the user's own), so a person choosing the command is always asked.
 */
export interface ProbeCommandArgs {
  config?: vscode.Uri;
  confirmed?: true;
}

export function registerProbe(context: vscode.ExtensionContext): void {
  const collection = vscode.languages.createDiagnosticCollection('supaguard-probe');
  context.subscriptions.push(
    collection,
    vscode.commands.registerCommand('supaguard.probeMcpServers', (args?: ProbeCommandArgs) => probeMcpServers(context, collection, args)),
  );
}

/** Probes the servers of a workspace MCP config after the user confirms each command line; returns the findings. */
async function probeMcpServers(
  context: vscode.ExtensionContext,
  collection: vscode.DiagnosticCollection,
  args: ProbeCommandArgs = {},
): Promise<ReportedFinding[] | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Supaguard: probing starts the MCP servers of a config, so it needs a trusted workspace.');
    return undefined;
  }
  const config = args.config ?? (await pickConfig());
  if (!config) return undefined;
  let targets: ProbeTarget[];
  try {
    targets = readProbeTargets(config.fsPath).filter((t) => !t.disabled);
  } catch (error) {
    void vscode.window.showErrorMessage(`Supaguard: cannot read ${path.basename(config.fsPath)}: ${(error as Error).message}`);
    return undefined;
  }
  if (!targets.length) {
    void vscode.window.showInformationMessage(`Supaguard: ${vscode.workspace.asRelativePath(config)} names no MCP server to probe.`);
    return undefined;
  }
  if (args.confirmed !== true && !(await confirmTargets(config, targets))) return undefined;

  // The CLI starts servers and reports paths from the config's project root.
  const root = projectRootOf(config.fsPath);
  try {
    const findings = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Supaguard: probing MCP servers…', cancellable: true },
      async (_progress, token) => reportedFindings(await runCli(context, ['probe-mcp', config.fsPath, '--yes', '--format', 'json', '--fail-on', 'never'], root, token)),
    );
    const probed = findings.filter((f) => PROBE_RULES.has(f.ruleId));
    showFindings(collection, vscode.Uri.file(root), probed);
    void vscode.window.showInformationMessage(`Supaguard probed ${targets.length} MCP server(s): ${probed.length} finding(s), in the Problems view.`);
    return probed;
  } catch (error) {
    void vscode.window.showErrorMessage(`Supaguard: probing failed: ${(error as Error).message}`);
    return undefined;
  }
}

async function pickConfig(): Promise<vscode.Uri | undefined> {
  const pattern = `{${MCP_CONFIG_GLOBS.join(',')}}`;
  const files = await vscode.workspace.findFiles(pattern, '**/node_modules/**', 200);
  if (!files.length) {
    void vscode.window.showInformationMessage('Supaguard: no MCP config found in the workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: 'MCP config whose servers to probe' },
  );
  return picked?.uri;
}

/** A modal listing every command line and URL (secrets redacted) the probe would start or contact. */
async function confirmTargets(config: vscode.Uri, targets: readonly ProbeTarget[]): Promise<boolean> {
  const detail = targets.map((t) => `"${t.name}"\n${describeTarget(t)}`).join('\n\n');
  const start = 'Start and Probe';
  const answer = await vscode.window.showWarningMessage(
    `Probing ${vscode.workspace.asRelativePath(config)} starts or contacts these MCP servers on this machine:`,
    { modal: true, detail },
    start,
  );
  return answer === start;
}
