import * as assert from 'node:assert/strict';
import { verifyTree } from '../../server/src/verify/run';
import { writeProject } from '../support/project';
import { describeFindings, verifyFiles } from '../support/verify';

const INIT = 'supabase/migrations/20240101000000_init.sql';

describe('verified mode: static findings judged by the replayed database', function () {
  this.timeout(120_000);

  it('drops a static finding the catalog refutes and counts it, and keeps the ones it confirms', async () => {
    const files = {
      [INIT]: `create table public.notes (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid() references auth.users (id),
  body text not null
);
-- Tables are secured in a loop, which static analysis cannot follow.
do $$
declare t text;
begin
  foreach t in array array['notes'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy "own rows" on public.%I for all to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()))', t);
  end loop;
end
$$;

create table public.invoices (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id)
);
`,
    };
    const verified = await verifyFiles(files);
    const disabled = verified.result.findings.filter((f) => f.ruleId === 'sql/rls-disabled');
    assert.deepEqual(disabled.map((f) => f.range.start.line + 1), [17], describeFindings(disabled));
    assert.ok(verified.summary.refuted >= 1);
    assert.ok(
      verified.summary.refutedFindings.some((f) => f.ruleId === 'sql/rls-disabled' && f.line === 1),
      JSON.stringify(verified.summary.refutedFindings),
    );
    assert.ok(verified.summary.confirmed >= 1, 'public.invoices really has RLS off');
  });
});

describe('verified mode: findings go through the engine', function () {
  this.timeout(120_000);

  it('honours suppressions and configured severities on verified findings', async () => {
    const verified = await verifyFiles({
      'supaguard.jsonc': '{ "rules": { "sql/rls-cross-user-leak": "warning" } }',
      'supabase/migrations/20240101000000_invoices.sql': `create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  amount_cents integer not null
);
alter table public.invoices enable row level security;
-- supaguard-ignore sql/rls-anon-leak: the nightly cleanup runs with the anon key until the cron job is moved
create policy "cleanup job deletes invoices" on public.invoices for delete using (true);
`,
    });
    assert.deepEqual(verified.result.findings.filter((f) => f.ruleId === 'sql/rls-anon-leak'), []);
    assert.equal(verified.result.suppressed >= 1, true);
    const crossUser = verified.result.findings.filter((f) => f.ruleId === 'sql/rls-cross-user-leak');
    assert.equal(crossUser.length, 1);
    assert.equal(crossUser[0].severity, 'warning');
    assert.deepEqual(verified.result.findings.filter((f) => f.ruleId.startsWith('meta/')), []);
  });

  it('reports a project that cannot be verified as an internal error on its first migration', async () => {
    const root = writeProject({ 'supabase/migrations/20240101000000_init.sql': 'create table public.t (id int);\n' });
    const verified = await verifyTree({ root, runProject: async () => ({ error: 'verification stopped after 180 s (a migration may loop forever)' }) });
    const [internal] = verified.result.findings.filter((f) => f.ruleId === 'meta/internal-error');
    assert.equal(internal?.file, `${root}/supabase/migrations/20240101000000_init.sql`);
    assert.match(internal.message, /verified mode could not check this project: verification stopped after 180 s/);
    assert.equal(verified.summary.projects[0].error, 'verification stopped after 180 s (a migration may loop forever)');
  });
});
