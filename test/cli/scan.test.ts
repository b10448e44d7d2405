import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { runCli } from '../support/cli';
import { REPO_ROOT, writeProject } from '../support/project';
import { SB_SECRET_KEY, supabaseJwt } from '../support/keys';

const SARIF_SCHEMA = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'insecure-app');

const insecureMigration = `create table public.notes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id),
  body text not null
);
`;

describe('supaguard scan', () => {
  it('prints JSON findings with root-relative paths and exits 1 when an error is found', () => {
    const root = writeProject({ 'supabase/migrations/20240101000000_notes.sql': insecureMigration });
    const { status, stdout, stderr } = runCli(['scan', root, '--format', 'json']);
    assert.equal(status, 1, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.version, 1);
    const finding = report.findings.find((f: { ruleId: string }) => f.ruleId === 'sql/rls-disabled');
    assert.ok(finding, stdout);
    assert.equal(finding.file, 'supabase/migrations/20240101000000_notes.sql');
    assert.equal(finding.range.start.line, 0);
    assert.equal(report.stats.files, 1);
  });

  it('exits 0 with --fail-on never, and 0 on a clean tree', () => {
    const root = writeProject({ 'supabase/migrations/20240101000000_notes.sql': insecureMigration });
    assert.equal(runCli(['scan', root, '--fail-on', 'never']).status, 0);
    const clean = writeProject({ 'supabase/migrations/20240101000000_notes.sql': `${insecureMigration}alter table public.notes enable row level security;\ncreate policy "own notes" on public.notes for select to authenticated using ((select auth.uid()) = user_id);\n` });
    const { status, stdout } = runCli(['scan', clean]);
    assert.equal(status, 0, stdout);
    assert.match(stdout, /No problems found/);
  });

  it('prints ESLint-style text grouped by file with a summary line', () => {
    const root = writeProject({ 'supabase/migrations/20240101000000_notes.sql': insecureMigration });
    const { stdout } = runCli(['scan', root]);
    assert.match(stdout, /^supabase\/migrations\/20240101000000_notes\.sql$/m);
    assert.match(stdout, /^ {2}1:\d+ +error +.*sql\/rls-disabled/m);
    assert.match(stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 1 file scanned\./);
    assert.ok(!stdout.includes('\x1b['), 'no colours when piped');
  });

  it('writes SARIF 2.1.0 that validates against the official schema, with rule metadata and help links', () => {
    const { status, stdout } = runCli(['scan', EXAMPLE, '--format', 'sarif', '--fail-on', 'never']);
    assert.equal(status, 0);
    const log = JSON.parse(stdout);
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3), null, 2));
    const run = log.runs[0];
    assert.ok(run.results.length > 5, 'the example project has findings');
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === run.results[0].ruleId);
    assert.match(rule.helpUri, /docs\/rules\/.+\.md$/);
    assert.ok(run.results.every((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine >= 1));
  });

  it('writes the report to --output and nothing else to stdout', () => {
    const root = writeProject({ 'supabase/migrations/20240101000000_notes.sql': insecureMigration });
    const out = path.join(root, 'report.json');
    const { stdout } = runCli(['scan', root, '--format', 'json', '--output', out]);
    assert.equal(stdout, '');
    assert.ok(JSON.parse(fs.readFileSync(out, 'utf8')).findings.length > 0);
  });

  for (const [name, args, pattern] of [
    ['a missing path', ['scan', '/nonexistent'], /^supaguard: path not found: \/nonexistent\n$/],
    ['an unknown format', ['scan', '.', '--format', 'xml'], /^supaguard: --format must be one of text, json, sarif \(got "xml"\)\n$/],
    ['an unknown option', ['scan', '--frobnicate'], /^supaguard: Unknown option '--frobnicate'\n$/],
    ['an unknown command', ['scna'], /^supaguard: unknown command "scna" \(run `supaguard help`\)\n$/],
    ['a missing --config file', ['scan', '.', '--config', 'nope.jsonc'], /^supaguard: config file not found: nope\.jsonc\n$/],
  ] as const) {
    it(`exits 2 with one clear line for ${name}`, () => {
      const { status, stdout, stderr } = runCli([...args]);
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(stderr, pattern);
    });
  }

  it('exits 2 with one line naming the position of a broken config', () => {
    const root = writeProject({ 'supaguard.jsonc': '{ "rules": { "sql/rls-disabled": "eror" } }', '.env': 'A=1\n' });
    const bad = runCli(['scan', root]);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.split('\n').filter(Boolean).length, 1, bad.stderr);
    assert.match(bad.stderr, /supaguard\.jsonc: rules\.sql\/rls-disabled must be/);
    const broken = writeProject({ 'supaguard.jsonc': '{ "rules": { \n  "sql/rls-disabled" "off" } }', '.env': 'A=1\n' });
    assert.match(runCli(['scan', broken]).stderr, /^supaguard: .*supaguard\.jsonc:2:22: invalid JSONC \(ColonExpected\)\n$/);
  });

  it('never prints a secret from the scanned files in any format', () => {
    const jwt = supabaseJwt('service_role');
    const root = writeProject({
      '.env': `SUPABASE_SERVICE_ROLE_KEY=${jwt}\nNEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY=${SB_SECRET_KEY}\n`,
      'supabase/migrations/20240101000000_notes.sql': `${insecureMigration}-- service key: ${jwt}\n`,
    });
    for (const format of ['text', 'json', 'sarif']) {
      const { stdout, stderr } = runCli(['scan', root, '--format', format]);
      for (const secret of [jwt, SB_SECRET_KEY]) {
        assert.ok(!(stdout + stderr).includes(secret.slice(0, 12)), `${format} output shows a secret`);
      }
    }
  });
});
