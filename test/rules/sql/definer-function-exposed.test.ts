import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const fn = `create function public.delete_workspace(target uuid, hard boolean default false)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.workspaces where id = target;
end;
$$;
`;

ruleTester('sql/definer-function-exposed', {
  valid: [
    { name: 'execute revoked from public and anon', files: { [INIT]: `${fn}revoke execute on function public.delete_workspace(uuid, boolean) from public, anon;\n` } },
    { name: 'revoked with all functions in schema', files: { [INIT]: `${fn}revoke all on all functions in schema public from public;\nrevoke all on all functions in schema public from anon;\n` } },
    { name: 'default privileges revoked before creation', files: { [INIT]: `alter default privileges in schema public revoke execute on functions from public, anon;\n${fn}` } },
    {
      name: 'revoked with another spelling of the same types',
      files: { [INIT]: "create function public.add_points(who uuid, amount int) returns void language sql security definer set search_path = '' as $$ select 1 $$;\nrevoke execute on function public.add_points(uuid, integer) from public, anon;\n" },
    },
    {
      name: 'a parameter declared with %type, revoked with the column\'s type',
      files: { [INIT]: "create table public.teams (id uuid primary key);\ncreate function public.leave_team(team public.teams.id%type) returns void language sql security definer set search_path = '' as $$ select 1 $$;\nrevoke execute on function public.leave_team(uuid) from public, anon;\n" },
    },
    { name: 'a private schema', files: { [INIT]: fn.replace('public.delete_workspace', 'private.delete_workspace') } },
    { name: 'a procedure', files: { [INIT]: "create procedure public.rebuild_stats() language plpgsql security definer set search_path = '' as $$ begin perform 1; end $$;\n" } },
    { name: 'a trigger function', files: { [INIT]: "create function public.on_signup() returns trigger language plpgsql security definer set search_path = '' as $$ begin return new; end $$;\n" } },
  ],
  invalid: [
    {
      name: 'an overload with the same number of parameters keeps its grant',
      files: {
        [INIT]: "create function public.find_member(key uuid) returns boolean language sql stable security definer set search_path = '' as $$ select true $$;\n" +
          "create function public.find_member(key text) returns boolean language sql stable security definer set search_path = '' as $$ select true $$;\n" +
          'revoke execute on function public.find_member(uuid) from public, anon;\n',
      },
      findings: [{ line: 2, column: 17, endColumn: 35 }],
    },
    {
      name: 'callable by anon, fixed with a revoke',
      files: { [INIT]: fn },
      findings: [{
        line: 1, column: 17, endColumn: 40, message: ['public and anon'],
        fix: { safe: false, output: { [INIT]: `${fn}revoke execute on function public.delete_workspace(uuid, boolean) from public, anon;\n` } },
      }],
    },
    { name: 'revoked from public only (Supabase grants anon directly)', files: { [INIT]: `${fn}revoke execute on function public.delete_workspace from public;\n` }, findings: [{ line: 1, message: 'anon' }] },
    { name: 'granted back to anon later', files: { [INIT]: `${fn}revoke execute on function public.delete_workspace from public, anon;\n`, 'supabase/migrations/20240201000000_oops.sql': 'grant execute on function public.delete_workspace(uuid, boolean) to anon;\n' }, findings: [{ file: INIT, line: 1 }] },
  ],
});
