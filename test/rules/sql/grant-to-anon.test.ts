import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const table = 'create table public.feedback (id bigint primary key, message text);\nalter table public.feedback enable row level security;\n';

ruleTester('sql/grant-to-anon', {
  valid: [
    { name: 'select to anon', files: { [INIT]: `${table}grant select on public.feedback to anon;\n` } },
    { name: 'writes to authenticated', files: { [INIT]: `${table}grant insert, update on public.feedback to authenticated;\n` } },
    { name: 'revoking from anon', files: { [INIT]: `${table}revoke all on public.feedback from anon;\n` } },
    {
      name: 'a schema dump restating the platform defaults for every API role',
      files: { [INIT]: `${table}GRANT ALL ON TABLE "public"."feedback" TO "anon";\nGRANT ALL ON TABLE "public"."feedback" TO "authenticated";\nGRANT ALL ON TABLE "public"."feedback" TO "service_role";\nALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" GRANT ALL ON TABLES TO "anon";\nALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" GRANT ALL ON TABLES TO "authenticated";\nALTER DEFAULT PRIVILEGES FOR ROLE "postgres" IN SCHEMA "public" GRANT ALL ON TABLES TO "service_role";\n` },
    },
    { name: 'a schema the API does not serve', files: { [INIT]: 'create table private.jobs (id int);\ngrant all on private.jobs to anon;\n' } },
  ],
  invalid: [
    { name: 'grant all to anon', files: { [INIT]: `${table}grant all on table public.feedback to anon;\n` }, findings: [{ line: 3, column: 39, endColumn: 43, message: 'anon' }] },
    { name: 'insert to public', files: { [INIT]: `${table}grant insert on public.feedback to public;\n` }, findings: [{ line: 3, message: 'PUBLIC' }] },
    { name: 'every table in the schema', files: { [INIT]: 'grant select, delete on all tables in schema public to anon, authenticated;\n' }, findings: [{ line: 1, column: 56 }] },
    { name: 'anon given more than the other roles', files: { [INIT]: `${table}grant all on public.feedback to anon;\ngrant select on public.feedback to authenticated, service_role;\n` }, findings: [{ line: 3 }] },
    { name: 'default privileges', files: { [INIT]: 'alter default privileges in schema public grant all on tables to anon;\n' }, findings: [{ line: 1, message: 'every future table' }] },
  ],
});
