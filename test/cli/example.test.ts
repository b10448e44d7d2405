import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';
import { assertNoSecretShown, secretsUnder } from '../support/secret-leaks';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'insecure-app');

type Row = [file: string, line: number, ruleId: string];

// The demo project: each planted mistake is found by its rule, on its line, and nothing else is;
// the tables secured properly (workspaces, workspace_members, channels, api_keys) get nothing.
const EXPECTED: Record<string, Row[]> = {
  'SQL migrations': [
    ['supabase/migrations/20240105090000_profiles.sql', 13, 'sql/policy-implicit-public'],
    ['supabase/migrations/20240105090000_profiles.sql', 16, 'sql/policy-initplan'],
    ['supabase/migrations/20240105090000_profiles.sql', 16, 'sql/policy-update-without-check'],
    ['supabase/migrations/20240105090000_profiles.sql', 21, 'sql/security-definer-search-path'],
    ['supabase/migrations/20240112100000_channels_and_messages.sql', 29, 'sql/private-table-shared'],
    ['supabase/migrations/20240112100000_channels_and_messages.sql', 29, 'sql/tenant-isolation-missing'],
    ['supabase/migrations/20240112100000_channels_and_messages.sql', 37, 'sql/policy-update-without-check'],
    ['supabase/migrations/20240120143000_ai_conversations.sql', 13, 'sql/private-table-shared'],
    ['supabase/migrations/20240202110000_documents.sql', 2, 'sql/rls-disabled'],
    ['supabase/migrations/20240202110000_documents.sql', 15, 'sql/security-definer-view'],
    ['supabase/migrations/20240215160000_api_keys.sql', 22, 'sql/plaintext-secret-column'],
    ['supabase/migrations/20240215160000_api_keys.sql', 23, 'sql/plaintext-secret-column'],
    ['supabase/migrations/20240215160000_api_keys.sql', 29, 'sql/policy-always-true'],
    ['supabase/migrations/20240215160000_api_keys.sql', 35, 'sql/grant-to-anon'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 11, 'sql/policy-initplan'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 11, 'sql/policy-user-metadata'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 11, 'sql/tenant-isolation-missing'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 16, 'sql/auth-users-exposed'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 16, 'sql/definer-function-exposed'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 16, 'sql/security-definer-search-path'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 28, 'sql/definer-function-exposed'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 35, 'sql/dynamic-sql-injection'],
    ['supabase/migrations/20240301120000_admin_rpc.sql', 40, 'sql/function-search-path-mutable'],
    ['supabase/migrations/20240310090000_export_hotfix.sql', 2, 'sql/rls-explicitly-disabled'],
    ['supabase/migrations/20240318080000_notifications.sql', 2, 'sql/rls-disabled'],
    ['supabase/migrations/20240318080000_notifications.sql', 9, 'sql/policy-without-rls'],
    ['supabase/migrations/20240318080000_notifications.sql', 13, 'sql/rls-enabled-no-policy'],
    ['supabase/migrations/20240320100000_digest_cron.sql', 10, 'sql/hardcoded-secret'],
  ],
  'client code and env files': [
    ['.env', 4, 'env/public-secret'],
    ['.env', 4, 'env/hardcoded-secret'],
    ['.env.local', 1, 'env/hardcoded-secret'],
    ['.env.local', 2, 'env/hardcoded-secret'],
    ['.env.local', 3, 'env/hardcoded-secret'],
    ['app/api/messages/route.ts', 4, 'code/admin-client-session'],
    ['app/api/messages/route.ts', 4, 'code/service-role-client'],
    ['app/api/messages/route.ts', 9, 'code/service-role-unscoped-query'],
    ['app/api/messages/route.ts', 17, 'code/service-role-unscoped-query'],
    ['app/api/messages/route.ts', 24, 'code/service-role-auth-call'],
    ['app/chat/[channelId]/page.tsx', 18, 'code/admin-api-in-browser'],
    ['app/workspace/actions.ts', 7, 'code/admin-client-session'],
    ['app/workspace/actions.ts', 7, 'code/service-role-client'],
    ['app/workspace/actions.ts', 8, 'code/service-role-unscoped-query'],
    ['lib/supabase.ts', 7, 'code/service-role-client'],
    ['lib/supabase.ts', 7, 'code/service-role-in-browser'],
    ['lib/supabase.ts', 7, 'env/public-secret'],
    ['mcp-server.ts', 8, 'code/admin-client-session'],
    ['mcp-server.ts', 8, 'code/service-role-client'],
    ['mcp-server.ts', 13, 'code/service-role-unscoped-query'],
    ['mcp-server.ts', 21, 'code/mcp-server-no-host-check'],
    ['mcp-server.ts', 27, 'code/mcp-server-bind-all'],
    ['supabase/functions/summarize-channel/index.ts', 3, 'code/hardcoded-key'],
    ['supabase/functions/summarize-channel/index.ts', 7, 'code/admin-client-session'],
    ['supabase/functions/summarize-channel/index.ts', 7, 'code/service-role-client'],
    ['supabase/functions/summarize-channel/index.ts', 10, 'code/service-role-unscoped-query'],
    ['utils/supabase/server.ts', 7, 'code/service-key-in-ssr-client'],
    ['utils/supabase/server.ts', 7, 'code/service-role-client'],
  ],
  'MCP configs': [
    ['.cursor/mcp.json', 5, 'mcp/bind-all-interfaces'],
    ['.cursor/mcp.json', 9, 'mcp/shell-command'],
    ['.cursor/mcp.json', 10, 'mcp/service-role-to-agent'],
    ['.cursor/mcp.json', 13, 'mcp/supabase-not-project-scoped'],
    ['.cursor/mcp.json', 13, 'mcp/supabase-not-read-only'],
    ['.mcp.json', 7, 'mcp/supabase-not-project-scoped'],
    ['.mcp.json', 7, 'mcp/supabase-not-read-only'],
    ['.mcp.json', 7, 'mcp/unpinned-package'],
    ['.mcp.json', 9, 'mcp/hardcoded-secret'],
    ['.mcp.json', 14, 'mcp/bind-all-interfaces'],
    ['.mcp.json', 17, 'mcp/hardcoded-secret'],
    ['.mcp.json', 17, 'mcp/service-role-to-agent'],
    ['.mcp.json', 22, 'mcp/known-vulnerable-server'],
    ['.mcp.json', 22, 'mcp/token-in-url'],
    ['.roo/mcp.json', 5, 'mcp/supabase-not-read-only'],
    ['.roo/mcp.json', 7, 'mcp/auto-approve'],
    ['.roo/mcp.json', 7, 'mcp/auto-approve'],
    ['.vscode/mcp.json', 8, 'mcp/supabase-not-project-scoped'],
    ['.vscode/mcp.json', 8, 'mcp/supabase-not-read-only'],
    ['.vscode/mcp.json', 15, 'mcp/unpinned-package'],
    ['.vscode/mcp.json', 16, 'mcp/hardcoded-secret'],
    ['.vscode/mcp.json', 16, 'mcp/insecure-transport'],
    ['.vscode/mcp.json', 21, 'mcp/insecure-transport'],
    ['.vscode/mcp.json', 22, 'mcp/unresolved-placeholder'],
    ['.vscode/mcp.json', 27, 'mcp/known-vulnerable-server'],
    ['.vscode/mcp.json', 28, 'mcp/known-vulnerable-server'],
    ['docs/claude_desktop_config.json', 5, 'mcp/unresolved-placeholder'],
    ['docs/claude_desktop_config.json', 7, 'mcp/unresolved-placeholder'],
    ['docs/claude_desktop_config.json', 8, 'mcp/hardcoded-secret'],
    ['docs/claude_desktop_config.json', 8, 'mcp/service-role-to-agent'],
  ],
};

