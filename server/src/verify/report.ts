import type { Finding, RelatedLocation } from '../engine/finding';
import type { Catalog, PolicyInfo, TableInfo } from './catalog';
import type { StatementRef } from './history';
import type { ProbeOutcome, ProbeRun, ProbeTarget } from './probes';
import type { Origins } from './replay';

/** Statement kinds whose tables and RLS changes the static rules already see. */
const STATICALLY_VISIBLE = new Set(['CreateStmt', 'AlterTableStmt']);

/**
 * Exposed tables left without RLS by statements static analysis cannot follow (a `DO` block, dynamic SQL
 * in a function called by the migration): the replay knows which statement made them.
 */
export function catalogFindings(catalog: Catalog, origins: Origins, exposedSchemas: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const table of catalog.tables) {
    if (table.rls || !exposedSchemas.includes(table.schema)) continue;
    const responsible = origins.rlsDisabled.get(table.oid) ?? origins.tables.get(table.oid);
    if (!responsible || STATICALLY_VISIBLE.has(responsible.kind)) continue;
    findings.push({
      ruleId: 'sql/rls-disabled',
      severity: 'error',
      message:
        `Table ${nameOf(table)} is exposed through the API without row level security: this ${describeKind(responsible.kind)} ` +
        `creates it (found by replaying the migrations), so anyone with the anon key can read and change every row.`,
      file: responsible.path,
      range: responsible.range,
    });
  }
  return findings;
}

