import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const table = 'create table public.reports (id bigint primary key, body text);\nalter table public.reports enable row level security;\n';

ruleTester('sql/policy-user-metadata', {
  valid: [
    { name: 'app_metadata, set only by the server', files: { [INIT]: `${table}create policy "admins" on public.reports for select to authenticated using (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');\n` } },
    { name: 'user_metadata in a comment only', files: { [INIT]: `${table}-- never trust auth.jwt() -> 'user_metadata'\ncreate policy "admins" on public.reports for select to authenticated using (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');\n` } },
    { name: 'a column called user_metadata on the table itself', files: { [INIT]: `${table}create policy "tagged" on public.reports for select to authenticated using (body -> 'user_metadata' is not null);\n` } },
  ],
  invalid: [
    {
      name: 'role taken from user_metadata, fixed to app_metadata',
      files: { [INIT]: `${table}create policy "admins" on public.reports for select to authenticated\n  using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');\n` },
      findings: [{
        line: 3, column: 15, endColumn: 23, related: [INIT],
        fix: { safe: false, output: { [INIT]: `${table}create policy "admins" on public.reports for select to authenticated\n  using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');\n` } },
      }],
    },
    {
      name: 'a JSON path through user_metadata in WITH CHECK',
      files: { [INIT]: `${table}create policy "écrire" on public.reports for insert to authenticated with check ((select auth.jwt()) #>> '{user_metadata,team}' = 'ops');\n` },
      findings: [{
        line: 3, column: 15,
        fix: { output: { [INIT]: `${table}create policy "écrire" on public.reports for insert to authenticated with check ((select auth.jwt()) #>> '{app_metadata,team}' = 'ops');\n` } },
      }],
    },
    {
      name: 'a storage policy on storage.objects, which no migration creates',
      files: { [INIT]: "create policy \"team files\" on storage.objects for select to authenticated\n  using ((storage.foldername(name))[1] = (select auth.jwt()) -> 'user_metadata' ->> 'team');\n" },
      findings: [{ line: 1, column: 15, fix: { output: { [INIT]: "create policy \"team files\" on storage.objects for select to authenticated\n  using ((storage.foldername(name))[1] = (select auth.jwt()) -> 'app_metadata' ->> 'team');\n" } } }],
    },
  ],
});
