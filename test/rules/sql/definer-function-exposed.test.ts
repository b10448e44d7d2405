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
    { name: 'a private schema', files: { [INIT]: fn.replace('public.delete_workspace', 'private.delete_workspace') } },
    { name: 'a procedure', files: { [INIT]: "create procedure public.rebuild_stats() language plpgsql security definer set search_path = '' as $$ begin perform 1; end $$;\n" } },
    { name: 'a trigger function', files: { [INIT]: "create function public.on_signup() returns trigger language plpgsql security definer set search_path = '' as $$ begin return new; end $$;\n" } },
  ],
  invalid: [
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
