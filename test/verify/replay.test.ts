import * as assert from 'node:assert/strict';
import { describeFindings, findingsOf, verifyFiles } from '../support/verify';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const LATER = 'supabase/migrations/20240102000000_more.sql';

describe('verified mode: replaying the history', function () {
  this.timeout(120_000);

  it('finds tables that DO blocks and dynamic SQL create without RLS, on the statement responsible', async () => {
    const verified = await verifyFiles({
      [INIT]: `create table public.secured (id bigint generated always as identity primary key, note text);
alter table public.secured enable row level security;

do $$
begin
  if not exists (select 1 from pg_tables where schemaname = 'public' and tablename = 'feature_flags') then
    create table public.feature_flags (key text primary key, enabled boolean not null default false);
  end if;
end
$$;

create function public.create_tenant_log(tenant text) returns void
language plpgsql as $$
begin
  execute format('create table if not exists public.%I (id bigserial primary key, line text)', 'log_' || tenant);
end;
$$;
`,
      [LATER]: `select public.create_tenant_log('acme');
`,
    });
    const disabled = findingsOf(verified, 'sql/rls-disabled');
    const where = (table: string) =>
      disabled.filter((f) => f.message.includes(`public.${table} `)).map((f) => [f.file.slice(verified.root.length + 1), f.range.start.line + 1]);
    // Static analysis reads the DO block's body; the replay adds only what it cannot see, once per table.
    const [flags] = where('feature_flags');
    assert.equal(where('feature_flags').length, 1, describeFindings(disabled));
    assert.equal(flags[0], INIT);
    assert.ok((flags[1] as number) >= 4 && (flags[1] as number) <= 7, describeFindings(disabled));
    assert.deepEqual(where('log_acme'), [[LATER, 1]], describeFindings(disabled));
    assert.match(disabled.find((f) => f.message.includes('log_acme'))!.message, /this function call creates it \(found by replaying the migrations\)/);
    assert.deepEqual(where('secured'), []);
    // The probes reach the same tables as anon.
    const anon = findingsOf(verified, 'sql/rls-anon-leak').map((f) => /public\.(\w+)/.exec(f.message)?.[1]);
    assert.deepEqual(anon.sort(), ['feature_flags', 'log_acme']);
  });

  it("reports a failing statement with Postgres's message at the word it points at, and counts the ones after it", async () => {
    const verified = await verifyFiles({
      [INIT]: `create table public.notes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  body text not null
);
alter table public.notes enable row level security;
create policy "own notes" on public.notes
  for select to authenticated using (owner_id = (select auth.uid()));
create policy "own notes" on public.notes
  for insert to authenticated with check (user_id = (select auth.uid()));
`,
      [LATER]: `alter table public.note add column title text;
`,
    });
    const failures = findingsOf(verified, 'sql/migration-fails');
    assert.equal(failures.length, 2, describeFindings(failures));
    const [policy, missing] = failures;
    assert.equal(policy.range.start.line + 1, 8);
    assert.equal(policy.range.start.character + 1, '  for select to authenticated using ('.length + 1);
    assert.equal(policy.range.end.character - policy.range.start.character, 'owner_id'.length);
    assert.match(policy.message, /column "owner_id" does not exist/);
    assert.doesNotMatch(policy.message, /later statement/, 'the second policy applies once the first failed');
    assert.equal(missing.file, `${verified.root}/${LATER}`);
    assert.equal(missing.range.start.line + 1, 1);
    assert.match(missing.message, /relation "public.note" does not exist/);
  });

  it('runs migrations that use extensions PGlite lacks, through the stand-in stubs', async () => {
    const verified = await verifyFiles({
      [INIT]: `create extension if not exists pg_net with schema extensions;
create extension if not exists pg_cron;
create extension if not exists vector with schema extensions;
create extension if not exists pgmq;
create extension if not exists postgis with schema extensions;
create table public.places (id bigint primary key, location extensions.geography(point, 4326));

create table public.documents (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid() references auth.users (id),
  content text not null,
  embedding extensions.vector(1536)
);
alter table public.documents enable row level security;
create policy "own documents" on public.documents for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create index documents_embedding_idx on public.documents using hnsw (embedding extensions.vector_cosine_ops);

create function public.match_documents(query_embedding extensions.vector(1536), match_count int)
returns table (id bigint, similarity float) language sql stable set search_path = '' as $$
  select d.id, 1 - (d.embedding operator(extensions.<=>) query_embedding) as similarity
  from public.documents d order by d.embedding operator(extensions.<=>) query_embedding limit match_count;
$$;

create function public.notify_indexer() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  perform net.http_post(
    url := 'https://example.supabase.co/functions/v1/embed',
    body := jsonb_build_object('id', new.id)
  );
  return new;
end;
$$;
create trigger documents_embed after insert on public.documents for each row execute function public.notify_indexer();

select cron.schedule('purge-old-documents', '0 3 * * *', $$delete from public.documents where id < 0$$);
select pgmq.create('embeddings');
select vault.create_secret('not-a-real-secret', 'indexer_token');
`,
    });
    assert.deepEqual(findingsOf(verified, 'sql/migration-fails'), [], describeFindings(findingsOf(verified, 'sql/migration-fails')));
    const project = verified.summary.projects[0];
    assert.deepEqual(
      project.skippedStatements.map((s) => [s.line, s.reason]),
      [
        [5, 'the embedded Postgres has no postgis extension'],
        [6, 'it probably needs the postgis extension, which the embedded Postgres lacks (type "extensions.geography" does not exist)'],
        [17, 'the pgvector stand-in has no index access methods'],
      ],
    );
    // The insert trigger calls the pg_net stub while the probes fill the table, and the table is secure.
    assert.equal(project.skippedTables.length, 0, JSON.stringify(project.skippedTables));
    assert.deepEqual([...findingsOf(verified, 'sql/rls-cross-user-leak'), ...findingsOf(verified, 'sql/rls-anon-leak')], []);
  });

  it('fails a migration that uses pg_net without enabling it, as Supabase would', async () => {
    const verified = await verifyFiles({ [INIT]: `select net.http_get('https://example.com');\n` });
    const [failure] = findingsOf(verified, 'sql/migration-fails');
    assert.match(failure?.message ?? '', /schema "net" does not exist/);
  });
});
