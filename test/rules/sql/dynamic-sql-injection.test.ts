import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const fn = (body: string) => `create function public.purge(table_name text, days int)
returns void
language plpgsql
set search_path = ''
as $$
begin
  ${body}
end;
$$;
`;

ruleTester('sql/dynamic-sql-injection', {
  valid: [
    { name: 'format with %I and using', files: { [INIT]: fn("execute format('delete from public.%I where created_at < now() - $1', table_name) using make_interval(days => days);") } },
    { name: 'quote_ident', files: { [INIT]: fn("execute 'delete from public.' || quote_ident(table_name);") } },
    { name: 'a constant string', files: { [INIT]: fn("execute 'delete from public.logs';") } },
    { name: 'a number spliced in cannot carry SQL', files: { [INIT]: fn("execute 'delete from public.logs where age_days > ' || days;") } },
    {
      name: 'format: the text parameter goes to %L, only a number to %s',
      files: { [INIT]: fn("execute format('select * from public.logs where note ilike %L limit %s', '%' || table_name || '%', days);") },
    },
    { name: 'format: %% is no specifier', files: { [INIT]: fn("execute format('select 100%% as share, %I.* from public.%I', table_name, table_name);") } },
    { name: 'a table name checked by a regclass cast', files: { [INIT]: fn("execute format('truncate %s', table_name::regclass);") } },
    { name: 'concatenation only in a comment', files: { [INIT]: fn("-- execute 'delete from ' || table_name;\n  perform 1;") } },
  ],
  invalid: [
    { name: 'concatenating a parameter', files: { [INIT]: fn("execute 'delete from public.' || table_name || ' where true';") }, findings: [{ line: 7, column: 3, endColumn: 10, message: 'table_name' }] },
    { name: 'format with %s', files: { [INIT]: fn("execute format('delete from public.%s', table_name);") }, findings: [{ line: 7, message: 'table_name' }] },
    {
      name: 'format: the parameter goes to %s after a quoted one',
      files: { [INIT]: fn("execute format('select * from public.%I order by %s', table_name, table_name);") },
      findings: [{ line: 7, message: 'table_name' }],
    },
    {
      name: 'format: an explicit position picks the parameter for %s',
      files: { [INIT]: fn("execute format('select %2$s from public.%1$I', 'logs', table_name);") },
      findings: [{ line: 7, message: 'table_name' }],
    },
    { name: 'a cast to another text type still splices', files: { [INIT]: fn("execute 'delete from public.' || table_name::varchar(63);") }, findings: [{ line: 7, message: 'table_name' }] },
    { name: 'a positional parameter', files: { [INIT]: fn("if days > 0 then\n    execute 'delete from public.' || $1 || ' where age > ' || days;\n  end if;") }, findings: [{ line: 8, column: 5, message: '$1' }] },
  ],
});
