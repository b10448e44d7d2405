import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from '../../../server/src/probe/process-tree';
import { nodeServer, probeJson, projectWithServers } from '../../support/mcp-fixtures';
import { REPO_ROOT } from '../../support/project';

describe('mcp/probe-failed', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('reports a server that never answers initialize, and ends it and its children', () => {
    const root = projectWithServers({ stuck: nodeServer('hang', 'pids.json') });
    const report = probeJson(path.join(root, '.mcp.json'), '--timeout', '5');
    assert.deepEqual(report.findings.map((f) => [f.ruleId, f.severity]), [['mcp/probe-failed', 'warning']]);
    assert.match(report.findings[0].message, /Server "stuck" could not be probed.*did not answer within 5 s/);
    const pids = JSON.parse(fs.readFileSync(path.join(root, 'pids.json'), 'utf8'));
    assert.equal(isAlive(pids.server), false, 'the server process was ended');
    assert.equal(isAlive(pids.helper), false, "the server's own child process was ended");
  });

  it('reports a server that crashes at start-up, with its last error line', () => {
    const root = projectWithServers({ broken: nodeServer('crash') });
    const [finding] = probeJson(path.join(root, '.mcp.json')).findings;
    assert.equal(finding.ruleId, 'mcp/probe-failed');
    assert.match(finding.message, /exited before answering; its last output: "Error: SUPABASE_ACCESS_TOKEN is not set"/);
  });

  it('prints a server name from the config without its escape sequences', () => {
    const root = projectWithServers({ 'db\u001b[2J\u200Bprod': nodeServer('crash') });
    const [finding] = probeJson(path.join(root, '.mcp.json')).findings;
    assert.match(finding.message, /^Server "dbprod" could not be probed/);
  });

  it('reports a server that prints garbage instead of JSON-RPC', () => {
    const root = projectWithServers({ noisy: nodeServer('garbage') });
    const [finding] = probeJson(path.join(root, '.mcp.json')).findings;
    assert.equal(finding.ruleId, 'mcp/probe-failed');
    assert.match(finding.message, /printed output that is not MCP JSON-RPC/);
  });

  it('tolerates a one-line banner on stdout, as clients do', () => {
    const root = projectWithServers({ shop: nodeServer('banner') });
    assert.deepEqual(probeJson(path.join(root, '.mcp.json')).findings, []);
  });

  it('reports a command that does not exist', () => {
    const root = projectWithServers({ ghost: { command: 'supaguard-no-such-mcp-server', args: [] } });
    const [finding] = probeJson(path.join(root, '.mcp.json')).findings;
    assert.match(finding.message, /its command "supaguard-no-such-mcp-server" was not found/);
  });
});

describe('probe-mcp interrupted', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('ends the server it started, and its children, when it is stopped itself', async () => {
    const root = projectWithServers({ stuck: nodeServer('hang', 'pids.json') });
    const probe = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'supaguard.js'), 'probe-mcp', path.join(root, '.mcp.json'), '--yes', '--timeout', '60'], { stdio: 'ignore' });
    const pidsFile = path.join(root, 'pids.json');
    while (!fs.existsSync(pidsFile) || !fs.readFileSync(pidsFile, 'utf8')) await new Promise((r) => setTimeout(r, 50));
    const pids = JSON.parse(fs.readFileSync(pidsFile, 'utf8'));
    const exited = new Promise<number | null>((resolve) => probe.on('exit', (code) => resolve(code)));
    probe.kill('SIGTERM');
    assert.equal(await exited, 143);
    // Orphaned by the probe's exit, the ended processes are reaped by init: allow it a moment.
    assert.equal(await goneWithin(pids.server, 3000), true, 'the server process was ended');
    assert.equal(await goneWithin(pids.helper, 3000), true, "the server's own child process was ended");
  });
});

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}
