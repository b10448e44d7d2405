import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const table = 'create table public.articles (id bigint primary key, author_id uuid, published boolean not null default false);\nalter table public.articles enable row level security;\n';

ruleTester('sql/policy-implicit-public', {
  valid: [
    { name: 'no TO clause, but the predicate needs a user', files: { [INIT]: `${table}create policy "own" on public.articles for select using ((select auth.uid()) = author_id);\n` } },
    { name: 'TO anon written on purpose', files: { [INIT]: `${table}create policy "published" on public.articles for select to anon, authenticated using (published);\n` } },
    {
      name: 'a storage policy tying the folder to the caller',
      files: { [INIT]: "create policy \"own folder\" on storage.objects for select using (bucket_id = 'docs' and (storage.foldername(name))[1] = (select auth.uid())::text);\n" },
    },
    { name: 'TO authenticated', files: { [INIT]: `${table}create policy "published" on public.articles for select to authenticated using (published);\n` } },
  ],
  invalid: [
    {
      name: 'a storage policy whose only call reads the object\'s folder',
      files: { [INIT]: "create policy \"shared folder\" on storage.objects for select using (bucket_id = 'docs' and (storage.foldername(name))[1] = 'shared');\n" },
      findings: [{ line: 1, message: 'storage.objects' }],
    },
    {
      name: 'no TO clause and a predicate any visitor passes',
      files: { [INIT]: `${table}create policy "published" on public.articles for select using (published);\n` },
      findings: [{
        line: 3, column: 15, endColumn: 26, severity: 'info',
        fix: { safe: false, output: { [INIT]: `${table}create policy "published" on public.articles for select to authenticated using (published);\n` } },
      }],
    },
    {
      name: 'an insert policy with only WITH CHECK',
      files: { [INIT]: `${table}create policy "submit" on public.articles for insert\n  with check (published = false);\n` },
      findings: [{ line: 3, fix: { output: { [INIT]: `${table}create policy "submit" on public.articles for insert\n  to authenticated with check (published = false);\n` } } }],
    },
  ],
});
