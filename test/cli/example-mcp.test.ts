import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'insecure-app');
const CONFIGS = ['.mcp.json', '.vscode/mcp.json', '.cursor/mcp.json', '.roo/mcp.json', 'docs/claude_desktop_config.json'];

// The demo project's MCP configs: each planted mistake is found by its rule, on its line, and nothing else.
const EXPECTED = [
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
];

describe('examples/insecure-app MCP configs', () => {
  it('finds every planted MCP mistake on its line, and prints none of the keys', () => {
    const { stdout } = runCli(['scan', EXAMPLE, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(stdout);
    const found = report.findings
      .filter((f: { file: string }) => CONFIGS.includes(f.file))
      .map((f: { file: string; range: { start: { line: number } }; ruleId: string }) => [f.file, f.range.start.line + 1, f.ruleId]);
    assert.deepEqual(found, EXPECTED);
    const texts = CONFIGS.map((config) => fs.readFileSync(path.join(EXAMPLE, config), 'utf8')).join('\n');
    const secrets = [
      ...(texts.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []).flatMap((jwt) => jwt.split('.').slice(1)),
      ...(texts.match(/sbp_[0-9a-f]{40}/g) ?? []),
      'Wq7zT4nV9xLr2p',
      '9f4c2e7a1b8d3f6e0a5c',
    ];
    assert.ok(secrets.length >= 5);
    for (const secret of secrets) assert.ok(!stdout.includes(secret.slice(0, 12)), `a key is printed: ${secret.slice(0, 4)}…`);
  });
});
