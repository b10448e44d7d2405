import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cliLaunch } from '../../server/src/mcp-server/launch';

/** The extension's bundled CLI, built from `server/src/cli/editor-cli.ts`. */
export function bundledCli(extensionPath: string): string {
  return path.join(extensionPath, 'dist', 'supaguard.js');
}

export interface CliOutcome {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI to completion in `cwd`; cancelling the token ends it. */
export function runCli(context: vscode.ExtensionContext, args: string[], cwd: string, token?: vscode.CancellationToken): Promise<CliOutcome> {
  const launch = cliLaunch(bundledCli(context.extensionPath), args);
  return new Promise((resolve, reject) => {
    const child = spawn(launch.command, launch.args, { cwd, env: { ...process.env, ...launch.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const cancelled = token?.onCancellationRequested(() => child.kill());
    child.on('error', reject);
    child.on('close', (exitCode) => {
      cancelled?.dispose();
      resolve({ exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** A finding of the CLI's JSON report (SPEC §5), with its file relative to the scanned root. */
export interface ReportedFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The findings of a CLI JSON report, or an error naming what the CLI said instead. */
export function reportedFindings(outcome: CliOutcome): ReportedFinding[] {
  if (outcome.exitCode !== 0 && outcome.exitCode !== 1) {
    throw new Error(outcome.stderr.trim().split('\n').pop() || `supaguard exited with code ${outcome.exitCode}`);
  }
  return (JSON.parse(outcome.stdout) as { findings: ReportedFinding[] }).findings;
}

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

/** Puts the findings of a report on `collection`, keyed by file, replacing what it held for files under `root`. */
export function showFindings(collection: vscode.DiagnosticCollection, root: vscode.Uri, findings: readonly ReportedFinding[]): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const f of findings) {
    const range = new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
    const diagnostic = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
    diagnostic.source = 'supaguard';
    diagnostic.code = f.ruleId;
    const uri = path.isAbsolute(f.file) ? vscode.Uri.file(f.file) : vscode.Uri.joinPath(root, f.file);
    byFile.set(uri.toString(), [...(byFile.get(uri.toString()) ?? []), diagnostic]);
  }
  const prefix = `${root.toString()}/`;
  collection.forEach((uri) => {
    if (uri.toString().startsWith(prefix)) collection.delete(uri);
  });
  collection.set([...byFile].map(([uri, list]) => [vscode.Uri.parse(uri), list]));
}
