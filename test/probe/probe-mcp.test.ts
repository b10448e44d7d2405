import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeTarget } from '../../server/src/probe/consent';
import { runCli } from '../support/cli';
import { SUPABASE_ACCESS_TOKEN, supabaseJwt } from '../support/keys';
import { nodeServer, probeJson, projectWithServers } from '../support/mcp-fixtures';
import { writeProject } from '../support/project';

describe('supaguard probe-mcp', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('refuses to start servers without a terminal to ask on, unless --yes', () => {
    const root = projectWithServers({ shop: nodeServer('clean') });
    const result = runCli(['probe-mcp', path.join(root, '.mcp.json')], { input: 'y\n' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /confirm each on a terminal, or pass --yes/);
  });

  it('probes only the server named by --server, and rejects unknown names', () => {
    const root = projectWithServers({ shop: nodeServer('clean'), calculator: nodeServer('poisoned') });
    const config = path.join(root, '.mcp.json');
    assert.deepEqual(probeJson(config, '--server', 'shop').findings, []);
    const unknown = runCli(['probe-mcp', config, '--yes', '--server', 'nope']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no server named "nope".*servers: shop, calculator/);
  });

  it('starts servers with referenced variables from the environment, and without secrets written in the config', () => {
    const serviceRoleKey = supabaseJwt('service_role');
    const root = projectWithServers({
      env: { ...nodeServer('environment', 'received.json'), env: { PROBE_REGION: '${PROBE_REGION_FROM_SHELL}', PROBE_SERVICE_ROLE_KEY: serviceRoleKey } },
    });
    const result = runCli(['probe-mcp', path.join(root, '.mcp.json'), '--yes', '--format', 'text'], {
      env: { PROBE_REGION_FROM_SHELL: 'eu-central-1', PROBE_FROM_SHELL_ONLY: 'not-for-servers' },
    });
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'received.json'), 'utf8')), { PROBE_REGION: 'eu-central-1' });
    assert.match(result.stdout, /PROBE_SERVICE_ROLE_KEY is not passed: it holds a secret written in the config/);
    assert.ok(!result.stdout.includes(serviceRoleKey.slice(0, 30)) && !result.stderr.includes(serviceRoleKey.slice(0, 30)));
  });

  it('leaves disabled servers alone unless named with --server', () => {
    const root = projectWithServers({ shop: nodeServer('clean'), old: { ...nodeServer('environment', 'old.json'), disabled: true } });
    const config = path.join(root, '.mcp.json');
    probeJson(config);
    assert.equal(fs.existsSync(path.join(root, 'old.json')), false);
    probeJson(config, '--server', 'old');
    assert.equal(fs.existsSync(path.join(root, 'old.json')), true);
  });

  it('prints text without the escape sequences a server sent', () => {
    const root = projectWithServers({ calculator: nodeServer('poisoned') });
    const result = runCli(['probe-mcp', path.join(root, '.mcp.json'), '--yes']);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /mcp\/tool-poisoning/);
    assert.ok(!result.stdout.includes('\u001b') && !result.stdout.includes('\u200B'));
  });

  it('shows the full command line for consent with secrets redacted', () => {
    const shown = describeTarget({
      name: 'supabase',
      file: '/p/.mcp.json',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      command: 'npx',
      args: ['-y', '@supabase/mcp-server-supabase@0.5.5', '--read-only', '--access-token', SUPABASE_ACCESS_TOKEN, '--project-ref=abcdefghijklmnopqrst'],
      env: { SUPABASE_URL: 'https://abcdefghijklmnopqrst.supabase.co', PROBE_TOKEN: '${env:PROBE_TOKEN}' },
    });
    assert.match(shown, /command: npx -y @supabase\/mcp-server-supabase@0\.5\.5 --read-only --access-token sbp_0a… --project-ref=abcdefghijklmnopqrst/);
    assert.match(shown, /environment: SUPABASE_URL=https:… PROBE_TOKEN=\$\{env:PROBE_TOKEN\}/);
    assert.ok(!shown.includes(SUPABASE_ACCESS_TOKEN));
  });
});

describe('supaguard probe-mcp usage', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('says so when the config holds no server', () => {
    const root = projectWithServers({});
    const result = runCli(['probe-mcp', path.join(root, '.mcp.json'), '--yes']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no MCP servers found in .*\.mcp\.json/);
  });

  it('rejects a missing config and a bad timeout', () => {
    assert.match(runCli(['probe-mcp', 'nope.json', '--yes']).stderr, /config file not found: nope\.json/);
    const root = projectWithServers({ shop: nodeServer('clean') });
    assert.match(runCli(['probe-mcp', path.join(root, '.mcp.json'), '--yes', '--timeout', 'soon']).stderr, /--timeout must be a number of seconds/);
  });
});

describe('supaguard probe-mcp through the engine pipeline', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it("applies the config's severities and the config file's suppressions to probe findings", () => {
    const database = JSON.stringify(nodeServer('database'));
    const root = writeProject({
      '.vscode/mcp.json': `{
  "servers": {
    // supaguard-ignore mcp/write-tools-exposed: local scratch database, reset every morning
    "scratch": ${database},
    "calculator": ${JSON.stringify(nodeServer('poisoned'))}
  }
}
`,
      'supaguard.jsonc': '{ "rules": { "mcp/tool-poisoning": "warning" } }\n',
    });
    const report = probeJson(path.join(root, '.vscode', 'mcp.json'));
    assert.deepEqual(
      [...new Set(report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line}`))],
      ['mcp/tool-poisoning warning 4'],
    );
    assert.equal(report.stats.suppressed, 1);
    assert.equal(report.status, 0, 'warnings do not fail the default --fail-on error');
  });

  it('reports static findings of the config too, and never uses or prints its literal secret', () => {
    const serviceRoleKey = supabaseJwt('service_role');
    const root = writeProject({
      'claude_desktop_config.json': JSON.stringify({
        mcpServers: { supabase: { ...nodeServer('environment', 'received.json'), env: { PROBE_SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey } } },
      }),
    });
    const result = runCli(['probe-mcp', path.join(root, 'claude_desktop_config.json'), '--yes', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    const rules = report.findings.map((f: { ruleId: string }) => f.ruleId);
    assert.ok(rules.includes('mcp/hardcoded-secret') && rules.includes('mcp/service-role-to-agent'), rules.join(', '));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'received.json'), 'utf8')), {});
    assert.ok(!`${result.stdout}${result.stderr}`.includes(serviceRoleKey.slice(0, 40)));
  });
});
