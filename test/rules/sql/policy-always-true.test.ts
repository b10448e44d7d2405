import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const table = 'create table public.comments (id bigint primary key, user_id uuid not null, body text);\nalter table public.comments enable row level security;\n';
const withPolicy = (policy: string) => ({ [INIT]: `${table}${policy}\n` });

ruleTester('sql/policy-always-true', {
  valid: [
    { name: 'public read with using (true) is a choice, not a leak of writes', files: withPolicy('create policy "read" on public.comments for select to anon, authenticated using (true);') },
    { name: 'owner-only writes', files: withPolicy('create policy "write own" on public.comments for insert to authenticated with check ((select auth.uid()) = user_id);') },
    { name: 'always true for the service role only', files: withPolicy('create policy "service" on public.comments for all to service_role using (true) with check (true);') },
    { name: 'a restrictive policy', files: withPolicy('create policy "r" on public.comments as restrictive for delete to authenticated using (true);') },
    {
      name: 'an open delete that a restrictive policy keeps to the owner',
      files: withPolicy(
        'create policy "owners only" on public.comments as restrictive for delete to authenticated using ((select auth.uid()) = user_id);\n' +
          'create policy "delete" on public.comments for delete to authenticated using (true);',
      ),
    },
    { name: 'a comment mentioning true is not the predicate', files: withPolicy('create policy "del" on public.comments for delete to authenticated\n  -- was: using (true)\n  using ((select auth.uid()) = user_id);') },
    {
      name: 'storage: uploads limited to one bucket',
      files: { [INIT]: "create policy \"upload avatars\" on storage.objects for insert to authenticated with check (bucket_id = 'avatars');\n" },
    },
    { name: 'reading with a sign-in-only check is a choice too', files: withPolicy("create policy \"members read\" on public.comments for select using (auth.role() = 'authenticated');") },
    { name: 'a sign-in check for anon admits nobody', files: withPolicy('create policy "x" on public.comments for delete to anon using (auth.uid() is not null);') },
    {
      name: 'signed in and the owner',
      files: withPolicy('create policy "del" on public.comments for delete to authenticated using ((select auth.uid()) is not null and user_id = (select auth.uid()));'),
    },
    {
      name: 'realtime: broadcast only on the caller\'s own topic',
      files: { [INIT]: "create policy \"send own\" on realtime.messages for insert to authenticated with check ((select realtime.topic()) = 'user:' || (select auth.uid())::text);\n" },
    },
    { name: 'a contradiction is not a tautology', files: withPolicy('create policy "none" on public.comments for update to authenticated using (1 = 0);') },
  ],
  invalid: [
    { name: 'insert with check (true)', files: withPolicy('create policy "anyone can comment" on public.comments for insert to anon with check (true);'), findings: [{ line: 3, column: 15, endColumn: 35, message: ['WITH CHECK', 'anon key'] }] },
    { name: 'update using ((true))', files: withPolicy('create policy "edit" on public.comments for update to authenticated using ((true));'), findings: [{ line: 3, message: 'USING' }] },
    { name: 'delete using (1 = 1)', files: withPolicy('create policy "del" on public.comments for delete using (1 = 1);'), findings: [{ line: 3 }] },
    {
      name: 'a restrictive policy for signed-in users leaves anon open',
      files: withPolicy(
        'create policy "owners only" on public.comments as restrictive for delete to authenticated using ((select auth.uid()) = user_id);\n' +
          'create policy "delete" on public.comments for delete using (true);',
      ),
      findings: [{ line: 4, message: 'anon key' }],
    },
    { name: 'all with a tautology in an OR', files: withPolicy("create policy \"all\" on public.comments for all to authenticated using (user_id = (select auth.uid()) or 'a' = 'a');"), findings: [{ line: 3 }] },
    { name: 'owner USING but an open WITH CHECK', files: withPolicy('create policy "upd" on public.comments for update to authenticated using ((select auth.uid()) = user_id) with check (true);'), findings: [{ line: 3, message: 'WITH CHECK' }] },
    {
      name: 'storage: anyone may delete every file (the Storage API serves storage.objects)',
      files: { [INIT]: 'create policy "cleanup" on storage.objects for delete to public using (true);\n' },
      findings: [{ line: 1, column: 15, endColumn: 24, message: ['storage.objects', 'anon key'] }],
    },
    {
      name: 'update for any signed-in user (the old dashboard template)',
      files: withPolicy("create policy \"Enable update for authenticated users only\" on public.comments for update using (auth.role() = 'authenticated');"),
      findings: [{ line: 3, message: ['sign-in-only USING', 'any signed-in user can update every row'] }],
    },
    { name: 'delete when signed in', files: withPolicy('create policy "del" on public.comments for delete to authenticated using ((select auth.uid()) is not null);'), findings: [{ line: 3, message: 'USING' }] },
    {
      name: 'insert by any role but anon, read from the JWT',
      files: withPolicy("create policy \"ins\" on public.comments for insert to authenticated with check (((select auth.jwt()) ->> 'role') <> 'anon');"),
      findings: [{ line: 3, message: 'sign-in-only WITH CHECK' }],
    },
    {
      name: 'realtime: any signed-in user may broadcast on every private channel',
      files: { [INIT]: "create policy \"send\" on realtime.messages for insert to authenticated with check (realtime.messages.extension = 'broadcast' or true);\n" },
      findings: [{ line: 1, message: ['realtime.messages', 'any signed-in user can insert every row'] }],
    },
    {
      name: 'a policy created inside a DO block',
      files: withPolicy("do $$\nbegin\n  if not exists (select 1 from pg_policies where policyname = 'open') then\n    create policy \"open\" on public.comments for delete to authenticated using (true);\n  end if;\nend $$;"),
      findings: [{ line: 6, column: 19, endColumn: 25 }],
    },
    {
      name: 'a policy changed to always-true later',
      files: { [INIT]: `${table}create policy "upd" on public.comments for update to authenticated using ((select auth.uid()) = user_id);\n`, 'supabase/migrations/20240301000000_loosen.sql': 'alter policy "upd" on public.comments using (true::boolean);\n' },
      findings: [{ file: 'supabase/migrations/20240301000000_loosen.sql', line: 1, column: 14 }],
    },
  ],
});