/** One finding per table, rule and responsible statement, with the probes that got through as evidence. */
export function leakFindings(run: ProbeRun, origins: Origins): Finding[] {
  const personal = new Set(run.tables.filter((t) => t.roles.isPersonal).map((t) => t.table.oid));
  const owned = new Set(run.tables.filter((t) => t.roles.ownerColumn || t.roles.tenantColumn).map((t) => t.table.oid));
  const groups = new Map<string, { ruleId: string; table: TableInfo; at: StatementRef; policy?: PolicyInfo; outcomes: ProbeOutcome[] }>();
  for (const result of run.tables) {
    for (const outcome of result.outcomes) {
      if (!outcome.leak) continue;
      const table = outcome.table;
      const policy = table.rls ? outcome.policies[0] : undefined;
      const at =
        (policy && origins.policies.get(policy.oid)) ??
        (!table.rls ? origins.rlsDisabled.get(table.oid) : undefined) ??
        origins.tables.get(table.oid);
      if (!at) continue;
      const ruleId = outcome.role === 'anon' ? 'sql/rls-anon-leak' : 'sql/rls-cross-user-leak';
      const key = `${ruleId}|${table.oid}|${at.path}|${at.range.start.line}`;
      const group = groups.get(key) ?? { ruleId, table, at, policy, outcomes: [] };
      group.outcomes.push(outcome);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((g) => ({
    ruleId: g.ruleId,
    severity: 'error' as const,
    message:
      g.ruleId === 'sql/rls-anon-leak'
        ? anonMessage(g.table, g.outcomes, owned.has(g.table.oid))
        : crossUserMessage(g.table, g.outcomes, personal.has(g.table.oid)),
    file: g.at.path,
    range: g.at.range,
    ...relatedOf(g.table, g.at, g.outcomes, origins),
  }));
}

const VERB: Record<ProbeOutcome['operation'], string> = {
  select: 'read',
  update: 'update',
  delete: 'delete',
  insert: 'insert',
  reassign: 'reassign',
  join: 'join',
  move: 'move',
};

function crossUserMessage(table: TableInfo, outcomes: ProbeOutcome[], personal: boolean): string {
  // Operations on B's rows, grouped by where those rows were (reads across and inside a tenant go together).
  const direct = outcomes.filter((o) => DIRECT.has(o.operation));
  const targetsOf = (verb: string) => unique(direct.filter((o) => VERB[o.operation] === verb).map((o) => o.target)).sort().join('+');
  const groups = new Map<string, string[]>();
  for (const verb of unique(direct.map((o) => VERB[o.operation]))) groups.set(targetsOf(verb), [...(groups.get(targetsOf(verb)) ?? []), verb]);
  const parts = [...groups.entries()].map(([targets, verbs]) => `${joinWords(verbs)} ${whose(targets.split('+') as ProbeTarget[])}`);
  parts.push(...otherActions(outcomes));
  // Why reading is a leak here when it is not on a profile: the rows are one user's each.
  const why = personal && table.rls && outcomes.some((o) => o.operation === 'select') ? ' (per-user records: each row is one user\'s)' : '';
  return `Signed in as user A (role authenticated), the verified-mode probes could ${joinWords(parts)} in ${nameOf(table)}${why}: ${evidenceOf(table, outcomes)}.`;
}

function anonMessage(table: TableInfo, outcomes: ProbeOutcome[], owned: boolean): string {
  const changes = unique(outcomes.filter((o) => o.operation !== 'insert').map((o) => VERB[o.operation]));
  const phrases = changes.length ? [`${joinWords(changes)} rows of ${nameOf(table)}`] : [];
  if (outcomes.some((o) => o.operation === 'insert')) phrases.push(`insert rows ${owned ? 'owned by a user ' : ''}into ${nameOf(table)}`);
  return `Without signing in (role anon), the verified-mode probes could ${joinWords(phrases)}: ${evidenceOf(table, outcomes)}.`;
}

const DIRECT = new Set<ProbeOutcome['operation']>(['select', 'update', 'delete']);

function whose(targets: ProbeTarget[]): string {
  const places = targets.map((t) => (t === 'same-tenant' ? 'in the same tenant (a private table must keep users apart)' : t === 'other-tenant' ? 'in another tenant' : ''));
  const said = places.filter(Boolean);
  return `user B's ${targets.length > 1 ? 'rows' : 'row'}${said.length ? ` ${joinWords(said)}` : ''}`;
}

/** Inserts and changes of ownership, which are about A's own or new rows. */
function otherActions(outcomes: ProbeOutcome[]): string[] {
  const phrases: string[] = [];
  const inserts = outcomes.filter((o) => o.operation === 'insert');
  if (inserts.length) phrases.push(`insert a row owned by user B${inserts.some((o) => o.target === 'other-tenant') ? ' in their tenant' : ''}`);
  if (outcomes.some((o) => o.operation === 'reassign')) phrases.push('hand its own row over to user B');
  if (outcomes.some((o) => o.operation === 'join')) phrases.push("insert a row of its own into user B's tenant");
  if (outcomes.some((o) => o.operation === 'move')) phrases.push("move its own row into user B's tenant");
  return phrases;
}

function evidenceOf(table: TableInfo, outcomes: ProbeOutcome[]): string {
  if (!table.rls) return 'row level security is disabled on this table';
  const byPolicy = new Map<string, string[]>();
  for (const o of outcomes) {
    for (const p of o.policies) byPolicy.set(p.name, unique([...(byPolicy.get(p.name) ?? []), VERB[o.operation]]));
  }
  if (byPolicy.size === 0) return 'no policy admits it, yet the table lets it through';
  const list = [...byPolicy.entries()].map(([name, verbs]) => `"${name}" (${verbs.join(', ')})`);
  return `allowed by ${list.length === 1 ? 'policy' : 'policies'} ${joinWords(list)}`;
}

function relatedOf(table: TableInfo, at: StatementRef, outcomes: ProbeOutcome[], origins: Origins): { related?: RelatedLocation[] } {
  const related: RelatedLocation[] = [];
  const seen = new Set([`${at.path}:${at.range.start.line}`]);
  const add = (ref: StatementRef | undefined, message: string) => {
    if (!ref || seen.has(`${ref.path}:${ref.range.start.line}`)) return;
    seen.add(`${ref.path}:${ref.range.start.line}`);
    related.push({ file: ref.path, range: ref.range, message });
  };
  for (const policy of outcomes.flatMap((o) => o.policies)) add(origins.policies.get(policy.oid), `policy "${policy.name}" on ${nameOf(table)}`);
  add(origins.tables.get(table.oid), `${nameOf(table)} is created here`);
  return related.length ? { related } : {};
}

function describeKind(kind: string): string {
  if (kind === 'DoStmt') return 'DO block';
  if (kind === 'SelectStmt' || kind === 'CallStmt') return 'function call';
  return `${kind.replace(/Stmt$/, '')} statement`;
}

function nameOf(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
