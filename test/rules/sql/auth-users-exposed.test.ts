import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';

ruleTester('sql/auth-users-exposed', {
  valid: [
    { name: 'a security invoker view', files: { [INIT]: 'create view public.members with (security_invoker = on) as select id, email from auth.users;\n' } },
    { name: 'a view in a private schema', files: { [INIT]: 'create view private.members as select id, email from auth.users;\n' } },
    { name: 'a definer function returning a verdict', files: { [INIT]: "create function public.email_taken(candidate text) returns boolean language sql security definer set search_path = '' as $$ select exists (select 1 from auth.users where email = candidate) $$;\n" } },
    { name: 'a definer function callable by nobody through the API', files: { [INIT]: "create function public.user_emails() returns setof text language sql security definer set search_path = '' as $$ select email from auth.users $$;\nrevoke execute on function public.user_emails from public, anon, authenticated;\n" } },
    { name: 'a definer function returning only the caller\'s own row', files: { [INIT]: "create function public.my_email() returns text language sql security definer set search_path = '' as $$ select email::text from auth.users where id = (select auth.uid()) $$;\n" } },
    { name: 'auth.users only in a comment', files: { [INIT]: '-- select * from auth.users\ncreate view public.v with (security_invoker = on) as select 1 as one;\n' } },
  ],
  invalid: [
    { name: 'a view selecting auth.users', files: { [INIT]: 'create view public.team_directory as\n  select u.id, u.email, u.raw_user_meta_data from auth.users u;\n' }, findings: [{ line: 1, column: 13, endColumn: 34, message: 'public.team_directory' }] },
    { name: 'a definer SQL function returning users', files: { [INIT]: "create function public.list_users() returns setof auth.users language sql security definer set search_path = '' as $$ select * from auth.users $$;\n" }, findings: [{ line: 1, column: 17 }] },
    {
      name: 'a definer PL/pgSQL function returning emails',
      files: { [INIT]: "create function public.find_user(q text) returns table (id uuid, email text) language plpgsql security definer set search_path = '' as $$\nbegin\n  return query select u.id, u.email::text from auth.users u where u.email ilike q || '%';\nend;\n$$;\n" },
      findings: [{ line: 1 }],
    },
  ],
});
