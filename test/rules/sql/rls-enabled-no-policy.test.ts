import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const LATER = 'supabase/migrations/20240201000000_policies.sql';
const table = 'create table public.feature_flags (key text primary key, enabled boolean not null default false);\nalter table public.feature_flags enable row level security;\n';

ruleTester('sql/rls-enabled-no-policy', {
  valid: [
    { name: 'a policy in a later migration', files: { [INIT]: table, [LATER]: 'create policy "flags are readable" on public.feature_flags for select to authenticated using (true);\n' } },
    { name: 'RLS off (sql/rls-disabled covers it)', files: { [INIT]: 'create table public.feature_flags (key text primary key);\n' } },
  ],
  invalid: [
    {
      name: 'the only policy is for the auth hook\'s role',
      files: { [INIT]: `${table}create policy "hook reads flags" on public.feature_flags for select to supabase_auth_admin using (true);\n` },
      findings: [{ line: 1, message: 'no permissive policy for anon or authenticated' }],
    },
    {
      name: 'only a restrictive policy',
      files: { [INIT]: `${table}create policy "signed in" on public.feature_flags as restrictive for select to authenticated using ((select auth.uid()) is not null);\n` },
      findings: [{ line: 1 }],
    },
    {
      name: 'RLS on and no policy',
      files: { [INIT]: table },
      findings: [{ line: 1, column: 14, endColumn: 34, severity: 'info', message: 'public.feature_flags', related: [INIT] }],
    },
    {
      name: 'the only policy is dropped later',
      files: { [INIT]: `${table}create policy "read" on public.feature_flags for select to authenticated using (true);\n`, [LATER]: 'drop policy "read" on public.feature_flags;\n' },
      findings: [{ file: INIT, line: 1 }],
    },
  ],
});
