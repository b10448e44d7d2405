import type { PGlite } from '@electric-sql/pglite';
import { applicablePolicies, qualifiedName, type Catalog, type PolicyInfo, type TableInfo } from './catalog';
import { literal, quoteIdent } from './sql-text';
import { claimsOf, RowSynthesizer, type SynthesizedRow, type TableRoles } from './synthesize';

export type ProbeRole = 'authenticated' | 'anon';
export type ProbeOperation = 'select' | 'update' | 'delete' | 'insert' | 'reassign' | 'move' | 'join';

/** Whose row a probe aims at, relative to user A (the signed-in prober). */
export type ProbeTarget = 'other-user' | 'other-tenant' | 'same-tenant';

export interface ProbeOutcome {
  table: TableInfo;
  role: ProbeRole;
  operation: ProbeOperation;
  target: ProbeTarget;
  /** True when the database let the operation through. */
  allowed: boolean;
  /** Whether allowing the operation would be a leak for this table (a public-read table may be read by others). */
  wouldLeak: boolean;
  /** Allowed, and a leak. */
  leak: boolean;
  /** Policies that admitted the row (empty when RLS is off). */
  policies: PolicyInfo[];
  /** Postgres's message when the attempt failed for a reason other than RLS or privileges. */
  error?: string;
  /** The statement that makes the attempt, with literal values (for pgTAP). */
  sql: string;
  /** The values identifying the targeted row (primary key, or every inserted column), for pgTAP. */
  rowKey?: Record<string, unknown>;
}

export interface TableProbeResult {
  table: TableInfo;
  roles: TableRoles;
  outcomes: ProbeOutcome[];
  /** Why the table was not probed. */
  skipped?: string;
  /** Rows made for this table's probes, parents first, for pgTAP set-up. */
  seeded: { table: TableInfo; row: SynthesizedRow }[];
}

export interface ProbeRun {
  tables: TableProbeResult[];
  /** Set-up that failed for every table (e.g. a sign-up trigger that breaks). */
  skipped?: string;
  /** Rows every table's probes start from (the users' own, their tenants), for pgTAP set-up. */
  seeded: { table: TableInfo; row: SynthesizedRow }[];
}

const PERMISSION_CODES = new Set(['42501']);

/**
 * Cross-user probes (SPEC §9), all inside one transaction that is rolled back: rows for users A and B
 * (and their tenants) are inserted as the superuser, then each probe runs under a savepoint as
 * `authenticated` with A's claims, or as `anon`, and is undone.
 */
export interface ProbeOptions {
  exposedSchemas: readonly string[];
  tenantColumns: readonly string[];
  privateTables: readonly string[];
  /** Probe only these tables (by object id); all exposed tables when absent. */
  onlyTables?: ReadonlySet<number>;
  /** The caller holds a transaction open (the editor's warm mode): probe under a savepoint of it. */
  inTransaction?: boolean;
}

export async function runProbes(db: PGlite, catalog: Catalog, options: ProbeOptions): Promise<ProbeRun> {
  await db.exec(options.inTransaction ? 'savepoint supaguard_probes' : 'begin');
  try {
    const synthesizer = new RowSynthesizer(db, catalog, options);
    const usersFailed = await synthesizer.createUsers();
    if (usersFailed) return { tables: [], skipped: usersFailed, seeded: [] };
    await synthesizer.joinTenant();
    const exposed = catalog.tables.filter(
      (t) => options.exposedSchemas.includes(t.schema) && (!options.onlyTables || options.onlyTables.has(t.oid)),
    );
    const seeded = [...synthesizer.inserted];
    // Each table from the same start (users and tenants), so that no table's rows, such as a membership
    // made as a parent, change what another table's probes find: results do not depend on the order.
    const tables: TableProbeResult[] = [];
    for (const table of exposed) {
      const mark = synthesizer.mark();
      await db.exec('savepoint supaguard_table');
      try {
        const result = await probeTable(db, synthesizer, table);
        tables.push({ ...result, seeded: synthesizer.inserted.slice(mark.inserted) });
      } finally {
        await db.exec('rollback to savepoint supaguard_table; release savepoint supaguard_table');
        synthesizer.restore(mark);
      }
    }
    return { tables, seeded };
  } finally {
    await db.exec(options.inTransaction ? 'rollback to savepoint supaguard_probes; release savepoint supaguard_probes' : 'rollback');
  }
}

