import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from '../../../server/src/probe/process-tree';
import { nodeServer, probeJson, projectWithServers } from '../../support/mcp-fixtures';

describe('mcp/probe-failed', () => {
  it('reports a server that never answers initialize, and ends it and its children', () => {
    const root = projectWithServers({ stuck: nodeServer('hang', 'pids.json') });
    const report = probeJson(path.join(root, '.mcp.json'), '--timeout', '1');
    assert.deepEqual(report.findings.map((f) => [f.ruleId, f.severity]), [['mcp/probe-failed', 'warning']]);
    assert.match(report.findings[0].message, /Server "stuck" could not be probed.*did not answer within 1 s/);
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