const DOMAIN_OF: Record<string, string> = {
  sql: 'SQL migrations',
  code: 'client code and env files',
  env: 'client code and env files',
  mcp: 'MCP configs',
};

describe('examples/insecure-app', () => {
  let stdout = '';
  before(() => {
    stdout = runCli(['scan', EXAMPLE, '--format', 'json', '--fail-on', 'never']).stdout;
  });

  for (const [domain, expected] of Object.entries(EXPECTED)) {
    it(`finds every planted mistake in the ${domain} on its line, and nothing else`, () => {
      const findings = JSON.parse(stdout).findings as { file: string; range: { start: { line: number } }; ruleId: string }[];
      const found = findings
        .filter((f) => DOMAIN_OF[f.ruleId.split('/')[0]] === domain)
        .map((f) => [f.file, f.range.start.line + 1, f.ruleId]);
      assert.deepEqual(found, expected);
    });
  }

  it('parses every file and no rule fails on it', () => {
    const meta = (JSON.parse(stdout).findings as { ruleId: string; file: string }[]).filter((f) => f.ruleId.startsWith('meta/'));
    assert.deepEqual(meta, []);
  });

  it('prints none of the keys planted in its files', () => {
    const secrets = secretsUnder(EXAMPLE);
    assert.ok(secrets.length >= 6, `the example plants distinct keys (found ${secrets.length})`);
    assertNoSecretShown(stdout, secrets);
  });
});
