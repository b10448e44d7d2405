import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeServer, probeJson, projectWithServers } from '../../support/mcp-fixtures';

describe('mcp/tool-shadowing', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it("reports a server whose description names another configured server's tool", () => {
    const root = projectWithServers({ shop: nodeServer('clean'), helper: nodeServer('shadowing') });
    const config = path.join(root, '.mcp.json');
    const findings = probeJson(config).findings;
    const helperLine = fs.readFileSync(config, 'utf8').split('\n').findIndex((l) => l.includes('"helper"'));
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.range.start.line]),
      [['mcp/tool-shadowing', 'warning', helperLine]],
    );
    assert.match(findings[0].message, /Tool "format_reply" of server "helper" names "lookup_order", a tool of server "shop"/);
  });

  it('knows the other servers from their pins when only one server is probed', () => {
    const root = projectWithServers({ shop: nodeServer('clean'), helper: nodeServer('shadowing') });
    const config = path.join(root, '.mcp.json');
    probeJson(config, '--server', 'shop', '--pin');
    const findings = probeJson(config, '--server', 'helper').findings;
    assert.deepEqual(findings.map((f) => f.ruleId), ['mcp/tool-shadowing']);
  });

  it('does not report the same server talking about its own tools', () => {
    const root = projectWithServers({ helper: nodeServer('shadowing'), calculator: nodeServer('clean') });
    const findings = probeJson(path.join(root, '.mcp.json'), '--server', 'helper').findings;
    assert.deepEqual(findings, []);
  });
});
