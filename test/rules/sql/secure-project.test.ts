import * as assert from 'node:assert/strict';
import { scan } from '../../../server/src/engine/scan';
import { writeProject } from '../../support/project';

// Precision: a multi-tenant app written the way the Supabase docs recommend gives no SQL finding at all.
const history = {
  'supabase/config.toml': '[api]\nschemas = ["public", "graphql_public"]\n',
  'supabase/migrations/20240101000000_schema.sql': `create schema if not exists private;

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text
);
alter table public.profiles enable row level security;
create policy "signed-in users read profiles" on public.profiles for select to authenticated using (true);
create policy "users update their profile" on public.profiles for update to authenticated
  using ((select auth.uid()) = id) with check ((select auth.uid()) = id);

create table public.organizations (id uuid primary key default gen_random_uuid(), name text not null);
create table public.memberships (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  primary key (org_id, user_id)
);
alter table public.organizations enable row level security;
alter table public.memberships enable row level security;

create function private.orgs_of_caller() returns setof uuid
language sql stable security definer set search_path = ''
as $$ select org_id from public.memberships where user_id = (select auth.uid()) $$;

create policy "members see their orgs" on public.organizations for select to authenticated
  using (id in (select private.orgs_of_caller()));
create policy "members see co-members" on public.memberships for select to authenticated
  using (org_id in (select private.orgs_of_caller()));
`,
  'supabase/migrations/20240115000000_projects.sql': `create table public.projects (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organizations (id) on delete cascade,
  owner_id uuid not null default auth.uid() references auth.users (id),
  name text not null
);

create policy "members read projects" on public.projects for select to authenticated
  using (exists (select 1 from public.memberships m where m.org_id = projects.org_id and m.user_id = (select auth.uid())));
create policy "members create projects" on public.projects for insert to authenticated
  with check (org_id in (select private.orgs_of_caller()) and owner_id = (select auth.uid()));
create policy "owners edit projects" on public.projects for update to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
create policy "owners delete projects" on public.projects for delete to authenticated
  using (owner_id = (select auth.uid()));

create view public.project_counts with (security_invoker = on) as
  select org_id, count(*) as projects from public.projects group by org_id;
`,
  'supabase/migrations/20240120000000_enable_rls_projects.sql': `-- RLS for projects was forgotten in the previous migration.
alter table public.projects enable row level security;
`,
  'supabase/migrations/20240201000000_assistant.sql': `create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  org_id uuid not null references public.organizations (id),
  title text
);
create table public.chat_messages (
  id bigint generated always as identity primary key,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  role text not null check (role in ('user', 'assistant')),
  content text not null
);
alter table public.conversations enable row level security;
alter table public.chat_messages enable row level security;

create policy "own conversations" on public.conversations for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()) and org_id in (select private.orgs_of_caller()));
create policy "messages of own conversations" on public.chat_messages for select to authenticated
  using (conversation_id in (select c.id from public.conversations c where c.user_id = (select auth.uid())));
create policy "write to own conversations" on public.chat_messages for insert to authenticated
  with check (exists (select 1 from public.conversations c where c.id = conversation_id and c.user_id = (select auth.uid())));

create function public.handle_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name) values (new.id, new.raw_user_meta_data ->> 'name');
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users for each row execute function public.handle_new_user();

create function public.search_projects(term text) returns setof public.projects
language plpgsql stable set search_path = ''
as $$
begin
  return query execute format('select * from public.projects where name ilike %L', '%' || term || '%');
end;
$$;

create function public.archive_org(target uuid) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.memberships where org_id = target and user_id = (select auth.uid())) then
    raise exception 'not a member';
  end if;
  update public.projects set name = name || ' (archived)' where org_id = target;
end;
$$;
revoke execute on function public.archive_org(uuid) from public, anon;
grant execute on function public.archive_org(uuid) to authenticated;
`,
};

describe('a securely written Supabase project', () => {
  it('gets no SQL finding', async () => {
    const result = await scan({ root: writeProject(history) });
    assert.deepEqual(result.findings.map((f) => `${f.file.split('/').pop()}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`), []);
  });
});
