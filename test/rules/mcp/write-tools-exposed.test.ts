import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeServer, probeJson, projectWithServers } from '../../support/mcp-fixtures';

describe('mcp/write-tools-exposed', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  it('reports a database server offering execute_sql and apply_migration without read-only mode', () => {
    const root = projectWithServers({ supabase: nodeServer('database') });
    const findings = probeJson(path.join(root, '.mcp.json')).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['mcp/write-tools-exposed', 'warning']]);
    assert.match(findings[0].message, /Server "supabase" offers tools that run SQL or change the schema \(execute_sql, apply_migration\)/);
  });

  it('reports nothing when the server runs with --read-only', () => {
    const root = projectWithServers({ supabase: nodeServer('database', '--read-only') });
    assert.deepEqual(probeJson(path.join(root, '.mcp.json')).findings, []);
  });
});
