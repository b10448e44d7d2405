-- Workspaces and their members. These two tables are secured properly: the demo shows what passes.
create schema if not exists private;

create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  owner_id uuid not null references auth.users (id),
  created_at timestamptz not null default now()
);

create table public.workspace_members (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  primary key (workspace_id, user_id)
);

alter table public.workspaces enable row level security;
alter table public.workspace_members enable row level security;

-- Membership check used by policies: definer rights to avoid policy recursion, pinned search_path,
-- kept out of the exposed schema.
create function private.is_workspace_member(target_workspace uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.workspace_members m
    where m.workspace_id = target_workspace and m.user_id = (select auth.uid())
  );
$$;

create policy "Members can see their workspaces" on public.workspaces
  for select to authenticated
  using ((select private.is_workspace_member(id)));

create policy "Owners can rename their workspaces" on public.workspaces
  for update to authenticated
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);

create policy "Members can see co-members" on public.workspace_members
  for select to authenticated
  using ((select private.is_workspace_member(workspace_id)));
