import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeServer, projectWithServers } from '../support/mcp-fixtures';
import { REPO_ROOT } from '../support/project';

/** Runs probe-mcp on a pseudo-terminal (util-linux `script`), typing `answers`; returns what the terminal showed. */
function probeOnTerminal(config: string, answers: string): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const commandLine = [process.execPath, path.join(REPO_ROOT, 'bin', 'supaguard.js'), 'probe-mcp', config, '--format', 'json'].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', commandLine, '/dev/null'], { input: answers, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return result.stdout;
}

describe('probe-mcp consent on a terminal', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  before(function () {
    if (process.platform !== 'linux' || spawnSync('script', ['--version']).status !== 0) this.skip();
  });

  it('shows each command line and starts only the servers confirmed', () => {
    const root = projectWithServers({
      first: { ...nodeServer('environment', 'first.json'), env: { PROBE_API_KEY: 'ak_live_7Hq2Lm9Xv4Rt8Zp3Wn6Yb1' } },
      second: nodeServer('environment', 'second.json'),
    });
    const shown = probeOnTerminal(path.join(root, '.mcp.json'), 'n\ny\n');
    assert.match(shown, /Probing will start MCP server "first" from .*\.mcp\.json:\s+command: \S+ \S+environment\.mjs first\.json\s+environment: PROBE_API_KEY=ak_liv…\s+Start it\? \[y\/N\]/);
    assert.ok(!shown.includes('ak_live_7Hq2'), 'the environment value is never shown whole');
    assert.match(shown, /server \\"first\\" not probed: not confirmed/);
    assert.equal(fs.existsSync(path.join(root, 'first.json')), false, 'the declined server was not started');
    assert.equal(fs.existsSync(path.join(root, 'second.json')), true, 'the confirmed server was started');
  });
});
