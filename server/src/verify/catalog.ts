import type { PGlite } from '@electric-sql/pglite';
import { quoteIdent } from './sql-text';

/** What the replayed database says about its tables, policies, functions and views (read-only queries). */
export interface Catalog {
  tables: TableInfo[];
  byOid: Map<number, TableInfo>;
  functions: FunctionInfo[];
  views: ViewInfo[];
}

export interface ColumnInfo {
  name: string;
  /** `format_type` of the column, e.g. `uuid`, `character varying(40)`, `public.status`. */
  type: string;
  /** The base type's category (`S` string, `N` numeric, `B` boolean, `D` date/time, `U` user…, `A` array, `E` enum). */
  category: string;
  baseType: string;
  notNull: boolean;
  hasDefault: boolean;
  /** Generated columns take no value from an insert. */
  generated: boolean;
  /** Identity columns take their value from a sequence unless the insert overrides it. */
  identity: boolean;
  enumLabels: string[] | null;
}

export interface ForeignKey {
  columns: string[];
  refOid: number;
  refColumns: string[];
}

export interface PolicyInfo {
  oid: number;
  name: string;
  /** `r` select, `a` insert, `w` update, `d` delete, `*` all. */
  command: string;
  permissive: boolean;
  roles: string[];
  using: string | null;
  withCheck: string | null;
}

export interface TableInfo {
  oid: number;
  schema: string;
  name: string;
  rls: boolean;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Columns of each unique constraint. */
  uniqueKeys: string[][];
  foreignKeys: ForeignKey[];
  /** `check (…)` definitions, with the columns they mention. */
  checks: { columns: string[]; definition: string }[];
  policies: PolicyInfo[];
  /** Table privileges of `anon` and `authenticated`: `select`, `insert`, `update`, `delete`. */
  privileges: { anon: string[]; authenticated: string[] };
}

export interface FunctionInfo {
  oid: number;
  schema: string;
  name: string;
  securityDefiner: boolean;
  searchPathSet: boolean;
  anonCanExecute: boolean;
}

export interface ViewInfo {
  oid: number;
  schema: string;
  name: string;
  securityInvoker: boolean;
}

export function qualifiedName(table: { schema: string; name: string }): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}


const TABLES_SQL = `
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name, c.relrowsecurity as rls,
  array(select p from unnest(array['select', 'insert', 'update', 'delete']) p where has_table_privilege('anon', c.oid, p)) as anon,
  array(select p from unnest(array['select', 'insert', 'update', 'delete']) p where has_table_privilege('authenticated', c.oid, p)) as authenticated
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and not c.relispartition
  and (c.oid >= 16384 and n.nspname not in ('supaguard_standin', 'cron', 'net', 'pgmq', 'vault') or n.nspname = 'auth' and c.relname = 'users')`;

const COLUMNS_SQL = `
select a.attrelid::int8::text as table_oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
  bt.typcategory as category, format_type(bt.oid, null) as base_type, a.attnotnull as not_null, a.atthasdef as has_default,
  a.attgenerated <> '' as generated, a.attidentity <> '' as identity,
  (select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = bt.oid) as enum_labels
from pg_attribute a join pg_type t on t.oid = a.atttypid
  join pg_type bt on bt.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`;

const CONSTRAINTS_SQL = `
select co.conrelid::int8::text as table_oid, co.contype as type, co.confrelid::int8::text as ref_oid,
  array(select a.attname from unnest(co.conkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.n order by k.i) as columns,
  array(select a.attname from unnest(co.confkey) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.n order by k.i) as ref_columns,
  pg_get_constraintdef(co.oid) as definition
from pg_constraint co where co.conrelid = any($1::oid[]) and co.contype in ('p', 'u', 'f', 'c')`;

const POLICIES_SQL = `
select p.oid::int8::text as oid, p.polrelid::int8::text as table_oid, p.polname as name, p.polcmd as command,
  p.polpermissive as permissive,
  array(select case when r = 0 then 'public' else pg_get_userbyid(r) end from unnest(p.polroles) r) as roles,
  pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as with_check
from pg_policy p where p.polrelid = any($1::oid[])`;

