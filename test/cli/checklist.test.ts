import * as assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { writeProject } from '../support/project';

/** A project that does what the checklist asks: the way a careful team writes it. */
const CAREFUL = {
  'supabase/migrations/20240101000000_conversations.sql': `create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  title text not null,
  created_at timestamptz not null default now()
);
alter table public.conversations enable row level security;

create policy "Users read their own conversations" on public.conversations
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "Users start their own conversations" on public.conversations
  for insert to authenticated with check ((select auth.uid()) = user_id);
`,
  'supabase/migrations/20240102000000_audit.sql': `create table public.security_audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  user_id uuid,
  workspace_id uuid,
  operation text not null,
  severity text not null check (severity in ('info', 'warning', 'critical')),
  details jsonb not null default '{}'
);
alter table public.security_audit_log enable row level security;

select cron.schedule('purge-old-conversations', '30 3 * * *', $$
  delete from public.conversations where created_at < now() - interval '180 days'
$$);
`,
  'lib/supabase/admin.ts': `import { createClient } from '@supabase/supabase-js';

// supaguard-ignore code/service-role-client: nightly billing export runs without a user session
export const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});
`,
  '.vscode/mcp.json': `{
  "inputs": [{ "type": "promptString", "id": "supabase-token", "description": "Supabase personal access token", "password": true }],
  "servers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.5", "--read-only", "--project-ref=abcdefghijklmnopqrst"],
      "env": { "SUPABASE_ACCESS_TOKEN": "\${input:supabase-token}" }
    }
  }
}
`,
};

describe('supaguard checklist', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('passes every item of a careful project (JSON)', () => {
    const result = runCli(['checklist', writeProject(CAREFUL), '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    const checklist = JSON.parse(result.stdout);
    const notPassing = checklist.items.filter((i: { status: string }) => i.status !== 'pass');
    assert.deepEqual(notPassing, []);
    const serviceRole = checklist.items.find((i: { id: string }) => i.id === 'service-role-justified');
    assert.equal(serviceRole.summary, '1 service-role client, each justified; `supaguard inventory` lists them for review.');
  });

  it('fails the items a careless change breaks, linking the findings (Markdown)', () => {
    const careless = {
      ...CAREFUL,
      'supabase/migrations/20240103000000_notes.sql': 'create table public.notes (id bigint primary key, body text);\n',
      '.vscode/mcp.json': CAREFUL['.vscode/mcp.json'].replace('"--read-only", ', ''),
    };
    const result = runCli(['checklist', writeProject(careless)]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^# Supaguard production checklist\n\n2 failing, 11 passing, 0 to check by hand \(5 files scanned\)\./);
    assert.match(
      result.stdout,
      /## \[ \] RLS enabled on every exposed table — FAIL\n\n1 finding \(sql\/rls-disabled\)\.\n\n- `supabase\/migrations\/20240103000000_notes\.sql:1` error \[sql\/rls-disabled\]/,
    );
    assert.match(result.stdout, /## \[ \] MCP servers that reach the database are read-only and project-scoped — FAIL\n\n1 finding \(mcp\/supabase-not-read-only\)/);
  });

  it('asks for checks by hand where nothing scanned answers', () => {
    const result = runCli(['checklist', writeProject({ '.env.local': 'NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\n' })]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /## \[x\] No hardcoded credentials anywhere; secrets read from the environment — PASS/);
    assert.match(result.stdout, /## \[ \] An audit log present in the migrations — CHECK BY HAND\n\nNothing in the scanned files can answer this\.\n\nTo check by hand: No migrations were scanned\./);
  });

  it('rejects an unknown format', () => {
    const result = runCli(['checklist', '.', '--format', 'html']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--format must be one of markdown, json/);
  });
});
