/**
 * Verified mode (SPEC §9): replay a Supabase project's migrations into an embedded Postgres with a
 * Supabase stand-in, check the catalog, and probe RLS across users. No LSP or VS Code import here.
 *
 * - `verifyTree` — the whole pipeline behind `supaguard verify` (static scan + verified findings).
 * - `IsolatedWarmVerifier` — the editor's checks: a warm database per project, in a worker thread.
 * - `replayProjectsOf` — the projects' histories from the SQL language's parse, as plain data.
 * - `applyVerdicts` — static findings judged by a verification's catalog facts.
 */
export { unverifiedProjectFindings, verifyTree, type VerifiedScan, type VerifySummary, type ProjectSummary } from './run';
export { replayProjectsOf } from './from-unit';
export { IsolatedWarmVerifier } from './isolated';
export { applyVerdicts } from './judge';
export type { CatalogFacts, ProjectVerification } from './verify';
