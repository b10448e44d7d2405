import * as assert from 'node:assert/strict';
import { buildChecklist, checklistMarkdown, CHECKLIST, type ChecklistStatus } from '../../server/src/checklist';
import { defaultConfig } from '../../server/src/engine/config';
import { Registry, registry } from '../../server/src/engine/registry';
import { metadataOnly, type RuleDomain } from '../../server/src/engine/rule';
import type { Finding, Severity } from '../../server/src/engine/finding';
import type { ScanResult } from '../../server/src/engine/scan';
import { SourceFile } from '../../server/src/engine/source-file';

const ROOT = '/work/app';
const INIT = 'supabase/migrations/20240101000000_init.sql';

/** A scan result as the engine returns it: files by root-relative path, findings in SPEC §1's format. */
function scanned(files: Record<string, string>, findings: Finding[] = []): ScanResult {
  const sources = Object.entries(files).map(([rel, text]) => new SourceFile(`${ROOT}/${rel}`, rel, text));
  const languageOf = (rel: string) => (rel.endsWith('.sql') ? 'sql' : rel.endsWith('.json') ? 'mcp' : rel.includes('.env') ? 'env' : 'code');
  const filesByLanguage: Record<string, number> = {};
  for (const f of sources) filesByLanguage[languageOf(f.relativePath)] = (filesByLanguage[languageOf(f.relativePath)] ?? 0) + 1;
  return { root: ROOT, config: defaultConfig(), files: sources, findings, skipped: [], filesByLanguage, suppressed: 0, durationMs: 1 };
}

function finding(ruleId: string, file: string, line: number, severity: Severity = 'error'): Finding {
  const range = { start: { line: line - 1, character: 13 }, end: { line: line - 1, character: 21 } };
  return { ruleId, severity, message: `${ruleId} found here`, file: `${ROOT}/${file}`, range };
}

/** The catalogue's rules as the registry knows them once every domain is in: static, except verify and probe rules. */
const VERIFIED = ['sql/rls-cross-user-leak', 'sql/rls-anon-leak'];
const PROBED = ['mcp/no-origin-check', 'mcp/unauthenticated-http', 'mcp/write-tools-exposed', 'mcp/tool-poisoning'];
const catalogue = new Registry(
  [...new Set(CHECKLIST.flatMap((i) => i.rules))].map((id) =>
    metadataOnly(
      { id, defaultSeverity: 'error', description: id, mode: VERIFIED.includes(id) ? 'verified' : PROBED.includes(id) ? 'probe' : 'static' },
      id.split('/')[0] as Exclude<RuleDomain, 'meta'>,
    ),
  ),
  [],
);

const checklistOf = (result: ScanResult) => buildChecklist(result, catalogue);

function statuses(result: ScanResult): Record<string, ChecklistStatus> {
  return Object.fromEntries(checklistOf(result).items.map((i) => [i.id, i.status]));
}

const CONVERSATIONS = `create table public.conversations (id uuid primary key, user_id uuid not null);
alter table public.conversations enable row level security;
`;
const AUDIT_LOG = `create table if not exists public.security_audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  user_id uuid, workspace_id uuid, operation text not null,
  severity text not null check (severity in ('info','warning','critical')), details jsonb
);
`;
const RETENTION = `select cron.schedule('purge-conversations', '0 3 * * *', $$
  delete from public.conversations where created_at < now() - interval '90 days'
$$);
`;

