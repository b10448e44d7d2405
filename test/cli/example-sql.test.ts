import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'insecure-app');
const MIGRATIONS = 'supabase/migrations/';

// The demo project's migration history: each planted SQL mistake is found by its rule, on its line, and the
// tables secured properly (workspaces, workspace_members, channels, api_keys) get nothing.
const EXPECTED = [
  ['20240105090000_profiles.sql', 13, 'sql/policy-implicit-public'],
  ['20240105090000_profiles.sql', 16, 'sql/policy-initplan'],
  ['20240105090000_profiles.sql', 16, 'sql/policy-update-without-check'],
  ['20240105090000_profiles.sql', 21, 'sql/security-definer-search-path'],
  ['20240112100000_channels_and_messages.sql', 29, 'sql/private-table-shared'],
  ['20240112100000_channels_and_messages.sql', 29, 'sql/tenant-isolation-missing'],
  ['20240112100000_channels_and_messages.sql', 37, 'sql/policy-update-without-check'],
  ['20240120143000_ai_conversations.sql', 13, 'sql/private-table-shared'],
  ['20240202110000_documents.sql', 2, 'sql/rls-disabled'],
  ['20240202110000_documents.sql', 15, 'sql/security-definer-view'],
  ['20240215160000_api_keys.sql', 22, 'sql/plaintext-secret-column'],
  ['20240215160000_api_keys.sql', 23, 'sql/plaintext-secret-column'],
  ['20240215160000_api_keys.sql', 29, 'sql/policy-always-true'],
  ['20240215160000_api_keys.sql', 35, 'sql/grant-to-anon'],
  ['20240301120000_admin_rpc.sql', 11, 'sql/policy-initplan'],
  ['20240301120000_admin_rpc.sql', 11, 'sql/policy-user-metadata'],
  ['20240301120000_admin_rpc.sql', 11, 'sql/tenant-isolation-missing'],
  ['20240301120000_admin_rpc.sql', 16, 'sql/auth-users-exposed'],
  ['20240301120000_admin_rpc.sql', 16, 'sql/definer-function-exposed'],
  ['20240301120000_admin_rpc.sql', 16, 'sql/security-definer-search-path'],
  ['20240301120000_admin_rpc.sql', 28, 'sql/definer-function-exposed'],
  ['20240301120000_admin_rpc.sql', 35, 'sql/dynamic-sql-injection'],
  ['20240301120000_admin_rpc.sql', 40, 'sql/function-search-path-mutable'],
  ['20240310090000_export_hotfix.sql', 2, 'sql/rls-explicitly-disabled'],
  ['20240318080000_notifications.sql', 2, 'sql/rls-disabled'],
  ['20240318080000_notifications.sql', 9, 'sql/policy-without-rls'],
  ['20240318080000_notifications.sql', 13, 'sql/rls-enabled-no-policy'],
  ['20240320100000_digest_cron.sql', 10, 'sql/hardcoded-secret'],
];

describe('examples/insecure-app migrations', () => {
  it('finds every planted SQL mistake on its line, nothing on the secured tables, and prints no key', () => {
    const { stdout } = runCli(['scan', EXAMPLE, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(stdout);
    const found = (report.findings as { file: string; range: { start: { line: number } }; ruleId: string }[])
      .filter((f) => f.file.startsWith(MIGRATIONS))
      .map((f) => [f.file.slice(MIGRATIONS.length), f.range.start.line + 1, f.ruleId]);
    assert.deepEqual(found, EXPECTED);
    const cron = fs.readFileSync(path.join(EXAMPLE, MIGRATIONS, '20240320100000_digest_cron.sql'), 'utf8');
    const [key] = cron.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/) ?? [];
    assert.ok(key, 'the cron job holds a service-role key');
    for (const part of key.split('.').slice(1)) assert.ok(!stdout.includes(part.slice(0, 12)), 'the key is printed');
  });
});
