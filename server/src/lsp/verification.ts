import * as path from 'node:path';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { IsolatedWarmVerifier, replayProjectsOf, unverifiedProjectFindings } from '../verify';
import type { DiagnosticsService } from './diagnostics';
import { VERIFY_REQUEST, type VerifyOutcome, type VerifyParams } from './protocol';
import { pathToUri, uriToPath } from './uri';
import type { VerifiedProject } from './verified-results';
import type { Project, Workspace } from './workspace';

/**
 * Verified mode in the language server (SPEC §9): the verify request replays a folder's migrations in a
 * warm embedded database (one per project, in a worker thread that a hostile migration cannot block), then
 * its findings join the diagnostics. After a save only the saved file and those after it are replayed.
 */
export function registerVerification(connection: Connection, workspace: Workspace, diagnostics: DiagnosticsService): void {
  const verifier = new IsolatedWarmVerifier();
  connection.onShutdown(() => verifier.dispose());

  connection.onRequest(VERIFY_REQUEST, async (params: VerifyParams | null, token: CancellationToken): Promise<VerifyOutcome> => {
    const savedFile = params?.savedFile ? uriToPath(params.savedFile) : undefined;
    const folders = foldersToVerify(workspace, params, savedFile);
    // A cancelled check ends the worker; the next one starts cold.
    const cancelled = token.onCancellationRequested(() => void verifier.dispose());
    try {
      const outcome: VerifyOutcome = { projects: [], findings: [] };
      for (const folder of folders) {
        const files = workspace.filesOf(folder);
        const projects = replayProjectsOf(folder.root, files, folder.config).filter((p) => !savedFile || p.files.some((f) => f.path === savedFile));
        const verified: VerifiedProject[] = [];
        for (const project of projects) {
          const result = await verifier.verify(project, savedFile);
          if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
          const folderUri = pathToUri(path.posix.join(folder.root, project.folder));
          const texts = new Map(files.filter((f) => project.files.some((p) => p.path === f.path)).map((f) => [f.path, f.text]));
          if ('error' in result) {
            outcome.projects.push({ folder: folderUri, error: result.error, skippedTables: [] });
            const findings = unverifiedProjectFindings(project, result.error);
            verified.push({ folder: project.folder, findings, facts: { tables: [], functions: [], views: [] }, texts });
            continue;
          }
          const { findings, facts, stats, skippedTables } = result.verification;
          outcome.projects.push({ folder: folderUri, ...stats, skippedTables });
          verified.push({ folder: project.folder, findings, facts, texts });
        }
        workspace.verified.set(folder.root, verified);
        outcome.findings.push(
          ...verified.flatMap((p) => p.findings).map((f) => ({ uri: pathToUri(f.file), ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range })),
        );
      }
      workspace.documentChanged();
      diagnostics.scheduleRefresh(0);
      return outcome;
    } finally {
      cancelled.dispose();
    }
  });
}

function foldersToVerify(workspace: Workspace, params: VerifyParams | null, savedFile: string | undefined): Project[] {
  if (savedFile) return [workspace.projectFor(savedFile)];
  if (!params?.folder) return [...workspace.folders];
  const root = uriToPath(params.folder);
  const folder = workspace.folders.find((p) => p.root === root);
  if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, 'not a workspace folder');
  return [folder];
}
