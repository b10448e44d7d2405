import {
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocuments,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine/docs';
import type { Finding, Fix, Severity } from '../engine/finding';
import { CancelledError } from '../engine/runner';
import type { DocumentAnalysis } from './analysis';
import type { SettingsStore } from './settings';
import { pathToUri, uriToPath } from './uri';
import type { Workspace } from './workspace';

export const DIAGNOSTIC_SOURCE = 'supaguard';

/** How long a pull waits for a newer edit of the same burst of typing before it lints. */
const PULL_DEBOUNCE_MS = 25;
/** While the user types, workspace pulls keep their last answer: the open file's own pulls come first. */
const TYPING_PAUSE_MS = 1000;

/** A fix as carried in `diagnostic.data`, its edits addressed by URI, for the code actions to replay. */
export interface FixData {
  title: string;
  safe: boolean;
  edits: { uri: string; range: Finding['range']; newText: string }[];
}

export interface DiagnosticData {
  /** The version of the open document the fixes were computed for. */
  version?: number;
  fixes: FixData[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, version?: number): Diagnostic {
  const data: DiagnosticData = { ...(version === undefined ? {} : { version }), fixes: (finding.fixes ?? []).map(toFixData) };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    ...(finding.ruleId === 'meta/unused-suppression' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(finding.related?.length
      ? { relatedInformation: finding.related.map((r) => ({ location: { uri: pathToUri(r.file), range: r.range }, message: r.message })) }
      : {}),
    data,
  };
}

function toFixData(fix: Fix): FixData {
  return {
    title: fix.title,
    safe: fix.safe,
    edits: fix.edits.map((e) => ({ uri: pathToUri(e.file), range: e.range, newText: e.newText })),
  };
}

/**
 * Serves diagnostics: pulled per document and for the whole workspace when the client supports pull
 * (`textDocument/diagnostic`, `workspace/diagnostic`), else pushed for open documents. After any change that
 * can move findings in other files, pull clients are asked to pull again (`workspace/diagnostic/refresh`).
 */
export class DiagnosticsService {
  private refreshTimer: NodeJS.Timeout | undefined;
  private lastEdit = 0;
  private workspaceReport: { key: string; byFile: Map<string, Finding[]> } | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: Workspace,
    private readonly analysis: DocumentAnalysis,
    private readonly settings: SettingsStore,
    private readonly mode: { pull: boolean; refresh: boolean },
  ) {}

  listen(): void {
    if (this.mode.pull) {
      this.connection.languages.diagnostics.on((params, token) => this.pullDocument(params.textDocument.uri, params.previousResultId, token));
      this.connection.languages.diagnostics.onWorkspace((params, token) => this.pullWorkspace(params.previousResultIds, token));
    }
  }

  /** The user typed in an open document: other files may depend on it (migration history, imports). */
  edited(): void {
    this.lastEdit = Date.now();
    this.scheduleRefresh();
  }

  /** Something changed: re-pull (or re-push) diagnostics soon, once a burst of changes is over. */
  scheduleRefresh(delayMs = 200): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh().catch((error) => this.connection.console.error(`Supaguard: refreshing diagnostics failed: ${String(error)}`)), delayMs);
  }

  private async refresh(): Promise<void> {
    if (!this.mode.pull) return this.pushOpenDocuments();
    if (this.mode.refresh) await this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  private async pullDocument(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const version = this.documents.get(uri)?.version;
    // Let edits and cancellations sent right behind this request arrive first: a newer version makes it moot.
    await new Promise((resolve) => setTimeout(resolve, PULL_DEBOUNCE_MS));
    const document = this.documents.get(uri);
    if (!document || version === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const settings = await this.settings.forDocument(uri);
    const last = this.analysis.last(uri);
    if (settings.run === 'onSave' && last && this.isDirty(document)) {
      return last.resultId === previousResultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId }
        : { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items: last.findings.map((f) => toDiagnostic(f, last.version)) };
    }
    const stale = () => token.isCancellationRequested || this.documents.get(uri)?.version !== version;
    try {
      if (stale()) throw new CancelledError();
      const result = this.analysis.findings(document, settings, stale);
      if (result.resultId === previousResultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.findings.map((f) => toDiagnostic(f, result.version)) };
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      // The client cancelled; or a newer edit arrived, and the client will ask again (`retriggerRequest`).
      throw token.isCancellationRequested
        ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled')
        : new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    }
  }

  private savedVersions = new Map<string, number>();

  markSaved(document: TextDocument): void {
    this.savedVersions.set(document.uri, document.version);
  }

  private isDirty(document: TextDocument): boolean {
    return this.savedVersions.get(document.uri) !== document.version;
  }

  forget(uri: string): void {
    this.savedVersions.delete(uri);
  }

  /**
   * Findings of files that are not open (open ones are pulled per document). Every file reported before but
   * clean now gets an empty report, so its old diagnostics go away.
   */
  private async pullWorkspace(previous: { uri: string; value: string }[], token: CancellationToken) {
    await new Promise((resolve) => setTimeout(resolve, PULL_DEBOUNCE_MS));
    const typing = this.workspaceReport !== undefined && Date.now() - this.lastEdit < TYPING_PAUSE_MS;
    const byFile = typing ? this.workspaceReport!.byFile : await this.workspaceFindings(token);
    const resultId = this.workspaceReport!.key;
    const previousIds = new Map(previous.map((p) => [p.uri, p.value]));
    const open = new Set(this.documents.all().map((d) => d.uri));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set([...byFile.keys(), ...[...previousIds.keys()].map((u) => uriToPath(u) ?? '')]);
    for (const file of reported) {
      if (!file) continue;
      const uri = pathToUri(file);
      if (open.has(uri)) continue;
      items.push(
        previousIds.get(uri) === resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null }
          : { kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: (byFile.get(file) ?? []).map((f) => toDiagnostic(f)) },
      );
    }
    return { items };
  }

  /**
   * Lints every workspace folder with its settings (cached until something changes); findings by file.
   * Cancelling the request stops the work between files.
   */
  async workspaceFindings(token: CancellationToken): Promise<Map<string, Finding[]>> {
    const isCancelled = () => token.isCancellationRequested;
    const folders = await Promise.all(
      this.workspace.folders.map(async (project) => ({ project, settings: await this.settings.forDocument(pathToUri(project.root)) })),
    );
    const key = `${this.workspace.generation}:${JSON.stringify(folders.map((f) => [f.settings.enable, f.settings.rules]))}`;
    if (this.workspaceReport?.key === key) return this.workspaceReport.byFile;
    const byFile = new Map<string, Finding[]>();
    for (const { project, settings } of folders) {
      if (!settings.enable) continue;
      let findings: Finding[];
      try {
        findings = this.workspace.lint(project, { rules: settings.rules, isCancelled });
      } catch (error) {
        if (error instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        throw error;
      }
      for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
    }
    this.workspaceReport = { key, byFile };
    return byFile;
  }

  /** For clients without pull diagnostics. */
  private async pushOpenDocuments(): Promise<void> {
    for (const document of this.documents.all()) {
      const settings = await this.settings.forDocument(document.uri);
      const { findings, version } = this.analysis.findings(document, settings);
      await this.connection.sendDiagnostics({ uri: document.uri, version, diagnostics: findings.map((f) => toDiagnostic(f, version)) });
    }
  }

  /** For clients without pull diagnostics: a closed file's diagnostics are cleared. */
  async cleared(uri: string): Promise<void> {
    if (!this.mode.pull) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
