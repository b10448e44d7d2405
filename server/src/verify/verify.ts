import type { PGlite } from '@electric-sql/pglite';
import type { Finding, Range } from '../engine/finding';
import { readCatalog, type Catalog } from './catalog';
import { openStandinDatabase } from './database';
import { createdExtensions, type ReplayProject } from './history';
import { catalogFindings, leakFindings } from './report';
import { HistoryReplayer, type ReplayResult } from './replay';
import { pgtapOf } from './pgtap';
import type { ProbeCache } from './probe-cache';
import { runProbes, type ProbeRun, type TableProbeResult } from './probes';

/** What verified mode learned about one project. Plain data: it crosses from a worker thread. */
export interface ProjectVerification {
  folder: string;
  /** `sql/migration-fails`, leaks, and catalog findings static analysis could not make. */
  findings: Finding[];
  /** Catalog facts that confirm or refute static findings. */
  facts: CatalogFacts;
  skippedTables: { table: string; reason: string }[];
  skippedStatements: { file: string; range: Range; reason: string }[];
  stats: VerifyStats;
  /** The probes as a pgTAP test file, when asked for. */
  pgtap?: string;
}

export interface VerifyOptions {
  pgtap?: boolean;
}

/** How `inspect` runs inside the editor's warm mode. */
export interface InspectOptions extends VerifyOptions {
  /** The caller holds a transaction open, to be rolled back. */
  inTransaction?: boolean;
  /** Earlier probe results: tables whose results are still valid are not probed again. */
  probeCache?: ProbeCache;
}

export interface VerifyStats {
  statements: number;
  failedStatements: number;
  tablesProbed: number;
  /** Of those, tables whose results were still valid from an earlier check (the editor's warm mode). */
  tablesReused: number;
  probes: number;
  leaks: number;
  durationMs: number;
}

/** The end state of the replayed history, by qualified name (`public.notes`). */
export interface CatalogFacts {
  tables: {
    name: string;
    rls: boolean;
    policies: number;
    anonWrites: boolean;
    /** Probe results, when the table was probed: did user A read B's rows, reach another tenant's? */
    probed?: { readOtherUser: boolean; reachedOtherTenant?: boolean };
  }[];
  functions: { name: string; securityDefiner: boolean; searchPathSet: boolean; anonCanExecute: boolean }[];
  views: { name: string; securityInvoker: boolean }[];
}

/** Replays a project into a fresh stand-in database, reads the catalog and probes every exposed table. */
export async function verifyProject(project: ReplayProject, options: VerifyOptions = {}): Promise<ProjectVerification> {
  const db = await openStandinDatabase(createdExtensions(project));
  try {
    const started = performance.now();
    const replayer = await HistoryReplayer.start(db);
    const replay = await replayer.replay(project.files);
    return await inspect(db, project, replay, started, options);
  } finally {
    await db.close();
  }
}

/** Catalog checks and probes on a database that holds the replayed history (used cold and warm). */
export async function inspect(
  db: PGlite,
  project: ReplayProject,
  replay: ReplayResult,
  started: number,
  options: InspectOptions = {},
): Promise<ProjectVerification> {
  const catalog = await readCatalog(db, project.exposedSchemas);
  const reused = (await options.probeCache?.reusable(db, catalog, project)) ?? new Map<number, TableProbeResult>();
  const onlyTables = new Set(catalog.tables.map((t) => t.oid).filter((oid) => !reused.has(oid)));
  const fresh = await runProbes(db, catalog, { ...project, onlyTables, inTransaction: options.inTransaction });
  options.probeCache?.remember(fresh.tables);
  const probedNow = new Map(fresh.tables.map((r) => [r.table.oid, r]));
  const probes = { ...fresh, tables: catalog.tables.flatMap((t) => reused.get(t.oid) ?? probedNow.get(t.oid) ?? []) };
  const verification = summarize(project, replay, catalog, probes, reused.size, started);
  return options.pgtap ? { ...verification, pgtap: pgtapOf(probes, project.folder || 'this project') } : verification;
}

function summarize(
  project: ReplayProject,
  replay: ReplayResult,
  catalog: Catalog,
  probes: ProbeRun,
  tablesReused: number,
  started: number,
): ProjectVerification {
  const findings: Finding[] = [
    ...replay.failures.map((f) => ({
      ruleId: 'sql/migration-fails',
      severity: 'error' as const,
      message:
        `This statement fails when the migration history is replayed in Postgres: ${f.message}.` +
        (f.laterFailures ? ` ${f.laterFailures} later statement(s) of this file failed too.` : ''),
      file: f.path,
      range: f.range,
    })),
    ...catalogFindings(catalog, replay.origins, project.exposedSchemas),
    ...leakFindings(probes, replay.origins),
  ];
  const outcomes = probes.tables.flatMap((t) => t.outcomes);
  return {
    folder: project.folder,
    findings,
    facts: factsOf(catalog, project.exposedSchemas, probes),
    skippedTables: [
      ...(probes.skipped ? [{ table: '*', reason: probes.skipped }] : []),
      ...probes.tables.filter((t) => t.skipped).map((t) => ({ table: `${t.table.schema}.${t.table.name}`, reason: t.skipped! })),
    ],
    skippedStatements: replay.skipped.map((s) => ({ file: s.path, range: s.range, reason: s.reason })),
    stats: {
      statements: replay.statements,
      failedStatements: replay.failures.reduce((n, f) => n + 1 + f.laterFailures, 0),
      tablesProbed: probes.tables.filter((t) => !t.skipped).length,
      tablesReused,
      probes: outcomes.length,
      leaks: outcomes.filter((o) => o.leak).length,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

function factsOf(catalog: Catalog, exposedSchemas: readonly string[], probes: ProbeRun): CatalogFacts {
  const probed = new Map(probes.tables.filter((t) => !t.skipped).map((t) => [t.table.oid, t.outcomes]));
  const probeFacts = (oid: number) => {
    const outcomes = probed.get(oid);
    if (!outcomes) return {};
    const signedIn = outcomes.filter((o) => o.role === 'authenticated' && o.allowed);
    return {
      probed: {
        readOtherUser: signedIn.some((o) => o.operation === 'select'),
        ...(outcomes.some((o) => o.target === 'other-tenant') ? { reachedOtherTenant: signedIn.some((o) => o.target === 'other-tenant') } : {}),
      },
    };
  };
  return {
    tables: catalog.tables
      .filter((t) => exposedSchemas.includes(t.schema))
      .map((t) => ({
        name: `${t.schema}.${t.name}`,
        rls: t.rls,
        policies: t.policies.length,
        anonWrites: t.privileges.anon.some((p) => p !== 'select'),
        ...probeFacts(t.oid),
      })),
    functions: catalog.functions.map((f) => ({
      name: `${f.schema}.${f.name}`,
      securityDefiner: f.securityDefiner,
      searchPathSet: f.searchPathSet,
      anonCanExecute: f.anonCanExecute,
    })),
    views: catalog.views.map((v) => ({ name: `${v.schema}.${v.name}`, securityInvoker: v.securityInvoker })),
  };
}
