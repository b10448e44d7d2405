import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const fn = `create function public.slugify(value text)
returns text
language sql
immutable
as $$ select lower(regexp_replace(value, '[^a-z0-9]+', '-', 'gi')) $$;
`;

ruleTester('sql/function-search-path-mutable', {
  valid: [
    { name: 'pinned', files: { [INIT]: fn.replace('immutable\n', "immutable\nset search_path = ''\n") } },
    { name: 'outside the exposed schemas', files: { [INIT]: fn.replace('public.slugify', 'private.slugify') } },
    { name: 'security definer functions are sql/security-definer-search-path\'s', files: { [INIT]: fn.replace('immutable\n', 'security definer\n') } },
    {
      name: 'a SQL-standard body binds its names when created',
      files: { [INIT]: "create table public.notes (id int);\ncreate function public.note_count() returns bigint language sql stable\nbegin atomic\n  select count(*) from public.notes;\nend;\n" },
    },
    { name: 'pinned later', files: { [INIT]: fn, 'supabase/migrations/20240201000000_pin.sql': "alter function public.slugify(text) set search_path = '';\n" } },
  ],
  invalid: [
    {
      name: 'no search_path',
      files: { [INIT]: fn },
      findings: [{
        line: 1, column: 17, endColumn: 31,
        fix: { safe: false, output: { [INIT]: fn.replace('immutable\nas', "immutable\nset search_path = '' as") } },
      }],
    },
  ],
});