async function probeTable(db: PGlite, synthesizer: RowSynthesizer, table: TableInfo): Promise<TableProbeResult> {
  const roles = synthesizer.rolesOf(table);
  const result: TableProbeResult = { table, roles, outcomes: [], seeded: [] };
  const own = await synthesizer.rowFor(table, { user: 'a', tenant: 'a' });
  const other = await synthesizer.rowFor(table, { user: 'b', tenant: 'b' });
  if ('skip' in own || 'skip' in other) {
    result.skipped = `rows for the probes cannot be made: ${'skip' in own ? own.skip : (other as { skip: string }).skip}`;
    return result;
  }
  const tenantScoped = Boolean(roles.tenantColumn) || roles.isTenantRoot;
  // Reading another user's row leaks only where rows are not shared by design (a profile, a product):
  // without RLS, on private tables, across tenants, and on per-user records (invoices, settings).
  const sensitiveRead = !table.rls || roles.isPrivate || tenantScoped || roles.isPersonal;
  const sensitiveWrite = sensitiveRead || Boolean(roles.ownerColumn);
  const otherTarget: ProbeTarget = tenantScoped ? 'other-tenant' : 'other-user';
  const probe = (role: ProbeRole, target: ProbeTarget, leakIfAllowed: boolean) => ({ db, table, role, target, leakIfAllowed });

  for (const role of ['authenticated', 'anon'] as const) {
    const anon = role === 'anon';
    result.outcomes.push(await probeRead(probe(role, otherTarget, sensitiveRead), other.row));
    result.outcomes.push(await probeChange(probe(role, otherTarget, anon || sensitiveWrite), other.row, 'update'));
    result.outcomes.push(await probeChange(probe(role, otherTarget, anon || sensitiveWrite), other.row, 'delete'));
    if (roles.ownerColumn || roles.tenantColumn || roles.isPersonal || anon) {
      const values = await synthesizer.valuesFor(table, { user: 'b', tenant: 'b' });
      if ('values' in values) result.outcomes.push(await probeInsert(probe(role, otherTarget, sensitiveWrite), values.values));
    }
  }
  // Handing one's own row to another user (an update policy whose check does not pin the owner). Not on
  // tenant rows: there the tenant owns the row, and its creator column (`organizations.created_by`) is a
  // record; nor where A holds no row of its own (`grantsPrivilege`).
  const ownedByTenant = (Boolean(roles.tenantColumn) && !roles.isPrivate) || roles.isTenantRoot;
  if (roles.ownerColumn && !ownedByTenant && !roles.grantsPrivilege && roles.ownerColumn !== table.primaryKey.join()) {
    // B's own value of the column: B's user id, or B's row of the app's users table that stands for B.
    result.outcomes.push(await probeReassign(probe('authenticated', 'other-user', true), own.row, roles.ownerColumn, literal(other.row.values[roles.ownerColumn]), 'reassign'));
  }
  if (roles.tenantColumn) {
    const tenantValue = other.row.values[roles.tenantColumn];
    if (tenantValue !== own.row.values[roles.tenantColumn]) {
      result.outcomes.push(await probeReassign(probe('authenticated', 'other-tenant', true), own.row, roles.tenantColumn, literal(tenantValue), 'move'));
    }
  }
  // Joining another tenant: a row of one's own inside B's tenant (a membership granted to oneself). Only
  // where the row needs no other parent, which A could not have made in B's tenant.
  if (roles.tenantColumn && roles.ownerColumn && !needsOtherParents(table, roles)) {
    const values = await synthesizer.valuesFor(table, { user: 'a', tenant: 'b' });
    if ('values' in values) result.outcomes.push(await probeInsert(probe('authenticated', 'other-tenant', true), values.values, 'join'));
  }
  // Private tables keep users apart even inside one tenant.
  if (roles.isPrivate && tenantScoped) {
    const sameTenant = await synthesizer.rowFor(table, { user: 'b', tenant: 'a' });
    if ('row' in sameTenant && sameTenant.row.ctid !== other.row.ctid) {
      result.outcomes.push(await probeRead(probe('authenticated', 'same-tenant', true), sameTenant.row));
      result.outcomes.push(await probeChange(probe('authenticated', 'same-tenant', true), sameTenant.row, 'update'));
      result.outcomes.push(await probeChange(probe('authenticated', 'same-tenant', true), sameTenant.row, 'delete'));
    }
  }
  return result;
}