const FUNCTIONS_SQL = `
select p.oid::int8::text as oid, n.nspname as schema, p.proname as name, p.prosecdef as security_definer,
  exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%') as search_path_set,
  has_function_privilege('anon', p.oid, 'execute') as anon_can_execute
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where p.oid >= 16384 and n.nspname = any($1)`;

const VIEWS_SQL = `
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name,
  coalesce(exists (select 1 from unnest(c.reloptions) o where o in ('security_invoker=true', 'security_invoker=on', 'security_invoker=1')), false)
    as security_invoker
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm') and c.oid >= 16384 and n.nspname = any($1)`;

/** Reads the catalog of the replayed database: every user table (for row synthesis) and the exposed functions and views. */
export async function readCatalog(db: PGlite, exposedSchemas: readonly string[]): Promise<Catalog> {
  const tableRows = (await db.query<{ oid: string; schema: string; name: string; rls: boolean; anon: string[]; authenticated: string[] }>(TABLES_SQL)).rows;
  const tables: TableInfo[] = tableRows.map((r) => ({
    oid: Number(r.oid),
    schema: r.schema,
    name: r.name,
    rls: r.rls,
    columns: [],
    primaryKey: [],
    uniqueKeys: [],
    foreignKeys: [],
    checks: [],
    policies: [],
    privileges: { anon: r.anon, authenticated: r.authenticated },
  }));
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const oids = tables.map((t) => t.oid);

  for (const c of (await db.query<Record<string, any>>(COLUMNS_SQL, [oids])).rows) {
    byOid.get(Number(c.table_oid))?.columns.push({
      name: c.name,
      type: c.type,
      category: c.category,
      baseType: c.base_type,
      notNull: c.not_null,
      hasDefault: c.has_default,
      generated: c.generated,
      identity: c.identity,
      enumLabels: c.enum_labels,
    });
  }
  for (const c of (await db.query<Record<string, any>>(CONSTRAINTS_SQL, [oids])).rows) {
    const table = byOid.get(Number(c.table_oid));
    if (!table) continue;
    if (c.type === 'p') table.primaryKey = c.columns;
    else if (c.type === 'u') table.uniqueKeys.push(c.columns);
    else if (c.type === 'f') table.foreignKeys.push({ columns: c.columns, refOid: Number(c.ref_oid), refColumns: c.ref_columns });
    else table.checks.push({ columns: c.columns, definition: c.definition });
  }
  for (const p of (await db.query<Record<string, any>>(POLICIES_SQL, [oids])).rows) {
    byOid.get(Number(p.table_oid))?.policies.push({
      oid: Number(p.oid),
      name: p.name,
      command: p.command,
      permissive: p.permissive,
      roles: p.roles,
      using: p.using,
      withCheck: p.with_check,
    });
  }
  const functions = (await db.query<Record<string, any>>(FUNCTIONS_SQL, [exposedSchemas])).rows.map((f) => ({
    oid: Number(f.oid),
    schema: f.schema,
    name: f.name,
    securityDefiner: f.security_definer,
    searchPathSet: f.search_path_set,
    anonCanExecute: f.anon_can_execute,
  }));
  const views = (await db.query<Record<string, any>>(VIEWS_SQL, [exposedSchemas])).rows.map((v) => ({
    oid: Number(v.oid),
    schema: v.schema,
    name: v.name,
    securityInvoker: v.security_invoker,
  }));
  return { tables, byOid, functions, views };
}

const COMMAND_OF_OPERATION: Record<string, string> = { select: 'r', insert: 'a', update: 'w', delete: 'd' };

/** Permissive policies that apply to `role` for `operation`. */
export function applicablePolicies(table: TableInfo, role: string, operation: string): PolicyInfo[] {
  const command = COMMAND_OF_OPERATION[operation];
  return table.policies.filter(
    (p) => p.permissive && (p.command === '*' || p.command === command) && (p.roles.includes('public') || p.roles.includes(role)),
  );
}
