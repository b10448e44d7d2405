import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine/finding';
import type { Settings } from './settings';
import { uriToPath } from './uri';
import type { Workspace } from './workspace';

export interface DocumentFindings {
  /** The document version the findings were computed for. */
  version: number;
  /** Identifies the workspace state (for `previousResultId`). */
  resultId: string;
  findings: Finding[];
}

/**
 * Lints one open document against the whole project (a later migration can clear an earlier one's finding)
 * but asks the engine for that document's findings only, so results come back while the user types.
 * Results are cached per document version and workspace state.
 */
export class DocumentAnalysis {
  private readonly cache = new Map<string, DocumentFindings>();

  constructor(private readonly workspace: Workspace) {}

  findings(document: TextDocument, settings: Settings, isCancelled?: () => boolean): DocumentFindings {
    const resultId = `${this.workspace.generation}:${document.version}:${settingsKey(settings)}`;
    const cached = this.cache.get(document.uri);
    if (cached?.resultId === resultId) return cached;
    const file = uriToPath(document.uri);
    let findings: Finding[] = [];
    if (file && settings.enable) {
      const project = this.workspace.projectFor(file);
      findings = this.workspace.lint(project, { focus: new Set([file]), rules: settings.rules, isCancelled });
    }
    const result = { version: document.version, resultId, findings };
    this.cache.set(document.uri, result);
    return result;
  }

  /** The last result, whatever has changed since (for `supaguard.run: onSave` while the buffer is dirty). */
  last(uri: string): DocumentFindings | undefined {
    return this.cache.get(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

function settingsKey(settings: Settings): string {
  return JSON.stringify([settings.enable, settings.rules]);
}
