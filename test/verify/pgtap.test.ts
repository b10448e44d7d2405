import * as assert from 'node:assert/strict';
import { Client } from 'pg';
import { STANDIN_SQL } from '../../server/src/verify/standin';
import { COPILOT_MIGRATION, copilotThreads } from '../support/copilot-threads';
import { startPostgres } from '../support/postgres';
import { findingsOf, verifyFiles } from '../support/verify';

// The threads, an update policy that pins the owner, and feedback reachable through the user's own threads.
const threads = (readPolicy: string) => `${copilotThreads(readPolicy)}
create policy "users rename their threads" on public.copilot_threads for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create table public.copilot_feedback (
  id bigint generated always as identity primary key,
  thread_id uuid not null references public.copilot_threads (id) on delete cascade,
  rating smallint not null check (rating between 1 and 5)
);
alter table public.copilot_feedback enable row level security;
create policy "feedback on own threads" on public.copilot_feedback for all to authenticated
  using (exists (select 1 from public.copilot_threads t where t.id = thread_id and t.user_id = (select auth.uid())));
`;

/**
 * Runs the emitted pgTAP file in a fresh PostgreSQL server with pgTAP (as `supabase test db` would), on
 * the stand-in schema and the project's migrations, with Supabase's search path; returns the TAP lines.
 */
async function runPgtap(migration: string, pgtap: string): Promise<string[]> {
  const server = await startPostgres();
  const client = new Client({ connectionString: server.url(), options: `-c search_path="$user",public,extensions` });
  await client.connect();
  try {
    await client.query(STANDIN_SQL);
    await client.query(migration);
    const results = [await client.query(pgtap)].flat();
    return results.flatMap((r) => r.rows.map((row: Record<string, unknown>) => String(Object.values(row)[0] ?? ''))).filter((line) => /^(not )?ok \d+|^1\.\.\d+/.test(line));
  } finally {
    await client.end();
    server.stop();
  }
}

describe('verify --emit-pgtap in a real PostgreSQL with pgTAP', function () {
  this.timeout(180_000);

  it('fails exactly the probes verified mode found leaking, and passes the rest', async () => {
    const verified = await verifyFiles({ [COPILOT_MIGRATION]: threads('true') }, { emitPgtap: true });
    assert.ok(findingsOf(verified, 'sql/rls-anon-leak').length && findingsOf(verified, 'sql/rls-cross-user-leak').length);
    const tap = await runPgtap(threads('true'), verified.summary.projects[0].pgtap!);
    const planned = Number(/^1\.\.(\d+)/.exec(tap.find((l) => l.startsWith('1..'))!)?.[1]);
    const results = tap.filter((l) => /^(not )?ok/.test(l));
    assert.equal(results.length, planned, tap.join('\n'));
    const failed = results.filter((l) => l.startsWith('not ok')).map((l) => l.split('\n')[0].replace(/^not ok \d+ - /, ''));
    assert.deepEqual(failed.sort(), ["anon cannot read user B's row in public.copilot_threads", "user A cannot read user B's row in public.copilot_threads"]);
    assert.ok(results.some((l) => /^ok \d+ - user A cannot update user B's row in public\.copilot_feedback/.test(l)), tap.join('\n'));
  });

  it('passes every probe on the fixed policy', async () => {
    const fixed = threads('user_id = (select auth.uid())');
    const verified = await verifyFiles({ [COPILOT_MIGRATION]: fixed }, { emitPgtap: true });
    const tap = await runPgtap(fixed, verified.summary.projects[0].pgtap!);
    const results = tap.filter((l) => /^(not )?ok/.test(l));
    assert.ok(results.length >= 10, tap.join('\n'));
    assert.deepEqual(results.filter((l) => l.startsWith('not ok')), []);
  });
});
