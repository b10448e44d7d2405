/**
 * A copilot app's threads table (private by the default `privateTables`), with the read policy given:
 * `true` leaks every thread, `user_id = (select auth.uid())` keeps each to its owner.
 */
export const COPILOT_MIGRATION = 'supabase/migrations/20240101000000_copilot.sql';

export const copilotThreads = (readPolicy: string) => `create table public.copilot_threads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  title text not null check (length(title) > 0)
);
alter table public.copilot_threads enable row level security;
create policy "threads are readable" on public.copilot_threads for select using (${readPolicy});
create policy "users start their threads" on public.copilot_threads for insert to authenticated
  with check (user_id = (select auth.uid()));
`;
