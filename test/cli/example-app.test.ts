import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'insecure-app');

// The demo project's client code and env files: each planted mistake is found by its rule, on its line.
const EXPECTED = [
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
];

describe('examples/insecure-app client code', () => {
  it('finds every planted code and env mistake on its line, and prints none of its keys', () => {
    const { stdout } = runCli(['scan', EXAMPLE, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(stdout);
    const found = report.findings
      .filter((f: { ruleId: string }) => /^(code|env)\//.test(f.ruleId))
      .map((f: { file: string; range: { start: { line: number } }; ruleId: string }) => [f.file, f.range.start.line + 1, f.ruleId]);
    assert.deepEqual(found, EXPECTED);
    const keys = fs.readFileSync(path.join(EXAMPLE, '.env'), 'utf8').match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? [];
    assert.ok(keys.length >= 2);
    for (const key of keys) for (const part of key.split('.').slice(1)) assert.ok(!stdout.includes(part.slice(0, 12)), 'a key from .env is printed');
  });
});
