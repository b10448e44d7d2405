import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const LATER = 'supabase/migrations/20240201000000_policies.sql';
const todos = 'create table public.todos (id bigint primary key, user_id uuid not null, title text);\n';
const policy = 'create policy "own todos" on public.todos for all to authenticated\n  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);\n';

ruleTester('sql/policy-without-rls', {
  valid: [
    { name: 'policy and RLS', files: { [INIT]: `${todos}alter table public.todos enable row level security;\n${policy}` } },
    { name: 'RLS enabled in a later migration than the policy', files: { [INIT]: `${todos}${policy}`, [LATER]: 'alter table public.todos enable row level security;\n' } },
    { name: 'no policy at all (sql/rls-disabled covers it)', files: { [INIT]: todos } },
  ],
  invalid: [
    {
      name: 'a policy on a table whose RLS is never enabled',
      files: { [INIT]: todos, [LATER]: policy },
      findings: [{
        file: LATER, line: 1, column: 15, endColumn: 26, message: ['"own todos"', 'public.todos'], related: [INIT],
        fix: { safe: false, output: { [INIT]: todos.replace(';\n', ';\nalter table public.todos enable row level security;\n') } },
      }],
    },
  ],
});
