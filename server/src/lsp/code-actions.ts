import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type OptionalVersionedTextDocumentIdentifier,
  type TextDocumentEdit,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nonOverlappingSafeEdits } from '../engine/fixes';
import type { Finding } from '../engine/finding';
import type { DocumentAnalysis } from './analysis';
import { SHOW_DOCUMENTATION_COMMAND } from './protocol';
import { commentMarker } from './comments';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, type FixData } from './diagnostics';
import type { SettingsStore } from './settings';
import { ignoreLineComment, REASON_PLACEHOLDER } from './suppression-comments';
import { uriToPath } from './uri';
import type { Workspace } from './workspace';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.supaguard`;

/**
 * Quick-fixes from the engine's fixes (carried in each diagnostic's `data`), "ignore with reason" comments,
 * "show documentation", and `source.fixAll.supaguard` (safe fixes only, for the version they were computed on).
 */
export class CodeActions {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analysis: DocumentAnalysis,
    private readonly settings: SettingsStore,
    private readonly workspace: Workspace,
  ) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source === DIAGNOSTIC_SOURCE) actions.push(...this.forDiagnostic(document, diagnostic));
      }
    }
    // Fix-all is offered only when asked for by kind (on save, or "Fix all"), as ESLint does.
    if (only && wants(FIX_ALL_KIND)) {
      const fixAll = await this.fixAll(document);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private forDiagnostic(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
    const ruleId = String(diagnostic.code ?? '');
    const data = diagnostic.data as DiagnosticData | undefined;
    const fixes = data?.fixes ?? [];
    const actions: CodeAction[] = fixes.map((fix, index) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      // The first fix is the rule's main one.
      isPreferred: index === 0,
      edit: this.workspaceEdit(fix.edits, document.uri, data?.version ?? document.version),
    }));
    const file = uriToPath(document.uri);
    const marker = file && commentMarker(file, document.languageId);
    if (file && marker && !ruleId.startsWith('meta/')) {
      actions.push(this.ignoreOnLine(document, file, diagnostic, ruleId, marker), this.ignoreInFile(document, diagnostic, ruleId, marker));
    }
    actions.push({
      title: `Show documentation for ${ruleId}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: `Show documentation for ${ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [ruleId] },
    });
    return actions;
  }

  private ignoreOnLine(document: TextDocument, file: string, diagnostic: Diagnostic, ruleId: string, marker: string): CodeAction {
    const project = this.workspace.projectFor(file);
    const { line, text } = ignoreLineComment(project, file, document.getText(), diagnostic.range.start.line, ruleId, marker);
    return this.insertion(document, diagnostic, `Ignore ${ruleId} on this line (with a reason)`, line, text);
  }

  private ignoreInFile(document: TextDocument, diagnostic: Diagnostic, ruleId: string, marker: string): CodeAction {
    // After a shebang, which must stay the first line.
    const line = lineText(document, 0).startsWith('#!') ? 1 : 0;
    const text = `${marker} supaguard-ignore-file ${ruleId}: ${REASON_PLACEHOLDER}\n`;
    return this.insertion(document, diagnostic, `Ignore ${ruleId} in this file (with a reason)`, line, text);
  }

  private insertion(document: TextDocument, diagnostic: Diagnostic, title: string, line: number, text: string): CodeAction {
    const at = { line, character: 0 };
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [{ range: { start: at, end: at }, newText: text }] }] },
    };
  }

  private async fixAll(document: TextDocument): Promise<CodeAction | undefined> {
    const file = uriToPath(document.uri);
    if (!file) return undefined;
    const settings = await this.settings.forDocument(document.uri);
    const { version, findings } = this.analysis.findings(document, settings);
    const fixes = findings.flatMap((f: Finding) => f.fixes ?? []);
    const edits = nonOverlappingSafeEdits(fixes, file, document.getText());
    if (!edits.length) return undefined;
    const change: TextDocumentEdit = {
      textDocument: { uri: document.uri, version },
      edits: edits.map((e) => ({ range: e.range, newText: e.newText })),
    };
    return { title: 'Fix all safe Supaguard problems', kind: FIX_ALL_KIND, edit: { documentChanges: [change] } };
  }

  /**
   * Edits grouped by document, each pinned to a version: the one the diagnostic was computed for in its own
   * document (a stale fix is then refused by the editor), the open version elsewhere, null for files on disk.
   */
  private workspaceEdit(edits: FixData['edits'], diagnosticUri: string, diagnosticVersion: number): WorkspaceEdit {
    const byUri = new Map<string, TextEdit[]>();
    for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), { range: e.range, newText: e.newText }]);
    return {
      documentChanges: [...byUri].map(([uri, list]) => {
        const version = uri === diagnosticUri ? diagnosticVersion : (this.documents.get(uri)?.version ?? null);
        const textDocument: OptionalVersionedTextDocumentIdentifier = { uri, version };
        return { textDocument, edits: list };
      }),
    };
  }
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

