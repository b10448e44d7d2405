import * as vscode from 'vscode';

/** Diagnostics as the tests inside VS Code read them: Supaguard's, by rule, waited for on change events. */

export const SOURCE = 'supaguard';
export function supaguardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Resolves once `check` returns a value, re-checking on each diagnostics change. */
export function whenDiagnostics<T>(check: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (value: T) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    };
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      const value = check();
      if (value !== undefined) done(value);
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const now = check();
    if (now !== undefined) done(now);
  });
}
