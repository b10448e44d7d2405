import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const schema = `create table public.workspace_members (workspace_id uuid not null, user_id uuid not null, primary key (workspace_id, user_id));
create table public.documents (id bigint primary key, workspace_id uuid not null, created_by uuid, title text);
alter table public.documents enable row level security;
`;
const withPolicy = (policy: string) => ({ [INIT]: `${schema}${policy}\n` });

ruleTester('sql/tenant-isolation-missing', {
  valid: [
    { name: 'membership subquery', files: withPolicy('create policy "members read" on public.documents for select to authenticated\n  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())));') },
    { name: 'exists over the membership table', files: withPolicy('create policy "members read" on public.documents for select to authenticated\n  using (exists (select 1 from public.workspace_members m where m.workspace_id = documents.workspace_id and m.user_id = auth.uid()));') },
    { name: 'a helper function given the tenant column', files: withPolicy('create policy "members read" on public.documents for select to authenticated using (private.is_member_of(workspace_id));') },
    { name: 'the caller among the tenant\'s members (correlated the other way)', files: withPolicy('create policy "members read" on public.documents for select to authenticated\n  using ((select auth.uid()) in (select m.user_id from public.workspace_members m where m.workspace_id = documents.workspace_id));') },
    { name: 'row ownership', files: withPolicy('create policy "own" on public.documents for select to authenticated using (created_by = (select auth.uid()));') },
    { name: 'tenant from a JWT claim', files: withPolicy("create policy \"org\" on public.documents for select to authenticated using (workspace_id = ((select auth.jwt()) -> 'app_metadata' ->> 'workspace_id')::uuid);") },
    {
      name: 'invitations matched to the caller\'s email from the JWT, case-folded',
      files: withPolicy("alter table public.documents add column invitee_email text;\ncreate policy \"invitee\" on public.documents for select to authenticated using (lower(invitee_email) = lower((select auth.jwt()) ->> 'email'));"),
    },
    { name: 'a sign-in-only write is sql/policy-always-true\'s finding', files: withPolicy('create policy "w" on public.documents for delete to authenticated using ((select auth.uid()) is not null);') },
    { name: 'a table without a tenant column', files: { [INIT]: 'create table public.countries (code text primary key);\nalter table public.countries enable row level security;\ncreate policy "read" on public.countries for select to authenticated using (true);\n' } },
    { name: 'a restrictive tenant policy ANDs with a loose permissive one', files: withPolicy('create policy "signed in" on public.documents for select to authenticated using ((select auth.uid()) is not null);\ncreate policy "tenant" on public.documents as restrictive for select to authenticated\n  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())));') },
    { name: 'an always-true write is sql/policy-always-true\'s finding', files: withPolicy('create policy "w" on public.documents for insert to authenticated with check (true);') },
  ],
  invalid: [
    { name: 'any signed-in user', files: withPolicy("create policy \"signed in\" on public.documents for select to authenticated using (auth.role() = 'authenticated');"), findings: [{ line: 4, column: 15, endColumn: 26, message: ['workspace_id', 'public.documents'] }] },
    { name: 'select using (true) on a tenant table', files: withPolicy('create policy "read all" on public.documents for select to authenticated using (true);'), findings: [{ line: 4 }] },
    { name: 'an OR branch without the tenant', files: withPolicy("create policy \"mixed\" on public.documents for select to authenticated\n  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())) or title like 'public:%');"), findings: [{ line: 4 }] },
    { name: 'a subquery that ignores the caller', files: withPolicy('create policy "any member" on public.documents for select to authenticated\n  using (workspace_id in (select workspace_id from public.workspace_members));'), findings: [{ line: 4 }] },
  ],
});
