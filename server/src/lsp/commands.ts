import * as fs from 'node:fs';
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { formatSarif } from '../cli/format/sarif';
import { countBySeverity } from '../cli/format/report';
import { packageVersion } from '../cli/version';
import { docsFile, docsUrl } from '../engine/docs';
import type { Finding } from '../engine/finding';
import { registry } from '../engine/registry';
import { scan } from '../engine/scan';
import type { DiagnosticsService } from './diagnostics';
import { serviceRoleInventory } from '../languages/code/inventory';
import {
  EXPORT_SARIF_REQUEST,
  SCAN_WORKSPACE_REQUEST,
  SERVICE_ROLE_INVENTORY_REQUEST,
  SHOW_DOCUMENTATION_COMMAND,
  type FolderParams,
  type InventoryClient,
  type ScanSummary,
} from './protocol';
import { pathToUri, uriToPath } from './uri';
import type { Workspace } from './workspace';

export const SERVER_COMMANDS = [SHOW_DOCUMENTATION_COMMAND];

/** `workspace/executeCommand` and the custom requests of `protocol.ts`. */
export function registerCommands(connection: Connection, workspace: Workspace, diagnostics: DiagnosticsService): void {
  connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCUMENTATION_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    const ruleId = String(params.arguments?.[0] ?? '');
    if (!registry.rule(ruleId)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown rule ${ruleId}`);
    // The page shipped with this installation works offline; the published one is the fallback.
    const local = docsFile(ruleId);
    const shown = fs.existsSync(local)
      ? await connection.window.showDocument({ uri: pathToUri(local), takeFocus: true })
      : await connection.window.showDocument({ uri: docsUrl(ruleId), external: true });
    return shown.success;
  });

  // The request has no parameters: clients send none (the handler then gets only the token) or null.
  connection.onRequest(SCAN_WORKSPACE_REQUEST, async (...args: unknown[]): Promise<ScanSummary> => {
    const token = args[args.length - 1] as CancellationToken;
    const started = performance.now();
    const byFile = await diagnostics.workspaceFindings(token);
    const all: Finding[] = [...byFile.values()].flat();
    diagnostics.scheduleRefresh(0);
    return {
      files: workspace.folders.reduce((sum, project) => sum + workspace.filesOf(project).length, 0),
      findings: countBySeverity(all),
      byFile: [...byFile]
        .map(([file, findings]) => ({ uri: pathToUri(file), ...countBySeverity(findings) }))
        .sort((a, b) => b.error - a.error || b.warning - a.warning || b.info - a.info),
      durationMs: Math.round(performance.now() - started),
    };
  });

  connection.onRequest(EXPORT_SARIF_REQUEST, async (params: FolderParams) => {
    const folder = params.folder ? uriToPath(params.folder) : workspace.folders[0]?.root;
    const project = workspace.folders.find((p) => p.root === folder);
    if (!project) throw new ResponseError(ErrorCodes.InvalidParams, 'not a workspace folder');
    const result = await scan({ root: project.root, config: project.config });
    return { sarif: formatSarif(result, packageVersion()) };
  });

  connection.onRequest(SERVICE_ROLE_INVENTORY_REQUEST, (): InventoryClient[] =>
    workspace.folders.flatMap((project) =>
      serviceRoleInventory({ root: project.root, files: workspace.filesOf(project), config: project.config }).map((entry) => ({
        uri: pathToUri(entry.file),
        relativePath: entry.relativePath,
        range: entry.range,
        client: entry.client,
        constructorName: entry.constructorName,
        enclosingFunction: entry.enclosingFunction,
        keySource: entry.keySource,
        tables: entry.tables,
        usages: entry.usages.map((u) => ({ uri: pathToUri(u.file), relativePath: u.relativePath, line: u.line, table: u.table, operation: u.operation, handler: u.handler })),
        browser: entry.browser,
        justification: entry.justification,
      })),
    ),
  );
}
