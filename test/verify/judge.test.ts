import * as assert from 'node:assert/strict';
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
