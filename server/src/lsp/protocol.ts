import type { Range } from '../engine/finding';

/**
 * Requests beyond LSP, shared by the server and the VS Code extension (other editors can send them too).
 * Plain names and types, no runtime import, so the extension can include this file as it is.
 */

export interface FolderParams {
  /** A workspace folder's URI; the first folder when absent. */
  folder?: string;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface ScanSummary {
  files: number;
  findings: SeverityCounts;
  /** Files with at least one finding, most serious first. */
  byFile: ({ uri: string } & SeverityCounts)[];
  durationMs: number;
}

/** Lints every workspace folder → `ScanSummary`; the findings then arrive as workspace diagnostics. */
export const SCAN_WORKSPACE_REQUEST = 'supaguard/scanWorkspace';

/** `FolderParams` → `{ sarif }`: the folder's findings on disk as SARIF 2.1.0 (as `supaguard scan --format sarif`). */
export const EXPORT_SARIF_REQUEST = 'supaguard/exportSarif';

/** `FolderParams` → `{ markdown }`: the production checklist report of SPEC §6 (as `supaguard checklist`). */
export const CHECKLIST_REQUEST = 'supaguard/checklist';

/** Runs on the server: opens the rule's documentation (`window/showDocument`). Arguments: `[ruleId]`. */
export const SHOW_DOCUMENTATION_COMMAND = 'supaguard.showDocumentation';

/** One service-role client of the workspace (SPEC §2 `code/service-role-client`), located by URI. */
export interface InventoryClient {
  uri: string;
  relativePath: string;
  range: Range;
  client: string;
  constructorName: string;
  enclosingFunction?: string;
  /** Where the key comes from (`process.env.SUPABASE_SERVICE_ROLE_KEY`); never the key itself. */
  keySource: string;
  tables: string[];
  usages: { uri: string; relativePath: string; line: number; table: string; operation?: string; handler?: string }[];
  browser: boolean;
  justification?: string;
}

/** → `InventoryClient[]` for every workspace folder, from the files as the editor has them. */
export const SERVICE_ROLE_INVENTORY_REQUEST = 'supaguard/serviceRoleInventory';

export interface VerifyParams {
  /** A workspace folder's URI; every folder when absent. */
  folder?: string;
  /** A migration just saved: only its project is checked, from the state before this file (a warm database). */
  savedFile?: string;
}

/** A finding of verified mode (SPEC §9), located by URI. */
export interface VerifiedFinding {
  uri: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: Range;
}

export interface VerifyOutcome {
  projects: {
    /** The folder holding `supabase/`, by URI. */
    folder: string;
    /** Why the project could not be verified. */
    error?: string;
    statements?: number;
    tablesProbed?: number;
    probes?: number;
    durationMs?: number;
    skippedTables: { table: string; reason: string }[];
  }[];
  /** What verified mode found; the same findings then arrive as diagnostics, with refuted static ones gone. */
  findings: VerifiedFinding[];
}

/**
 * `VerifyParams` → `VerifyOutcome`: replays the migrations in an embedded Postgres and probes RLS across
 * users (SPEC §9). It runs the project's migrations, so a client sends it only for a trusted workspace.
 */
export const VERIFY_REQUEST = 'supaguard/verify';
