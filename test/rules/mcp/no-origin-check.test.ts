import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { probeHttpFixture, probeJsonAsync, projectWithServers } from '../../support/mcp-fixtures';

describe('mcp/no-origin-check', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('reports a loopback server that accepts a foreign Origin', async () => {
    const report = await probeHttpFixture('open');
    const finding = report.findings.find((f) => f.ruleId === 'mcp/no-origin-check');
    assert.ok(finding, JSON.stringify(report));
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /accepts a request from a foreign Origin/);
  });

  it('does not report a server with an Origin allow-list', async () => {
    const report = await probeHttpFixture('guarded');
    assert.deepEqual(report.findings.filter((f) => f.ruleId === 'mcp/no-origin-check'), []);
  });

  it('never knocks on a server that is not on this machine', async () => {
    const root = projectWithServers({ remote: { type: 'http', url: 'http://203.0.113.7:1/mcp' } });
    const report = await probeJsonAsync(path.join(root, '.mcp.json'), {}, '--timeout', '1');
    const probeFindings = report.findings.map((f) => f.ruleId).filter((id) => id !== 'mcp/insecure-transport');
    assert.deepEqual(probeFindings, ['mcp/probe-failed'], 'the server was not reachable, and no HTTP check was made');
  });
});
