-- API keys for the public REST API, and third-party integrations per workspace.
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  name text not null,
  key_prefix text not null,
  key_hash text not null,
  created_at timestamptz not null default now()
);

alter table public.api_keys enable row level security;

create policy "Members manage their workspace's keys" on public.api_keys
  for all to authenticated
  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())))
  with check (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())));

create table public.integrations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  provider text not null,
  openai_api_key text,
  slack_access_token text,
  created_at timestamptz not null default now()
);

alter table public.integrations enable row level security;

create policy "Anyone signed in can manage integrations" on public.integrations
  for all to authenticated
  using (true)
  with check (true);

-- The landing page's "request access" form posts here without an account.
grant all on table public.integrations to anon;
