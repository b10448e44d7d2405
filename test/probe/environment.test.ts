import * as assert from 'node:assert/strict';
import { expand, resolveLaunch } from '../../server/src/probe/environment';
import { SUPABASE_ACCESS_TOKEN, supabaseJwt } from '../support/keys';

const SERVICE_ROLE_KEY = supabaseJwt('service_role');

const file = '/project/.mcp.json';
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

describe('probe environment', () => {
  it('expands each client syntax from the environment, with Claude Code defaults', () => {
    const env = { TOKEN: 'abc', EMPTY: '' };
    assert.deepEqual(expand('${env:TOKEN}', env, '/p'), { value: 'abc' });
    assert.deepEqual(expand('Bearer ${TOKEN}', env, '/p'), { value: 'Bearer abc' });
    assert.deepEqual(expand('{env:TOKEN}', env, '/p'), { value: 'abc' });
    assert.deepEqual(expand('${REGION:-eu-west-1}', env, '/p'), { value: 'eu-west-1' });
    assert.deepEqual(expand('${workspaceFolder}/db', env, '/p'), { value: '/p/db' });
    assert.deepEqual(expand('${MISSING}', env, '/p'), { missing: 'MISSING (not set in this environment)' });
    assert.deepEqual(expand('${input:pat}', env, '/p'), { missing: '${input:pat} (only the editor can fill it in)' });
  });

  it("leaves a reference the config's client does not expand as written, as that client would", () => {
    const claudeCode = (inner: string) => /^[A-Za-z_]\w*(:-.*)?$/.test(inner);
    assert.deepEqual(expand('${env:TOKEN}', { TOKEN: 'abc' }, '/p', claudeCode), { value: '${env:TOKEN}' });
    assert.deepEqual(expand('${TOKEN}', { TOKEN: 'abc' }, '/p', claudeCode), { value: 'abc' });
    const claudeDesktop = () => false;
    assert.deepEqual(expand('Bearer ${TOKEN}', { TOKEN: 'abc' }, '/p', claudeDesktop), { value: 'Bearer ${TOKEN}' });
  });

  it('never passes a secret written in the config, and says so by name only', () => {
    const launch = resolveLaunch(
      {
        name: 'db',
        file,
        range,
        command: 'npx',
        args: ['-y', 'server'],
        env: { SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY, API_URL: '${API_URL}' },
        headers: { 'X-Notion-Token': 'ntn4f8Kq2vZ9xLm3Rt7Wb1Yc6Pd' },
      },
      { API_URL: 'http://127.0.0.1:54321' },
      '/project',
    );
    assert.deepEqual(launch.env, { API_URL: 'http://127.0.0.1:54321' });
    assert.deepEqual(launch.headers, {});
    assert.equal(launch.notes.length, 2);
    assert.match(launch.notes[0], /SUPABASE_SERVICE_ROLE_KEY is not passed: it holds a secret written in the config/);
    assert.ok(!launch.notes[0].includes(SERVICE_ROLE_KEY.slice(0, 20)));
  });

  it('refuses a command line that carries a literal secret, or a variable nobody set', () => {
    const secretArg = resolveLaunch({ name: 's', file, range, command: 'npx', args: ['server', '--access-token', SUPABASE_ACCESS_TOKEN] }, {}, '/p');
    assert.match(secretArg.blocked ?? '', /command line holds a secret written in the config/);
    for (const args of [['server', '--brave-api-key', 'BSAq7Xk2mP9vR4tL8nW3zY6c'], ['server', '--brave-api-key=BSAq7Xk2mP9vR4tL8nW3zY6c']]) {
      const named = resolveLaunch({ name: 's', file, range, command: 'npx', args }, {}, '/p');
      assert.match(named.blocked ?? '', /holds a secret written in the config/, args.join(' '));
    }
    const harmless = resolveLaunch({ name: 's', file, range, command: 'npx', args: ['server', '--port', '8931', '--token-file', '/run/secrets/token'] }, {}, '/p');
    assert.equal(harmless.blocked, undefined);
    const unset = resolveLaunch({ name: 's', file, range, url: 'https://mcp.example.com/${TENANT}' }, {}, '/p');
    assert.match(unset.blocked ?? '', /url refers to TENANT/);
  });
});
