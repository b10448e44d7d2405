import { qualifiedName } from './catalog';
import { literal, quoteIdent } from './sql-text';
import type { ProbeOutcome, ProbeRun } from './probes';
import { claimsOf, PROBE_USER_KEYS, USERS } from './synthesize';

/**
 * The probes as a pgTAP test file for `supabase/tests/` (run by `supabase test db`): the same users and
 * rows, then one assertion per probe whose success would be a leak. A leak found now is a failing test.
 */
export function pgtapOf(run: ProbeRun, projectName: string): string {
  const probes = run.tables.flatMap((t) => t.outcomes).filter(isAssertion);
  const lines = [
    `-- Cross-user RLS probes for ${projectName}, written by \`supaguard verify --emit-pgtap\`.`,
    '-- Users A and B each own a tenant; B also belongs to A\'s. Each test asserts the database refuses',
    '-- user A (or anon) access to what belongs to B. Run with `supabase test db`.',
    'begin;',
    'create extension if not exists pgtap with schema extensions;',
    `select plan(${probes.length});`,
    '',
    '-- Rows an update or delete changed; a refusal by a policy\'s WITH CHECK (an error) changed none.',
    'create function pg_temp.supaguard_changed_rows(statement text) returns integer language plpgsql as $$',
    'declare changed integer;',
    'begin',
    '  execute statement;',
    '  get diagnostics changed = row_count;',
    '  return changed;',
    'exception when insufficient_privilege then',
    '  return 0;',
    'end $$;',
    '',
    '-- Users A and B, and C where a row needs a second person (their sign-up triggers run, as on Supabase).',
  ];
  for (const key of PROBE_USER_KEYS) {
    lines.push(
      `insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, email_confirmed_at, created_at)` +
        ` values (${literal(USERS[key].id)}, 'authenticated', 'authenticated', ${literal(USERS[key].email)}, '{"provider": "email"}',` +
        ` ${literal(JSON.stringify({ full_name: `Probe user ${key.toUpperCase()}`, username: `probe_${key}` }))}, now(), now()) on conflict (id) do nothing;`,
    );
  }
  // Verified mode undoes each table's rows before the next table's; here they all stay, since rolling back
  // to a savepoint would also erase pgTAP's count of the tests run. Seed rows are unique to their table.
  lines.push('', '-- Rows for the users and their tenants, then for each table, parents first.');
  lines.push(...[...run.seeded, ...run.tables.flatMap((t) => t.seeded)].map(insertOf));
  let role: string | undefined;
  for (const probe of probes) {
    if (probe.role !== role) {
      role = probe.role;
      const claims = role === 'anon' ? JSON.stringify({ role: 'anon' }) : claimsOf('a');
      lines.push('', `-- As ${role === 'anon' ? 'anon (not signed in)' : 'user A'}.`, 'reset role;', `select set_config('request.jwt.claims', ${literal(claims)}, true);`, `set local role ${role};`);
    }
    lines.push(assertionOf(probe));
  }
  lines.push('', 'reset role;', 'select * from finish();', 'rollback;', '');
  return lines.join('\n');
}

/** A probe whose success would be a leak, and that ran (its statement is valid SQL for this schema). */
function isAssertion(probe: ProbeOutcome): boolean {
  return probe.wouldLeak && !probe.error;
}

function insertOf({ table, row }: ProbeRun['seeded'][number]): string {
  const columns = table.columns.filter((c) => !c.generated && c.name in row.values).map((c) => c.name);
  return (
    `insert into ${qualifiedName(table)} (${columns.map(quoteIdent).join(', ')}) overriding system value values (` +
    `${columns.map((c) => literal(row.values[c])).join(', ')}) on conflict do nothing;`
  );
}

function assertionOf(probe: ProbeOutcome): string {
  const description = literal(`${probe.role === 'anon' ? 'anon' : 'user A'} cannot ${describe(probe)} in ${probe.table.schema}.${probe.table.name}`);
  switch (probe.operation) {
    case 'select':
      return `select is_empty(${dollarQuote(probe.sql)}, ${description});`;
    case 'insert':
    case 'join':
      return `select throws_ok(${dollarQuote(probe.sql)}, '42501', null, ${description});`;
    default:
      return `select is(pg_temp.supaguard_changed_rows(${dollarQuote(probe.sql)}), 0, ${description});`;
  }
}

function describe(probe: ProbeOutcome): string {
  const whose = probe.target === 'same-tenant' ? "user B's row in a shared tenant" : probe.target === 'other-tenant' ? "another tenant's row" : "user B's row";
  switch (probe.operation) {
    case 'select':
      return `read ${whose}`;
    case 'update':
      return `update ${whose}`;
    case 'delete':
      return `delete ${whose}`;
    case 'insert':
      return 'insert a row owned by user B';
    case 'reassign':
      return 'hand its own row to user B';
    case 'join':
      return "insert its own row into user B's tenant";
    case 'move':
      return "move its own row into user B's tenant";
  }
}

function dollarQuote(sql: string): string {
  let tag = '$probe$';
  for (let i = 1; sql.includes(tag); i++) tag = `$probe${i}$`;
  return `${tag}${sql}${tag}`;
}
