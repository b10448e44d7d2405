import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/engine/finding';
import { describeFindings, findingsOf, verifyFiles } from '../support/verify';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const WORKSPACES = 'supabase/migrations/20240101000000_workspaces.sql';
const CHAT = 'supabase/migrations/20240102000000_chat.sql';

/** 1-based line of the first line of `file` containing `snippet`. */
function lineOf(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(snippet));
  assert.ok(index >= 0, `fixture lacks "${snippet}"`);
  return index + 1;
}

describe('verified mode: cross-user probes on a multi-tenant app', function () {
  this.timeout(120_000);
  const chat = fixture('chat.sql');
  let leaks: Finding[];
  let anon: Finding[];

  before(async () => {
    const verified = await verifyFiles({ [WORKSPACES]: fixture('workspaces.sql'), [CHAT]: chat });
    leaks = findingsOf(verified, 'sql/rls-cross-user-leak');
    anon = findingsOf(verified, 'sql/rls-anon-leak');
    assert.deepEqual(findingsOf(verified, 'sql/migration-fails'), [], 'the fixture applies cleanly');
  });

  const at = (list: Finding[], snippet: string) => {
    const line = lineOf(chat, snippet);
    const found = list.filter((f) => f.file.endsWith(CHAT) && f.range.start.line + 1 === line);
    assert.equal(found.length, 1, `expected one finding on line ${line} (${snippet}), got:\n${describeFindings(list)}`);
    return found[0];
  };

  it('reports a private table readable by every signed-in user, on the policy, across and inside tenants', () => {
    const finding = at(leaks, 'create policy "Authenticated users can read conversations"');
    assert.match(finding.message, /public\.conversations/);
    assert.match(finding.message, /could read user B's rows in another tenant and in the same tenant \(a private table must keep users apart\)/);
    assert.match(finding.message, /"Authenticated users can read conversations" \(read\)/);
    assert.equal(finding.range.start.character, 0);
    assert.deepEqual(
      finding.related?.map((r) => r.range.start.line + 1),
      [lineOf(chat, 'create table public.conversations')],
    );
  });

  it('reports an update policy without a check that lets a user hand a message to someone else', () => {
    const finding = at(leaks, 'create policy "Users edit messages of their conversations"');
    assert.match(finding.message, /could hand its own row over to user B .*in public\.chat_messages/);
    assert.match(finding.message, /"Users edit messages of their conversations" \(reassign/);
    assert.doesNotMatch(finding.message, /read|another tenant/, 'reading stays limited to the own conversations');
  });

  it('reports a tenant policy that checks membership of any workspace', () => {
    const finding = at(leaks, 'create policy "Workspace members manage documents"');
    assert.match(finding.message, /read, update and delete user B's row in another tenant/);
    assert.match(finding.message, /insert a row owned by user B in their tenant/);
    assert.match(finding.message, /"Workspace members manage documents"/);
  });

  it('reports a table with RLS off, for signed-in users and for anon, on its create table', () => {
    const line = lineOf(chat, 'create table public.api_usage');
    const signedIn = at(leaks, 'create table public.api_usage');
    assert.match(signedIn.message, /row level security is disabled/);
    const anonymous = at(anon, 'create table public.api_usage');
    assert.match(anonymous.message, /Without signing in \(role anon\), the verified-mode probes could read, update and delete rows of public\.api_usage/);
    assert.equal(anonymous.range.start.line + 1, line);
  });

  it('passes the secure tables', () => {
    const secure = ['profiles', 'workspaces', 'workspace_members', 'projects', 'notes'];
    for (const finding of [...leaks, ...anon]) {
      for (const table of secure) assert.doesNotMatch(finding.message, new RegExp(`public\\.${table}\\b`), describeFindings([finding]));
    }
    assert.equal(leaks.length, 4, describeFindings(leaks));
    assert.equal(anon.length, 1, describeFindings(anon));
  });
});

describe('verified mode: joining another tenant', function () {
  this.timeout(120_000);

  it('reports a membership table that lets users add themselves to any workspace', async () => {
    const migration = `create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null
);
create table public.org_members (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  primary key (org_id, user_id)
);
alter table public.organizations enable row level security;
alter table public.org_members enable row level security;
create policy "members see their memberships" on public.org_members
  for select to authenticated using (user_id = (select auth.uid()));
create policy "users can join organizations" on public.org_members
  for insert to authenticated with check (user_id = (select auth.uid()));
`;
    const verified = await verifyFiles({ 'supabase/migrations/20240101000000_orgs.sql': migration });
    const leaks = findingsOf(verified, 'sql/rls-cross-user-leak');
    assert.equal(leaks.length, 1, describeFindings(leaks));
    assert.equal(leaks[0].range.start.line + 1, lineOf(migration, 'create policy "users can join organizations"'));
    assert.match(leaks[0].message, /insert a row of its own into user B's tenant in public\.org_members: allowed by policy "users can join organizations" \(join\)/);
  });
});

describe('verified mode: a sign-up trigger that fails for the probe users', function () {
  this.timeout(120_000);

  it('still probes, with the users inserted without triggers', async () => {
    const verified = await verifyFiles({
      'supabase/migrations/20240101000000_profiles.sql': `create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  handle text not null unique
);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for all to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));
create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, handle) values (new.id, new.raw_user_meta_data ->> 'handle');
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();
`,
    });
    const [project] = verified.summary.projects;
    assert.deepEqual(project.skippedTables, []);
    assert.equal(project.stats?.tablesProbed, 1);
    assert.deepEqual([...findingsOf(verified, 'sql/rls-cross-user-leak'), ...findingsOf(verified, 'sql/rls-anon-leak')], []);
  });
});

describe('verified mode: a delete policy open to everyone', function () {
  this.timeout(120_000);

  it('reports that anon can delete rows it cannot even see, through an unfiltered delete', async () => {
    const migration = `create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  amount_cents integer not null
);
alter table public.invoices enable row level security;
create policy "users read their invoices" on public.invoices for select to authenticated using (user_id = (select auth.uid()));
create policy "cleanup job deletes invoices" on public.invoices for delete using (true);
`;
    const verified = await verifyFiles({ 'supabase/migrations/20240101000000_invoices.sql': migration });
    const [anon] = findingsOf(verified, 'sql/rls-anon-leak');
    assert.equal(anon?.range.start.line + 1, lineOf(migration, 'create policy "cleanup job deletes invoices"'), describeFindings(findingsOf(verified, 'sql/rls-anon-leak')));
    assert.match(anon.message, /could delete rows of public\.invoices: allowed by policy "cleanup job deletes invoices" \(delete\)/);
  });
});

describe('verified mode: probe users are not admins by accident', function () {
  this.timeout(120_000);

  it('gives synthesized users the least privileged role a column allows', async () => {
    const verified = await verifyFiles({
      'supabase/migrations/20240101000000_admin.sql': `create type public.app_role as enum ('admin', 'member');
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  role public.app_role not null,
  plan text not null check (plan in ('enterprise_admin', 'free'))
);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for select to authenticated using (id = (select auth.uid()));
create table public.reports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  body text not null
);
alter table public.reports enable row level security;
create policy "owners and admins read reports" on public.reports for select to authenticated
  using (user_id = (select auth.uid())
    or exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.role = 'admin'));
create policy "admins delete reports" on public.reports for delete to authenticated
  using (exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.role = 'admin'));
`,
    });
    assert.equal(verified.summary.projects[0].stats?.tablesProbed, 2, JSON.stringify(verified.summary.projects[0]));
    assert.deepEqual(describeFindings([...findingsOf(verified, 'sql/rls-cross-user-leak'), ...findingsOf(verified, 'sql/rls-anon-leak')]), '');
  });
});
