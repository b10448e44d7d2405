import type { Finding } from '../engine/finding';
import { internalError } from '../engine/runner';
import { loadWorkspace, scan, type ScanResult } from '../engine/scan';
import { replayProjectsOf } from './from-unit';
import { verifyIsolated, type IsolatedOutcome } from './isolated';
import { applyVerdicts } from './judge';
import type { ReplayProject } from './history';
import type { CatalogFacts, VerifyOptions, VerifyStats } from './verify';

export interface VerifyRequest {
  root: string;
  paths?: string[];
  configFile?: string;
  /** One line per step, for a progress display. */
  onProgress?: (message: string) => void;
  /** Also write the probes as pgTAP tests (`ProjectSummary.pgtap`). */
  emitPgtap?: boolean;
  /** Runs one project; defaults to a worker thread with a time limit. */
  runProject?: (project: ReplayProject, options: VerifyOptions) => Promise<IsolatedOutcome>;
}

export interface ProjectSummary {
  folder: string;
  stats?: VerifyStats;
  /** Why the project could not be verified. */
  error?: string;
  skippedTables: { table: string; reason: string }[];
  skippedStatements: { file: string; line: number; reason: string }[];
  pgtap?: string;
}

export interface VerifySummary {
  projects: ProjectSummary[];
  /** Static findings the replayed database confirmed, and those it refuted (dropped from the report). */
  confirmed: number;
  refuted: number;
  refutedFindings: { ruleId: string; file: string; line: number }[];
}

export interface VerifiedScan {
  result: ScanResult;
  summary: VerifySummary;
}

/**
 * Verified mode over a tree (SPEC §9): the static scan, with the findings of each project's replay and
 * probes added (so config severities, suppressions and redaction apply to them too), and the static
 * findings the database refutes dropped.
 */
export async function verifyTree(request: VerifyRequest): Promise<VerifiedScan> {
  const workspace = await loadWorkspace(request);
  const { root, config, files } = workspace;
  const projects = replayProjectsOf(root, files, config);
  const runProject = request.runProject ?? verifyIsolated;

  const extraFindings: Finding[] = [];
  const summaries: ProjectSummary[] = [];
  const factsByFile = new Map<string, CatalogFacts>();
  for (const [i, project] of projects.entries()) {
    request.onProgress?.(`verifying ${project.folder || '.'} (${i + 1}/${projects.length}): replaying ${project.files.length} migration(s)…`);
    const outcome = await runProject(project, { pgtap: request.emitPgtap });
    if ('error' in outcome) {
      summaries.push({ folder: project.folder, error: outcome.error, skippedTables: [], skippedStatements: [] });
      extraFindings.push(...unverifiedProjectFindings(project, outcome.error));
      continue;
    }
    const v = outcome.verification;
    extraFindings.push(...v.findings);
    for (const file of project.files) factsByFile.set(file.path, v.facts);
    summaries.push({
      folder: v.folder,
      stats: v.stats,
      skippedTables: v.skippedTables,
      skippedStatements: v.skippedStatements.map((s) => ({ file: s.file, line: s.range.start.line + 1, reason: s.reason })),
      ...(v.pgtap ? { pgtap: v.pgtap } : {}),
    });
  }

  const result = await scan({ root, workspace, extraFindings });
  const sourceOf = new Map(result.files.map((f) => [f.path, f]));
  const judged = applyVerdicts(result.findings, { own: extraFindings, factsByFile, sourceOf: (file) => sourceOf.get(file) });
  const summary: VerifySummary = { projects: summaries, confirmed: judged.confirmed, refuted: judged.refuted.length, refutedFindings: judged.refuted };
  return { result: { ...result, findings: judged.findings }, summary };
}

/** Reported, not just listed: a project verified mode could not check must not pass a CI gate silently. */
export function unverifiedProjectFindings(project: ReplayProject, error: string): Finding[] {
  const first = project.files[0];
  return first ? [internalError(first.path, 'verified mode could not check this project', error)] : [];
}
