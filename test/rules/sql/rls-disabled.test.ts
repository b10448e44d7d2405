import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const LATER = 'supabase/migrations/20240201000000_secure.sql';
const notes = `create table public.notes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id),
  body text not null
);
`;

// Supabase's recipe: an event trigger that enables RLS on every table created after it.
const autoRls = `create function public.rls_auto_enable() returns event_trigger language plpgsql set search_path = pg_catalog as $$
declare
  cmd record;
begin
  for cmd in select * from pg_event_trigger_ddl_commands() where command_tag = 'CREATE TABLE' loop
    execute format('alter table if exists %s enable row level security', cmd.object_identity);
  end loop;
end;
$$;
create event trigger ensure_rls on ddl_command_end when tag in ('CREATE TABLE') execute function public.rls_auto_enable();
`;

ruleTester('sql/rls-disabled', {
  valid: [
    { name: 'RLS enabled right after the create', files: { [INIT]: `${notes}alter table public.notes enable row level security;\n` } },
    { name: 'created in one migration, secured in a later one', files: { [INIT]: notes, [LATER]: 'alter table notes enable row level security;\n' } },
    { name: 'a table in a schema the API does not serve', files: { [INIT]: 'create schema private;\ncreate table private.secrets (id int);\n' } },
    {
      name: 'config.toml exposes only the api schema',
      files: { 'supabase/config.toml': '[api]\nschemas = ["api"]\n', [INIT]: notes },
    },
    {
      name: 'API roles lose every privilege on the table',
      files: { [INIT]: `${notes}revoke all on table public.notes from anon, authenticated;\n` },
    },
    {
      name: 'default privileges revoked before the table is created',
      files: { [INIT]: `alter default privileges in schema public revoke all on tables from anon, authenticated;\n${notes}` },
    },
    { name: 'dropped later', files: { [INIT]: notes, [LATER]: 'drop table if exists public.notes;\n' } },
    {
      name: 'RLS enabled inside an idempotent DO block',
      files: { [INIT]: `${notes}do $$\nbegin\n  if not exists (select 1 from pg_class where relname = 'notes' and relrowsecurity) then\n    alter table public.notes enable row level security;\n  end if;\nend\n$$;\n` },
    },
    { name: 'created after an event trigger that enables RLS on new tables', files: { [INIT]: autoRls, [LATER]: notes } },
    { name: 'a temporary table', files: { [INIT]: 'create temporary table scratch (id int);\n' } },
  ],
  invalid: [
    { name: 'created before the RLS event trigger', files: { [INIT]: notes, [LATER]: autoRls }, findings: [{ line: 1 }] },
    {
      name: 'created after the RLS event trigger is disabled',
      files: { [INIT]: autoRls, [LATER]: `alter event trigger ensure_rls disable;\n${notes}` },
      findings: [{ file: LATER, line: 2 }],
    },
    {
      name: 'an event trigger that does something else',
      files: { [INIT]: autoRls.replace('enable row level security', 'owner to postgres'), [LATER]: notes },
      findings: [{ file: LATER, line: 1 }],
    },
    {
      name: 'a table created without RLS, with the fix applied',
      files: { [INIT]: notes },
      findings: [{
        line: 1, column: 14, endLine: 1, endColumn: 26, message: 'public.notes',
        fix: { safe: false, output: { [INIT]: notes.replace(');\n', ');\nalter table public.notes enable row level security;\n') } },
      }],
    },
    {
      name: 'a table created inside a DO block, fixed inside the block',
      files: { [INIT]: 'do $$\nbegin\n  create table if not exists public.tags (id int);\nend\n$$;\n' },
      findings: [{
        line: 3, column: 30, endColumn: 41,
        fix: { output: { [INIT]: 'do $$\nbegin\n  create table if not exists public.tags (id int);\nalter table public.tags enable row level security;\nend\n$$;\n' } },
      }],
    },
    {
      name: 'non-ASCII comments and a quoted identifier keep columns in UTF-16',
      files: { [INIT]: '-- Données 📝 des équipes\ncreate table "Ünïcode📝" (id int);' },
      findings: [{
        line: 2, column: 14, endColumn: 25, message: 'public.Ünïcode📝',
        fix: { output: { [INIT]: '-- Données 📝 des équipes\ncreate table "Ünïcode📝" (id int);\nalter table "Ünïcode📝" enable row level security;' } },
      }],
    },
    {
      name: 'revoking only select leaves the API able to write',
      files: { [INIT]: `${notes}revoke select on public.notes from anon, authenticated;\n` },
      findings: [{ line: 1 }],
    },
    {
      name: 'anon lost its grants, signed-in users still reach every row',
      files: { [INIT]: `${notes}revoke all on public.notes from anon;\n` },
      findings: [{ line: 1, message: 'any signed-in user' }],
    },
    {
      name: 'a comment that mentions enabling RLS enables nothing',
      files: { [INIT]: `${notes}-- alter table public.notes enable row level security;\n` },
      findings: [{ line: 1 }],
    },
    {
      name: 'RLS enabled before the table exists (migrations out of order)',
      files: { 'supabase/migrations/20240101000000_secure.sql': 'alter table public.notes enable row level security;\n', 'supabase/migrations/20240301000000_init.sql': notes },
      findings: [{ file: 'supabase/migrations/20240301000000_init.sql', line: 1 }],
    },
    {
      name: 'a renamed table is named by its final name',
      files: { [INIT]: notes, [LATER]: 'alter table public.notes rename to memos;\n' },
      findings: [{ file: INIT, line: 1, message: 'public.memos' }],
    },
    {
      name: 'each supabase/ folder of a monorepo is its own history',
      files: {
        'apps/web/supabase/migrations/20240101000000_init.sql': notes,
        'apps/admin/supabase/migrations/20240101000000_init.sql': `${notes}alter table public.notes enable row level security;\n`,
      },
      findings: [{ file: 'apps/web/supabase/migrations/20240101000000_init.sql', line: 1 }],
    },
    {
      name: 'a schema exposed in config.toml',
      files: { 'supabase/config.toml': '[api]\nschemas = ["public", "api"]\n', [INIT]: 'create schema api;\ncreate table api.orders (id int);\n' },
      findings: [{ file: INIT, line: 2, message: 'api.orders' }],
    },
    {
      name: 'search_path set earlier in the file decides the schema',
      files: { [INIT]: 'set search_path = api;\ncreate table orders (id int);\n', 'supaguard.jsonc': '{ "exposedSchemas": ["api"] }' },
      findings: [{ file: INIT, line: 2, message: 'api.orders' }],
    },
  ],
});
