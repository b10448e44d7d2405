import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const table = 'create table public.tasks (id bigint primary key, owner_id uuid not null, org text);\nalter table public.tasks enable row level security;\n';

ruleTester('sql/policy-initplan', {
  valid: [
    { name: 'wrapped in select', files: { [INIT]: `${table}create policy "own" on public.tasks for select to authenticated using ((select auth.uid()) = owner_id);\n` } },
    { name: 'inside a membership subquery', files: { [INIT]: `${table}create policy "org" on public.tasks for select to authenticated using (org in (select org from public.members where user_id = auth.uid()));\n` } },
    { name: 'only mentioned in a comment', files: { [INIT]: `${table}-- auth.uid() = owner_id was too slow\ncreate policy "own" on public.tasks for select to authenticated using ((select auth.uid()) = owner_id);\n` } },
  ],
  invalid: [
    {
      name: 'auth.uid() per row, wrapped by the fix',
      files: { [INIT]: `${table}create policy "own" on public.tasks for update to authenticated\n  using (auth.uid() = owner_id) with check (auth.uid() = owner_id);\n` },
      findings: [{
        line: 3, column: 15, endColumn: 20, severity: 'info', related: [INIT, INIT],
        fix: { safe: true, output: { [INIT]: `${table}create policy "own" on public.tasks for update to authenticated\n  using ((select auth.uid()) = owner_id) with check ((select auth.uid()) = owner_id);\n` } },
      }],
    },
    {
      name: 'auth.jwt() claims after non-ASCII text',
      files: { [INIT]: `${table}create policy "équipe ✓" on public.tasks for select to authenticated using (org = auth.jwt() ->> 'org');\n` },
      findings: [{
        line: 3, column: 15, endColumn: 25,
        fix: { output: { [INIT]: `${table}create policy "équipe ✓" on public.tasks for select to authenticated using (org = (select auth.jwt()) ->> 'org');\n` } },
      }],
    },
  ],
});
