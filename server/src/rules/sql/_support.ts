import type { Fix, Range, RelatedLocation, TextEdit } from '../../engine/finding';
import type { Rule, RuleContext, RuleMeta } from '../../engine/rule';
import type { PgNode } from '../../languages/sql/ast';
import { admitsEverySignedInUser, guarantees, isTautology } from '../../languages/sql/predicates';
import { textOfRange } from '../../languages/sql/locate';
import type { ParsedSqlFile, PolicyModel, SqlLocation, SqlStatement, SqlUnit, TableModel } from '../../languages/sql';

/** Declares a SQL rule: the language is implied. */
export function sqlRule(meta: RuleMeta, check: (context: RuleContext<SqlUnit>) => void): Rule<SqlUnit> {
  return { meta, language: 'sql', check };
}

/** Whether PostgREST serves a schema for this project (SPEC §2: config.toml `[api] schemas`, else `public`). */
export function isExposed(unit: SqlUnit, schema: string): boolean {
  return unit.project.exposedSchemas.includes(schema);
}

/** Tables in exposed schemas that `anon` or `authenticated` can still reach (not revoked from both). */
export function apiTables(unit: SqlUnit): TableModel[] {
  return unit.model.tables.filter((t) => isExposed(unit, t.schema) && t.apiRoles.size > 0);
}

/** Tables whose policies decide what API callers reach: the Data API's, Storage's and Realtime's. */
export function policedTables(unit: SqlUnit): TableModel[] {
  return [...apiTables(unit), ...unit.model.platformTables.filter((t) => t.apiRoles.size > 0)];
}

export function relatedAt(location: SqlLocation, message: string): RelatedLocation {
  return { file: location.statement.file.path, range: location.range, message };
}

/** Reports at a location of the history (its own file). */
export function reportAt(
  context: RuleContext<SqlUnit>,
  location: SqlLocation,
  descriptor: Omit<Parameters<RuleContext<SqlUnit>['report']>[0], 'file' | 'range'>,
): void {
  context.report({ ...descriptor, file: location.statement.file, range: location.range });
}

/** Who reaches a table without RLS: visitors with the anon key, or only signed-in users when anon lost its grants. */
export function whoReaches(table: TableModel): string {
  return table.apiRoles.has('anon') ? 'anyone holding the public anon key' : 'any signed-in user';
}

export function displayName(object: { schema: string; name: string }): string {
  return `${object.schema}.${object.name}`;
}

const API_ROLES = new Set(['public', 'anon', 'authenticated']);

/** Whether the policy applies to requests through the Data API (`anon`, `authenticated`, or every role). */
export function appliesToApi(policy: PolicyModel): boolean {
  return policy.roles.some((r) => API_ROLES.has(r));
}

/** The predicate that filters rows a command can see (USING): select, update, delete and all. */
export function visibilityPredicate(policy: PolicyModel): unknown {
  return policy.command === 'insert' ? undefined : policy.using;
}

/** The predicate new rows must pass: WITH CHECK, else USING for update and all (as Postgres does). */
export function writePredicate(policy: PolicyModel): unknown {
  if (policy.command === 'select' || policy.command === 'delete') return undefined;
  return policy.withCheck ?? (policy.command === 'insert' ? undefined : policy.using);
}

/**
 * A write policy (not `select`) whose USING or WITH CHECK admits every row: to everyone (a tautology), or
 * to every signed-in user (only a sign-in check) when the policy applies to them. sql/policy-always-true's
 * finding; other rules leave such policies to it.
 */
export function openWrite(policy: PolicyModel): { clause: 'USING' | 'WITH CHECK'; toAnyone: boolean } | undefined {
  if (policy.command === 'select') return undefined;
  const clauses = [['USING', visibilityPredicate(policy)], ['WITH CHECK', writePredicate(policy)]] as const;
  const tautology = clauses.find(([, predicate]) => isTautology(predicate));
  if (tautology) return { clause: tautology[0], toAnyone: true };
  if (!policy.roles.includes('authenticated') && !policy.roles.includes('public')) return undefined;
  const signInOnly = clauses.find(([, predicate]) => admitsEverySignedInUser(predicate));
  return signInOnly && { clause: signInOnly[0], toAnyone: false };
}

/** `select` and `all` policies decide what rows a user can read. */
export function governsReads(policy: PolicyModel): boolean {
  return policy.command === 'select' || policy.command === 'all';
}

/** The table's create statement, for `related`. */
export function createdHere(table: TableModel): RelatedLocation {
  return relatedAt(table.created, `${displayName(table)} is created here`);
}

/** An edit inserting text at a file byte offset of a parsed migration. */
export function insertAt(parsed: ParsedSqlFile, byteOffset: number, newText: string): TextEdit {
  return replaceBytes(parsed, byteOffset, byteOffset, newText);
}

export function replaceBytes(parsed: ParsedSqlFile, byteStart: number, byteEnd: number, newText: string): TextEdit {
  return { file: parsed.file.path, range: parsed.rangeOfBytes(byteStart, byteEnd), newText };
}

/** Inserts a statement on its own line after another one (adding the `;` the other may lack). */
export function insertStatementAfter(unit: SqlUnit, statement: SqlStatement, newStatement: string): TextEdit {
  const parsed = unit.parsedOf(statement.file);
  const terminated = statement.byteEndWithSemicolon > statement.byteEnd;
  return insertAt(parsed, statement.byteEndWithSemicolon, `${terminated ? '' : ';'}\n${newStatement}`);
}

/** The enable-RLS fix of a table: a statement right after its `create table`. */
export function enableRlsFix(unit: SqlUnit, table: TableModel): Fix {
  const parsed = unit.parsedOf(table.created.statement.file);
  const written = textOfRange(parsed, table.created.range);
  return {
    title: `Enable row level security on ${displayName(table)}`,
    // With RLS on and no policy, the API returns nothing for the table: behaviour changes on purpose.
    safe: false,
    edits: [insertStatementAfter(unit, table.created.statement, `alter table ${written} enable row level security;`)],
  };
}

/** Permissive policies that apply to API roles, on tables an API serves. */
export function apiPolicies(unit: SqlUnit): PolicyModel[] {
  return policedTables(unit).flatMap((t) => t.policies.filter((p) => p.permissive && appliesToApi(p)));
}

export function policyLabel(policy: PolicyModel): string {
  return `Policy "${policy.name}" on ${displayName(policy.table)}`;
}

/**
 * Whether a restrictive policy for the policy's command and every role it admits makes `holds` true for
 * every row anyway (restrictive policies are ANDed with the permissive ones).
 */
export function restrictedElsewhere(policy: PolicyModel, holds: (leaf: PgNode) => boolean): boolean {
  return policy.table.policies.some(
    (p) =>
      !p.permissive &&
      (p.command === 'all' || p.command === policy.command) &&
      (p.roles.includes('public') || policy.roles.every((role) => p.roles.includes(role))) &&
      [p.using, p.withCheck].some((predicate) => predicate !== undefined && guarantees(predicate, holds)),
  );
}
