import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const table = 'create table public.posts (id bigint primary key, author_id uuid not null, workspace_id uuid, body text);\nalter table public.posts enable row level security;\n';

ruleTester('sql/policy-update-without-check', {
  valid: [
    { name: 'USING and WITH CHECK', files: { [INIT]: `${table}create policy "edit own" on public.posts for update to authenticated using ((select auth.uid()) = author_id) with check ((select auth.uid()) = author_id);\n` } },
    { name: 'a select policy', files: { [INIT]: `${table}create policy "read own" on public.posts for select to authenticated using ((select auth.uid()) = author_id);\n` } },
    { name: 'USING without ownership', files: { [INIT]: `${table}create policy "moderate" on public.posts for update to authenticated using (public.is_moderator());\n` } },
  ],
  invalid: [
    {
      name: 'update with ownership USING only, fixed by copying USING',
      files: { [INIT]: `${table}create policy "edit own" on public.posts for update to authenticated using ((select auth.uid()) = author_id);\n` },
      findings: [{
        line: 3, column: 15, endColumn: 25,
        fix: { safe: true, output: { [INIT]: `${table}create policy "edit own" on public.posts for update to authenticated using ((select auth.uid()) = author_id) with check ((select auth.uid()) = author_id);\n` } },
      }],
    },
    {
      name: 'all with a tenant membership USING',
      files: { [INIT]: `${table}create policy "team posts" on public.posts for all to authenticated\n  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())));\n` },
      findings: [{
        line: 3,
        fix: { output: { [INIT]: `${table}create policy "team posts" on public.posts for all to authenticated\n  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid()))) with check (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())));\n` } },
      }],
    },
  ],
});
