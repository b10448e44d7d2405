import type { PGlite } from '@electric-sql/pglite';
import type { Catalog } from './catalog';
import type { TableProbeResult } from './probes';
import { RowSynthesizer } from './synthesize';

/**
 * Everything a table's probes depend on, besides the table itself: functions (policies and triggers call
 * them) and triggers anywhere (a sign-up trigger on `auth.users` seeds rows). By name and text, not object
 * id, so a function the editor's check re-creates unchanged keeps earlier results valid.
 */
const ENVIRONMENT_SQL = `
select md5(
  coalesce((select string_agg(concat_ws(':', p.pronamespace::regnamespace::text, p.proname, pg_get_function_identity_arguments(p.oid),
      p.prosrc, p.proconfig::text, p.prosecdef::text, p.proacl::text), ',' order by 1)
    from pg_proc p where p.oid >= 16384), '')
  || coalesce((select string_agg(concat_ws(':', t.tgrelid::regclass::text, t.tgname, t.tgfoid::regproc::text, t.tgenabled::text), ',' order by 1)
    from pg_trigger t where not t.tgisinternal), '')
) as signature`;

/**
 * Per table: its RLS switches, grants, columns, constraints, policies and triggers, together with those of
 * the tables it depends on (foreign-key parents, whose rows the probes make first, and the tables its
 * policies read).
 */
const TABLE_SIGNATURES_SQL = `
with own as (
  select c.oid, concat_ws('|', c.relrowsecurity::text, c.relforcerowsecurity::text, c.relacl::text,
    (select string_agg(concat_ws(':', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, pg_get_expr(d.adbin, d.adrelid)), ',' order by a.attnum)
       from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
    (select string_agg(pg_get_constraintdef(k.oid), ',' order by 1) from pg_constraint k where k.conrelid = c.oid),
    (select string_agg(concat_ws(':', p.polname, p.polcmd::text, p.polpermissive::text, p.polroles::regrole[]::text,
        pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)), ',' order by 1)
       from pg_policy p where p.polrelid = c.oid),
    (select string_agg(concat_ws(':', t.tgname, t.tgfoid::regproc::text, t.tgenabled::text), ',' order by 1)
       from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal)) as signature
  from pg_class c where c.relkind in ('r', 'p') and c.oid >= 16384
), dependencies as (
  select k.conrelid as oid, k.confrelid as dependency from pg_constraint k where k.contype = 'f'
  union
  select p.polrelid, d.refobjid from pg_policy p
    join pg_depend d on d.classid = 'pg_policy'::regclass and d.objid = p.oid and d.refclassid = 'pg_class'::regclass
)
select o.oid::int8::text as oid, md5(o.signature || coalesce((
  select string_agg(x.signature, ',' order by x.oid) from dependencies d join own x on x.oid = d.dependency
   where d.oid = o.oid and d.dependency <> o.oid), '')) as signature
from own o`;

interface CachedProbe {
  signature: string;
  environment: string;
  result: TableProbeResult;
}

/**
 * Probe results kept between the editor's checks of one warm database. A table's earlier result is reused
 * while the table, the tables it depends on, every function and trigger, and the roles the probes give it
 * are what they were. Keyed by object id: only tables of the committed migrations keep theirs (a table the
 * checked files create gets a new id on every check), and the cache must be cleared with the database.
 */
export class ProbeCache {
  private entries = new Map<number, CachedProbe>();
  private current: { environment: string; signatures: Map<number, string> } | undefined;

  /** Reads the state of the database as it will be probed; returns the results still valid, by table id. */
  async reusable(db: PGlite, catalog: Catalog, options: ConstructorParameters<typeof RowSynthesizer>[2]): Promise<Map<number, TableProbeResult>> {
    const environment = (await db.query<{ signature: string }>(ENVIRONMENT_SQL)).rows[0].signature;
    const rows = (await db.query<{ oid: string; signature: string }>(TABLE_SIGNATURES_SQL)).rows;
    this.current = { environment, signatures: new Map(rows.map((r) => [Number(r.oid), r.signature])) };
    const roles = new RowSynthesizer(db, catalog, options);
    const reusable = new Map<number, TableProbeResult>();
    for (const table of catalog.tables) {
      const cached = this.entries.get(table.oid);
      if (!cached || cached.environment !== environment || cached.signature !== this.current.signatures.get(table.oid)) continue;
      if (JSON.stringify(roles.rolesOf(table)) !== JSON.stringify(cached.result.roles)) continue;
      reusable.set(table.oid, cached.result);
    }
    return reusable;
  }

  /** Keeps the results of this check's probes; forgets tables that no longer exist. */
  remember(results: readonly TableProbeResult[]): void {
    const state = this.current;
    if (!state) return;
    for (const oid of [...this.entries.keys()]) if (!state.signatures.has(oid)) this.entries.delete(oid);
    for (const result of results) {
      const signature = state.signatures.get(result.table.oid);
      if (signature) this.entries.set(result.table.oid, { signature, environment: state.environment, result });
    }
  }

  clear(): void {
    this.entries.clear();
    this.current = undefined;
  }
}
