-- Admin helpers called from the dashboard with supabase.rpc().
create table public.reports (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  body text not null
);

alter table public.reports enable row level security;

-- Admins are flagged in the user's metadata by the onboarding form.
create policy "Admins read reports" on public.reports
  for select to authenticated
  using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');

-- Member directory for the invite dialog.
create function public.get_workspace_users(target_workspace uuid)
returns table (id uuid, email text, last_sign_in_at timestamptz)
language sql
security definer
as $$
  select u.id, u.email::text, u.last_sign_in_at
  from auth.users u
  join public.workspace_members m on m.user_id = u.id
  where m.workspace_id = target_workspace;
$$;

-- Housekeeping from the admin page: purge old rows of a given table.
create function public.purge_table(table_name text, older_than_days int)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  execute 'delete from public.' || table_name
    || ' where created_at < now() - interval ''' || older_than_days || ' days''';
end;
$$;

create function public.message_count(target_channel uuid)
returns bigint
language sql
stable
as $$
  select count(*) from chat_messages where channel_id = target_channel;
$$;
