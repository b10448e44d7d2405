/**
 * Verified mode (SPEC §9): replay a Supabase project's migrations into an embedded Postgres with a
 * Supabase stand-in, check the catalog, and probe RLS across users. No LSP or VS Code import here.
 *
 * - `verifyTree` — the whole pipeline behind `supaguard verify` (static scan + verified findings).
 * - `WarmProjectVerifier` — the editor's on-save check: one warm database per project.
 * - `replayProjectOf` — a project's history from the SQL language's unit, as plain data.
 */
export { verifyTree, type VerifiedScan, type VerifySummary, type ProjectSummary } from './run';
export { WarmProjectVerifier } from './warm';
export { replayProjectOf } from './from-unit';
export { verifyIsolated, IsolatedWarmVerifier } from './isolated';
export { verifyProject, type ProjectVerification } from './verify';
export type { ReplayProject } from './history';
