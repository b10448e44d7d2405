import * as assert from 'node:assert/strict';
import { probeHttpFixture } from '../../support/mcp-fixtures';

describe('mcp/unauthenticated-http', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('reports a loopback Streamable HTTP server that answers initialize without credentials', async () => {
    const report = await probeHttpFixture('open');
    const finding = report.findings.find((f) => f.ruleId === 'mcp/unauthenticated-http');
    assert.ok(finding, JSON.stringify(report));
    assert.equal(finding.severity, 'error');
    assert.equal(finding.file, '.mcp.json');
    assert.match(finding.message, /Server "local" at http:\/\/127\.0\.0\.1:\d+\/mcp answers initialize without any credentials/);
  });

  it('reports an open server of the older HTTP+SSE protocol, probed over SSE', async () => {
    const report = await probeHttpFixture('sse');
    assert.deepEqual(report.findings.map((f) => f.ruleId).filter((id) => id !== 'mcp/no-origin-check'), ['mcp/unauthenticated-http']);
  });

  it('does not report a server that requires a bearer token (given from the environment)', async () => {
    const report = await probeHttpFixture('guarded');
    assert.deepEqual(report.findings, [], 'the probe got in with the token and found nothing');
  });

  it('does not count a token in the url as no credentials', async () => {
    const report = await probeHttpFixture('guarded', 'url');
    assert.deepEqual(report.findings.map((f) => f.ruleId), ['mcp/token-in-url'], 'only the static finding about where the token is');
  });
});
