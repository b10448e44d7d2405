import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const LATER = 'supabase/migrations/20240201000000_harden.sql';
const definer = `create or replace function public.handle_new_user()
returns trigger
language plpgsql
security definer
as $$
begin
  insert into public.profiles (id) values (new.id);
  return new;
end;
$$;
`;

ruleTester('sql/security-definer-search-path', {
  valid: [
    { name: "set search_path = ''", files: { [INIT]: definer.replace('security definer\n', "security definer\nset search_path = ''\n") } },
    { name: 'a fixed schema list', files: { [INIT]: definer.replace('security definer\n', 'security definer set search_path = public, pg_temp\n') } },
    {
      name: '"$user" names the owner\'s schema inside the function (a dumped `from current` path)',
      files: { [INIT]: definer.replace('security definer\n', 'security definer set "search_path" to \'$user\', \'public\', \'extensions\'\n') },
    },
    {
      name: 'a SQL-standard body (return …) binds its names when created',
      files: { [INIT]: 'create function public.is_owner(owner uuid) returns boolean language sql stable security definer\nreturn owner = auth.uid();\n' },
    },
    { name: 'pinned later with alter function', files: { [INIT]: definer, [LATER]: "alter function public.handle_new_user() set search_path = '';\n" } },
    { name: 'a security invoker function', files: { [INIT]: definer.replace('security definer\n', '') } },
  ],
  invalid: [
    {
      name: 'no search_path, fixed by pinning it',
      files: { [INIT]: definer },
      findings: [{
        line: 1, column: 28, endColumn: 50, message: 'public.handle_new_user()',
        fix: { safe: false, output: { [INIT]: definer.replace('security definer\nas', "security definer\nset search_path = '' as") } },
      }],
    },
    { name: 'temporary objects searched first', files: { [INIT]: definer.replace('security definer\n', 'security definer set search_path = pg_temp, public\n') }, findings: [{ line: 1, message: 'pg_temp, public' }] },
    { name: 'search_path from current', files: { [INIT]: definer, [LATER]: 'alter function public.handle_new_user set search_path from current;\n' }, findings: [{ file: INIT, line: 1 }] },
    { name: 'made definer later', files: { [INIT]: definer.replace('security definer\n', ''), [LATER]: 'alter function public.handle_new_user() security definer;\n' }, findings: [{ file: INIT, line: 1 }] },
    { name: 'in a private schema too', files: { [INIT]: 'create function private.is_admin() returns boolean language sql security definer as $$ select true $$;\n' }, findings: [{ line: 1, column: 17 }] },
  ],
});
