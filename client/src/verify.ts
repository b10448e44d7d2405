import * as vscode from 'vscode';
import { verifiedSqlRules } from '../../server/src/rules/sql/_verified';
import { reportedFindings, runCli, showFindings, type ReportedFinding } from './cli';

/** Verified mode adds these; the rest of its report is the static scan the language server already shows. */
const VERIFIED_RULES = new Set(verifiedSqlRules.map((rule) => rule.meta.id));
const MIGRATION = /(^|\/)supabase\/migrations\/[^/]+\.sql$/;

export function registerVerify(context: vscode.ExtensionContext): void {
  const collection = vscode.languages.createDiagnosticCollection('supaguard-verify');
  const verifying = new Map<string, Promise<unknown>>();
  const verify = (folder: vscode.WorkspaceFolder, location: vscode.ProgressLocation) => {
    // One run per folder at a time: a save during a run waits for it instead of starting a second database.
    const run = (verifying.get(folder.uri.toString()) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => verifyFolder(context, collection, folder, location));
    verifying.set(folder.uri.toString(), run);
    return run;
  };
  context.subscriptions.push(
    collection,
    vscode.commands.registerCommand('supaguard.verifyMigrations', async () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Supaguard: verified mode runs the migrations in an embedded database, so it needs a trusted workspace.');
        return undefined;
      }
      const findings: ReportedFinding[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) findings.push(...((await verify(folder, vscode.ProgressLocation.Notification)) ?? []));
      return findings;
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      if (!folder || !vscode.workspace.isTrusted || !MIGRATION.test(document.uri.path)) return;
      if (!vscode.workspace.getConfiguration('supaguard', document.uri).get<boolean>('verify.onSave', false)) return;
      void verify(folder, vscode.ProgressLocation.Window);
    }),
  );
}

/** Runs `supaguard verify` on the folder and shows its verified findings; returns them (for scripts and tests). */
async function verifyFolder(
  context: vscode.ExtensionContext,
  collection: vscode.DiagnosticCollection,
  folder: vscode.WorkspaceFolder,
  location: vscode.ProgressLocation,
): Promise<ReportedFinding[] | undefined> {
  try {
    const findings = await vscode.window.withProgress(
      { location, title: `Supaguard: verifying the migrations of ${folder.name} (PGlite)…`, cancellable: location === vscode.ProgressLocation.Notification },
      async (_progress, token) =>
        reportedFindings(await runCli(context, ['verify', '.', '--format', 'json', '--fail-on', 'never'], folder.uri.fsPath, token)),
    );
    const verified = findings.filter((f) => VERIFIED_RULES.has(f.ruleId));
    showFindings(collection, folder.uri, verified);
    return verified;
  } catch (error) {
    void vscode.window.showErrorMessage(`Supaguard: verified mode failed: ${(error as Error).message}`);
    return undefined;
  }
}
