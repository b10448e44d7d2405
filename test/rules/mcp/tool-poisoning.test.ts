import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeServer, probeJson, projectWithServers } from '../../support/mcp-fixtures';

describe('mcp/tool-poisoning', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('reports hidden tags, zero-width characters and ANSI escapes of a poisoned server, at its config entry', () => {
    const root = projectWithServers({ calculator: nodeServer('poisoned') });
    const report = probeJson(path.join(root, '.mcp.json'));
    const poisoning = report.findings.filter((f) => f.ruleId === 'mcp/tool-poisoning');
    assert.deepEqual(poisoning.map((f) => f.message.split(' carries')[0]), [
      'Tool "add" of server "calculator"',
      'Tool "weather" of server "calculator"',
      'Prompt "greet" of server "calculator"',
    ]);
    assert.match(poisoning[0].message, /<IMPORTANT> tag; an instruction to keep something from the user; a request to read ~\/\.ssh/);
    assert.match(poisoning[1].message, /invisible characters \(U\+200B\)/);
    assert.match(poisoning[2].message, /ignore previous instructions.*ANSI escape sequences/);
    for (const f of poisoning) {
      assert.equal(f.severity, 'error');
      assert.equal(f.file, '.mcp.json');
      assert.deepEqual(f.range.start, { line: 2, character: 4 }, 'points at the "calculator" key');
      assert.doesNotMatch(f.message, /[\u200B\u001b]/, 'never prints the hidden characters themselves');
    }
    assert.equal(report.status, 1);
  });

  it('reports nothing for a server with plain descriptions', () => {
    const root = projectWithServers({ shop: nodeServer('clean') });
    const report = probeJson(path.join(root, '.mcp.json'));
    assert.deepEqual(report.findings, []);
    assert.equal(report.status, 0);
  });
});
