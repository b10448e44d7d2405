import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const schema = `create table public.conversations (id uuid primary key default gen_random_uuid(), user_id uuid not null, workspace_id uuid, title text);
alter table public.conversations enable row level security;
create table public.chat_messages (id bigint primary key, conversation_id uuid not null references public.conversations, content text);
alter table public.chat_messages enable row level security;
`;
const withPolicy = (policy: string) => ({ [INIT]: `${schema}${policy}\n` });

ruleTester('sql/private-table-shared', {
  valid: [
    { name: 'owner only', files: withPolicy('create policy "own conversations" on public.conversations for select to authenticated using ((select auth.uid()) = user_id);') },
    { name: 'messages of conversations the user owns', files: withPolicy('create policy "own messages" on public.chat_messages for select to authenticated\n  using (conversation_id in (select id from public.conversations where user_id = (select auth.uid())));') },
    { name: 'messages through exists on the owned parent', files: withPolicy('create policy "own messages" on public.chat_messages for select to authenticated\n  using (exists (select 1 from public.conversations c where c.id = conversation_id and c.user_id = (select auth.uid())));') },
    { name: 'the user id from a project function (Clerk-style)', files: withPolicy('create policy "own" on public.conversations for select to authenticated using (public.requesting_user_id() = user_id::text);') },
    { name: 'an insert policy is not about reading', files: withPolicy('create policy "write" on public.conversations for insert to authenticated with check (workspace_id is not null);') },
    { name: 'a table that is not private', files: { [INIT]: 'create table public.announcements (id int, workspace_id uuid);\nalter table public.announcements enable row level security;\ncreate policy "read" on public.announcements for select to authenticated using (true);\n' } },
    {
      name: 'private patterns come from the config',
      files: { 'supaguard.jsonc': '{ "privateTables": ["journal_*"] }', [INIT]: `${schema}create policy "team" on public.conversations for select to authenticated using (workspace_id is not null);\n` },
    },
  ],
  invalid: [
    {
      name: 'conversations shared with the whole workspace',
      files: withPolicy('create policy "workspace conversations" on public.conversations for select to authenticated\n  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())));'),
      findings: [{ line: 5, column: 15, endColumn: 40, message: 'public.conversations' }],
    },
    { name: 'shared with the workspace through a helper function', files: withPolicy('create policy "team" on public.conversations for select to authenticated using (workspace_id in (select private.my_workspaces()));'), findings: [{ line: 5 }] },
    { name: 'chat messages readable by everyone signed in', files: withPolicy('create policy "read" on public.chat_messages for all to authenticated using (true);'), findings: [{ line: 5 }] },
    { name: 'owner or anything published', files: withPolicy('create policy "read" on public.conversations for select to authenticated using (user_id = (select auth.uid()) or title is not null);'), findings: [{ line: 5 }] },
    {
      name: 'a configured private table',
      files: { 'supaguard.jsonc': '{ "privateTables": ["journal_*"] }', [INIT]: 'create table public.journal_entries (id int, user_id uuid);\nalter table public.journal_entries enable row level security;\ncreate policy "all" on public.journal_entries for select to authenticated using (true);\n' },
      findings: [{ file: INIT, line: 3 }],
    },
  ],
});
