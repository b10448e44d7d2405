-- Conversations with the AI assistant. Private to the user who had them.
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  title text,
  created_at timestamptz not null default now()
);

alter table public.conversations enable row level security;

-- Shared with the whole workspace "so teammates can pick up a thread".
create policy "Workspace members can read conversations" on public.conversations
  for select to authenticated
  using (workspace_id in (
    select workspace_id from public.workspace_members where user_id = (select auth.uid())
  ));

create policy "Users can start conversations" on public.conversations
  for insert to authenticated
  with check ((select auth.uid()) = user_id);
