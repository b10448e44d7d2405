import * as assert from 'node:assert/strict';
import { EDITOR_COMMANDS } from '../../server/src/cli/editor-cli';
import { main } from '../../server/src/cli/main';

/** Captures what `main` writes to stdout and stderr. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    return { code: await main(argv, EDITOR_COMMANDS), stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

describe('the editor extension\'s bundled CLI (dist/supaguard.js)', () => {
  it('lists only the commands the extension runs', async () => {
    const { code, stdout } = await run(['help']);
    assert.equal(code, 0);
    const listed = [...stdout.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]);
    assert.deepEqual(listed, ['mcp', 'probe-mcp', 'verify']);
  });

  it('refuses other commands, including names of object properties, with a usage error', async () => {
    for (const name of ['scan', 'constructor', 'toString']) {
      const { code, stderr } = await run([name]);
      assert.equal(code, 2, name);
      assert.match(stderr, new RegExp(`unknown command "${name}"`));
    }
  });

  it('runs a bundled command\'s usage', async () => {
    const { code, stdout } = await run(['probe-mcp', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: supaguard probe-mcp CONFIG/);
  });
});
