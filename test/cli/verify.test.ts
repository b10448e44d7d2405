import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { runCli } from '../support/cli';
import { writeProject } from '../support/project';

const LEAKY = {
  'supabase/config.toml': '[api]\nschemas = ["public", "graphql_public"]\n',
  'supabase/migrations/20240101000000_copilot.sql': `create table public.copilot_threads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  title text not null check (length(title) > 0)
);
alter table public.copilot_threads enable row level security;
create policy "anyone can see threads" on public.copilot_threads for select using (true);
create policy "users start their threads" on public.copilot_threads for insert to authenticated
  with check (user_id = (select auth.uid()));
`,
};

describe('supaguard verify', function () {
  this.timeout(180_000);

  it('prints verified findings with evidence and the verification stats as JSON, and writes pgTAP probes', async () => {
    const root = writeProject(LEAKY);
    const pgtapDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supaguard-pgtap-'));
    const { status, stdout, stderr } = runCli(['verify', root, '--format', 'json', '--emit-pgtap', pgtapDir]);
    assert.equal(status, 1, stderr);
    assert.equal(stderr, '', 'no progress output when stderr is not a terminal');
    const report = JSON.parse(stdout);
    const anon = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'sql/rls-anon-leak');
    assert.equal(anon.length, 1, stdout);
    assert.equal(anon[0].file, 'supabase/migrations/20240101000000_copilot.sql');
    assert.equal(anon[0].range.start.line, 6, 'on the policy that lets anon read');
    assert.match(anon[0].message, /role anon.*read rows of public\.copilot_threads.*"anyone can see threads" \(read\)/);
    const project = report.stats.verify.projects[0];
    assert.equal(project.stats.tablesProbed, 1);
    assert.ok(project.stats.probes >= 8, JSON.stringify(project.stats));
    const [file] = fs.readdirSync(pgtapDir);
    const pgtap = fs.readFileSync(path.join(pgtapDir, file), 'utf8');
    assert.match(pgtap, /^select plan\(\d+\);$/m);
    await loadModule();
    const statements = parseSync(pgtap).stmts ?? [];
    assert.ok(statements.length > 10, 'the pgTAP file is SQL Postgres parses');
    assert.match(pgtap, /select is_empty\(\$probe\$select 1 from "public"\."copilot_threads" where "id" = '[0-9a-f-]{36}'\$probe\$, 'anon cannot read/);
  });

  it('is what scan --verify runs, in every format', () => {
    const root = writeProject(LEAKY);
    const { status, stdout } = runCli(['scan', root, '--verify', '--format', 'sarif']);
    assert.equal(status, 1);
    const sarif = JSON.parse(stdout);
    const ruleIds = sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId);
    assert.ok(ruleIds.includes('sql/rls-anon-leak'), ruleIds.join(', '));
    const text = runCli(['scan', root, '--verify']).stdout;
    assert.match(text, /Verified mode: \.: \d+ statements replayed \(0 failed\), 1 tables probed/);
  });

  it('exits 0 on a project whose tables isolate users', () => {
    const root = writeProject({
      'supabase/migrations/20240101000000_notes.sql': `create table public.notes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id),
  body text not null
);
alter table public.notes enable row level security;
create policy "own notes" on public.notes for all to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
`,
    });
    const { status, stdout } = runCli(['verify', root, '--format', 'json']);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.findings.map((f: { ruleId: string }) => f.ruleId), []);
    assert.equal(status, 0);
    assert.equal(report.stats.verify.projects[0].stats.leaks, 0);
  });
});
