import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { probeJsonAsync, projectWithServers, startHttpFixture } from '../../support/mcp-fixtures';

describe('mcp/no-origin-check', () => {
  it('reports a loopback server that accepts a foreign Origin', async () => {
    const server = await startHttpFixture('open');
    try {
      const root = projectWithServers({ local: { type: 'http', url: server.url } });
      const report = await probeJsonAsync(path.join(root, '.mcp.json'), {});
      const finding = report.findings.find((f) => f.ruleId === 'mcp/no-origin-check');
      assert.ok(finding, JSON.stringify(report));
      assert.match(finding.message, /accepts a request from a foreign Origin/);
    } finally {
      server.stop();
    }
  });

  it('does not report a server with an Origin allow-list', async () => {
    const token = 'probe-test-token-77b1d0';
    const server = await startHttpFixture('guarded', { PROBE_HTTP_TOKEN: token });
    try {
      const root = projectWithServers({ local: { type: 'http', url: server.url, headers: { Authorization: 'Bearer ${PROBE_HTTP_TOKEN}' } } });
      const report = await probeJsonAsync(path.join(root, '.mcp.json'), { PROBE_HTTP_TOKEN: token });
      assert.deepEqual(report.findings.filter((f) => f.ruleId === 'mcp/no-origin-check'), []);
    } finally {
      server.stop();
    }
  });

  it('never knocks on a server that is not on this machine', async () => {
    const root = projectWithServers({ remote: { type: 'http', url: 'http://203.0.113.7:1/mcp' } });
    const report = await probeJsonAsync(path.join(root, '.mcp.json'), {}, '--timeout', '1');
    assert.deepEqual(report.findings.map((f) => f.ruleId), ['mcp/probe-failed']);
  });
});
