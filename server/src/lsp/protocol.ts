import { RequestType } from 'vscode-languageserver';

/** Requests the VS Code extension sends beyond LSP (other editors can send them too). */

export interface FolderParams {
  /** A workspace folder's URI; the first folder when absent. */
  folder?: string;
}

export interface ScanSummary {
  files: number;
  findings: { error: number; warning: number; info: number };
  /** Files with at least one finding, with their counts, most serious first. */
  byFile: { uri: string; error: number; warning: number; info: number }[];
  durationMs: number;
}

/** Lints every workspace folder; the findings then arrive as workspace diagnostics. */
export const ScanWorkspaceRequest = new RequestType<void, ScanSummary, void>('supaguard/scanWorkspace');

/** The folder's findings on disk as SARIF 2.1.0 text (what `supaguard scan --format sarif` prints). */
export const ExportSarifRequest = new RequestType<FolderParams, { sarif: string }, void>('supaguard/exportSarif');