interface ProbeSpec {
  db: PGlite;
  table: TableInfo;
  role: ProbeRole;
  target: ProbeTarget;
  leakIfAllowed: boolean;
}

async function probeRead(spec: ProbeSpec, row: SynthesizedRow): Promise<ProbeOutcome> {
  const key = rowKeyOf(spec.table, row);
  const sql = `select 1 from ${qualifiedName(spec.table)} where ${keyCondition(key)}`;
  const attempt = await attemptAs(spec, `select count(*)::int as n from ${qualifiedName(spec.table)} where ctid = '${row.ctid}'::tid`, (r) => Number(r.rows[0]?.n) > 0);
  return outcome(spec, 'select', attempt, sql, key, await admittingPolicies(spec, 'select', row));
}

async function probeChange(spec: ProbeSpec, row: SynthesizedRow, operation: 'update' | 'delete'): Promise<ProbeOutcome> {
  const key = rowKeyOf(spec.table, row);
  const target = qualifiedName(spec.table);
  const updatable = updatableColumn(spec.table);
  if (operation === 'update' && updatable === undefined) {
    return outcome(spec, operation, { allowed: false, error: 'the table has no column an update could set' }, `update ${target}`, key, []);
  }
  const column = quoteIdent(updatable ?? '');
  const statement = (where: string) =>
    operation === 'update' ? `update ${target} set ${column} = ${column} where ${where}` : `delete from ${target} where ${where}`;
  let attempt = await attemptAs(spec, statement(`ctid = '${row.ctid}'::tid`), (r) => (r.affectedRows ?? 0) > 0, operation === 'delete');
  if (!attempt.allowed && operation === 'delete') {
    // A filter needs the SELECT policies too; a bare `delete from t` needs only the DELETE ones.
    const gone = async () => Number((await spec.db.query<{ n: number }>(`select count(*)::int as n from ${target} where ctid = '${row.ctid}'::tid`)).rows[0]?.n) === 0;
    attempt = await attemptAs(spec, `delete from ${target}`, (r) => (r.affectedRows ?? 0) > 0, true, gone);
  }
  return outcome(spec, operation, attempt, statement(keyCondition(key)), key, await admittingPolicies(spec, operation, row));
}

function needsOtherParents(table: TableInfo, roles: TableRoles): boolean {
  return table.foreignKeys.some(
    (fk) =>
      fk.refOid !== table.oid &&
      fk.columns.some((c) => c !== roles.ownerColumn && c !== roles.tenantColumn && table.columns.find((col) => col.name === c)?.notNull),
  );
}

async function probeInsert(spec: ProbeSpec, values: Record<string, string>, operation: 'insert' | 'join' = 'insert'): Promise<ProbeOutcome> {
  const columns = Object.keys(values);
  const sql = columns.length
    ? `insert into ${qualifiedName(spec.table)} (${columns.map(quoteIdent).join(', ')}) values (${columns.map((c) => values[c]).join(', ')})`
    : `insert into ${qualifiedName(spec.table)} default values`;
  const attempt = await attemptAs(spec, sql, (r) => (r.affectedRows ?? 0) > 0);
  return outcome(spec, operation, attempt, sql, undefined, spec.table.rls ? applicablePolicies(spec.table, spec.role, 'insert') : []);
}

async function probeReassign(
  spec: ProbeSpec,
  own: SynthesizedRow,
  column: string,
  newValue: string,
  operation: 'reassign' | 'move',
): Promise<ProbeOutcome> {
  const key = rowKeyOf(spec.table, own);
  const statement = (where: string) => `update ${qualifiedName(spec.table)} set ${quoteIdent(column)} = ${newValue} where ${where}`;
  const attempt = await attemptAs(spec, statement(`ctid = '${own.ctid}'::tid`), (r) => (r.affectedRows ?? 0) > 0);
  return outcome(spec, operation, attempt, statement(keyCondition(key)), key, await admittingPolicies(spec, 'update', own));
}

interface Attempt {
  allowed: boolean;
  error?: string;
}

