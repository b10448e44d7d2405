-- In-app notifications and the security audit log.
create table public.notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  payload jsonb not null,
  read_at timestamptz
);

create policy "Users read their notifications" on public.notifications
  for select to authenticated
  using ((select auth.uid()) = user_id);

create table public.security_audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  user_id uuid,
  workspace_id uuid,
  operation text not null,
  severity text not null check (severity in ('info', 'warning', 'critical')),
  details jsonb not null default '{}'::jsonb
);

-- Written by the service role only.
alter table public.security_audit_log enable row level security;
