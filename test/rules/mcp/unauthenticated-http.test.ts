import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { probeJsonAsync, projectWithServers, startHttpFixture } from '../../support/mcp-fixtures';

describe('mcp/unauthenticated-http', () => {
  it('reports a loopback Streamable HTTP server that answers initialize without credentials', async () => {
    const server = await startHttpFixture('open');
    try {
      const root = projectWithServers({ local: { type: 'http', url: server.url } });
      const report = await probeJsonAsync(path.join(root, '.mcp.json'), {});
      const finding = report.findings.find((f) => f.ruleId === 'mcp/unauthenticated-http');
      assert.ok(finding, JSON.stringify(report));
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, /Server "local" at http:\/\/127\.0\.0\.1:\d+\/mcp answers initialize without any credentials/);
    } finally {
      server.stop();
    }
  });

  it('does not report a server that requires a bearer token (given from the environment)', async () => {
    const token = 'probe-test-token-1f9a2c';
    const server = await startHttpFixture('guarded', { PROBE_HTTP_TOKEN: token });
    try {
      const root = projectWithServers({ local: { type: 'http', url: server.url, headers: { Authorization: 'Bearer ${PROBE_HTTP_TOKEN}' } } });
      const report = await probeJsonAsync(path.join(root, '.mcp.json'), { PROBE_HTTP_TOKEN: token });
      assert.deepEqual(report.findings, [], 'the probe got in with the token and found nothing');
    } finally {
      server.stop();
    }
  });
});