type QueryResult = { rows: Record<string, unknown>[]; affectedRows?: number };

/**
 * Runs `sql` as the probe's role under a savepoint, always undone. `confirm`, when given, runs back as
 * the superuser before the undo and must agree that the targeted row was reached.
 */
async function attemptAs(
  spec: ProbeSpec,
  sql: string,
  succeeded: (r: QueryResult) => boolean,
  withoutTriggers = false,
  confirm?: () => Promise<boolean>,
): Promise<Attempt> {
  const { db } = spec;
  await db.exec('savepoint supaguard_probe');
  try {
    // Foreign keys are enforced by triggers: without them a delete the policies allow is not stopped by child rows.
    if (withoutTriggers) await db.exec(`set local session_replication_role = replica`);
    await enterRole(db, spec.role);
    const result = (await db.query(sql)) as QueryResult;
    if (!succeeded(result)) return { allowed: false };
    if (!confirm) return { allowed: true };
    await db.exec('reset role');
    return { allowed: await confirm() };
  } catch (error) {
    const e = error as { code?: string; message: string };
    const denied = PERMISSION_CODES.has(e.code ?? '') || /row-level security/.test(e.message);
    return { allowed: false, ...(denied ? {} : { error: e.message.split('\n')[0] }) };
  } finally {
    await db.exec('rollback to savepoint supaguard_probe; release savepoint supaguard_probe');
  }
}

async function enterRole(db: PGlite, role: ProbeRole): Promise<void> {
  const claims = role === 'anon' ? JSON.stringify({ role: 'anon' }) : claimsOf('a');
  await db.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
  await db.exec(`set local role ${role}`);
}

/** Which of the permissive policies for `operation` admit `row` for the probe's role. */
async function admittingPolicies(spec: ProbeSpec, operation: 'select' | 'update' | 'delete', row: SynthesizedRow): Promise<PolicyInfo[]> {
  if (!spec.table.rls) return [];
  const candidates = applicablePolicies(spec.table, spec.role, operation);
  const admitting: PolicyInfo[] = [];
  for (const policy of candidates) {
    if (!policy.using) {
      admitting.push(policy);
      continue;
    }
    const check = await attemptAs(
      { ...spec },
      `select count(*)::int as n from ${qualifiedName(spec.table)} where ctid = '${row.ctid}'::tid and (${policy.using})`,
      (r) => Number(r.rows[0]?.n) > 0,
    );
    if (check.allowed) admitting.push(policy);
  }
  return admitting.length ? admitting : candidates;
}

function outcome(
  spec: ProbeSpec,
  operation: ProbeOperation,
  attempt: Attempt,
  sql: string,
  rowKey: Record<string, unknown> | undefined,
  policies: PolicyInfo[],
): ProbeOutcome {
  return {
    table: spec.table,
    role: spec.role,
    operation,
    target: spec.target,
    allowed: attempt.allowed,
    wouldLeak: spec.leakIfAllowed,
    leak: attempt.allowed && spec.leakIfAllowed,
    policies: attempt.allowed ? policies : [],
    ...(attempt.error ? { error: attempt.error } : {}),
    sql,
    ...(rowKey ? { rowKey } : {}),
  };
}

/**
 * A column to set to itself: an update that changes nothing but must pass the policies. Not a generated
 * or `generated always` identity column, which refuse it; none in `create table t ()`.
 */
function updatableColumn(table: TableInfo): string | undefined {
  const writable = table.columns.filter((c) => !c.generated);
  const plain = writable.filter((c) => !c.identity);
  return (plain.find((c) => !table.primaryKey.includes(c.name)) ?? plain[0] ?? writable[0])?.name;
}

function rowKeyOf(table: TableInfo, row: SynthesizedRow): Record<string, unknown> {
  const columns = table.primaryKey.length ? table.primaryKey : table.columns.filter((c) => !c.generated).map((c) => c.name);
  return Object.fromEntries(columns.map((c) => [c, row.values[c]]));
}

function keyCondition(key: Record<string, unknown>): string {
  if (Object.keys(key).length === 0) return 'true';
  return Object.entries(key)
    .map(([column, value]) => (value === null || value === undefined ? `${quoteIdent(column)} is null` : `${quoteIdent(column)} = ${literal(value)}`))
    .join(' and ');
}