describe('production checklist', () => {
  it('fails the items whose rules have findings, linking rule, file and line', () => {
    const result = scanned({ [INIT]: CONVERSATIONS + AUDIT_LOG + RETENTION, '.mcp.json': '{}', 'app/page.tsx': '' }, [
      finding('sql/rls-disabled', INIT, 3),
      finding('sql/tenant-isolation-missing', INIT, 4, 'warning'),
      finding('mcp/bind-all-interfaces', '.mcp.json', 5),
      finding('mcp/service-role-to-agent', '.mcp.json', 7, 'warning'),
    ]);
    const checklist = checklistOf(result);
    const rls = checklist.items.find((i) => i.id === 'rls-enabled')!;
    assert.equal(rls.status, 'fail');
    assert.equal(rls.summary, '1 finding (sql/rls-disabled).');
    assert.deepEqual(rls.findings, [{ ruleId: 'sql/rls-disabled', severity: 'error', file: INIT, line: 3, message: 'sql/rls-disabled found here' }]);
    assert.deepEqual(statuses(result), {
      'rls-enabled': 'fail',
      'no-leaking-policies': 'fail',
      'private-tables-per-user': 'pass',
      'service-role-justified': 'pass',
      'no-hardcoded-credentials': 'pass',
      'no-plaintext-credential-columns': 'pass',
      'audit-log': 'pass',
      'conversation-retention': 'pass',
      'mcp-localhost': 'fail',
      'mcp-authenticated-remote': 'pass',
      'mcp-read-only-scoped': 'pass',
      'mcp-no-service-role': 'fail',
      'mcp-no-vulnerable-or-auto-approved': 'pass',
    });
    assert.deepEqual(checklist.counts, { pass: 9, fail: 4, manual: 0 });
  });

  it('lists informational findings without failing the item', () => {
    const result = scanned({ [INIT]: CONVERSATIONS }, [finding('sql/hardcoded-secret', INIT, 1, 'info')]);
    const item = checklistOf(result).items.find((i) => i.id === 'no-hardcoded-credentials')!;
    assert.equal(item.status, 'pass');
    assert.equal(item.findings.length, 1);
  });

  it('asks for a manual check when nothing scanned can answer an item', () => {
    const item = (id: string, result: ScanResult) => checklistOf(result).items.find((i) => i.id === id)!;
    const onlyEnv = scanned({ '.env': 'SUPABASE_URL=http://127.0.0.1:54321\n' });
    const rls = item('rls-enabled', onlyEnv);
    assert.equal(rls.status, 'manual');
    assert.match(rls.manual!, /relrowsecurity/);
    assert.equal(item('mcp-localhost', onlyEnv).status, 'manual');
    assert.match(item('mcp-localhost', onlyEnv).manual!, /claude_desktop_config\.json/);
    assert.equal(item('no-hardcoded-credentials', onlyEnv).status, 'pass');
  });

  it('does not pass an item on rules that did not run', () => {
    const result = scanned({ [INIT]: CONVERSATIONS });
    result.config.rules['sql/plaintext-secret-column'] = { severity: 'off' };
    const item = checklistOf(result).items.find((i) => i.id === 'no-plaintext-credential-columns')!;
    assert.equal(item.status, 'manual');
    assert.match(item.summary, /None of its rules ran in this scan/);
    const probeOnly = scanned({ [INIT]: CONVERSATIONS }, [finding('mcp/unauthenticated-http', '.mcp.json', 2)]);
    assert.equal(statuses(probeOnly)['mcp-authenticated-remote'], 'fail', 'probe findings still fail their item');
  });

  it('finds the audit log table in the migrations, not in comments', () => {
    const present = checklistOf(scanned({ [INIT]: CONVERSATIONS, 'supabase/migrations/20240201000000_audit.sql': AUDIT_LOG + RETENTION }));
    const audit = present.items.find((i) => i.id === 'audit-log')!;
    assert.equal(audit.status, 'pass');
    assert.equal(audit.summary, 'security_audit_log is created in supabase/migrations/20240201000000_audit.sql:1.');
    const commented = scanned({ [INIT]: `${CONVERSATIONS}-- create table public.security_audit_log (id bigint);\n` });
    assert.equal(statuses(commented)['audit-log'], 'fail');
  });

  it('wants a scheduled delete of conversation data', () => {
    assert.equal(statuses(scanned({ [INIT]: CONVERSATIONS + RETENTION }))['conversation-retention'], 'pass');
    assert.equal(statuses(scanned({ [INIT]: CONVERSATIONS }))['conversation-retention'], 'fail');
    const otherTable = `select cron.schedule('purge-logs', '0 3 * * *', $$delete from public.request_logs where at < now() - interval '7 days'$$);\n`;
    assert.equal(statuses(scanned({ [INIT]: CONVERSATIONS + otherTable }))['conversation-retention'], 'manual');
    const noPrivateTable = 'create table public.products (id bigint primary key);\n';
    assert.equal(statuses(scanned({ [INIT]: noPrivateTable }))['conversation-retention'], 'pass');
  });

  it('renders Markdown with each item, its findings linked to their docs, and what to check by hand', () => {
    const markdown = checklistMarkdown(checklistOf(scanned({ [INIT]: CONVERSATIONS }, [finding('sql/rls-disabled', INIT, 1)])));
    assert.match(markdown, /^# Supaguard production checklist\n\n3 failing, 4 passing, 6 to check by hand \(1 file scanned\)\./);
    assert.match(markdown, /## \[ \] RLS enabled on every exposed table — FAIL\n\n1 finding \(sql\/rls-disabled\)\.\n\n- `supabase\/migrations\/20240101000000_init\.sql:1` error \[sql\/rls-disabled\]\(https:\/\/github\.com\/supaguard\/supaguard\/blob\/main\/docs\/rules\/sql\/rls-disabled\.md\): sql\/rls-disabled found here/);
    assert.match(markdown, /## \[ \] Every MCP server bound to localhost — CHECK BY HAND\n\nNothing in the scanned files can answer this\.\n\nTo check by hand: No MCP config was scanned/);
  });

  it('maps every item to registered rules (verified-mode rules of SPEC §9 once verify is in)', () => {
    const unregistered = CHECKLIST.flatMap((i) => i.rules).filter((id) => !registry.rule(id));
    assert.deepEqual(unregistered.filter((id) => !VERIFIED.includes(id)), []);
    assert.equal(new Set(CHECKLIST.map((i) => i.id)).size, CHECKLIST.length);
  });
});
