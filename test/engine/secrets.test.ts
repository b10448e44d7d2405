import * as assert from 'node:assert/strict';
import { classifyNamedSecret, classifySecret, findSecrets, isPlaceholder, redact, redactSecrets } from '../../server/src/engine/secrets';
import { SB_PUBLISHABLE_KEY, SB_SECRET_KEY, SUPABASE_ACCESS_TOKEN, supabaseJwt } from '../support/keys';

describe('secrets', () => {
  it('tells a service-role JWT from an anon JWT and from the local demo key by decoding the payload', () => {
    assert.equal(classifySecret(supabaseJwt('service_role'))?.label, 'a Supabase service-role key');
    assert.equal(classifySecret(supabaseJwt('anon')), undefined);
    assert.equal(findSecrets(supabaseJwt('anon'))[0].class, 'public');
    assert.equal(classifySecret(supabaseJwt('service_role', 'x', 'supabase-demo'))?.class, 'local');
  });

  it('counts a signed-in user token, not a role-less sample JWT such as the one on jwt.io', () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = (payload: object) => `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
    assert.equal(classifySecret(token({ sub: 'b4b1f0c2-2f7e-4a51-9d0e-3c6f4f1c9a11', role: 'authenticated', aud: 'authenticated' }))?.label, 'a signed user JWT');
    assert.equal(classifySecret(token({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })), undefined);
  });

  it('recognises new-style keys, access tokens and the CLI local secret key', () => {
    assert.equal(classifySecret(SB_SECRET_KEY)?.class, 'secret');
    assert.equal(classifySecret(SB_PUBLISHABLE_KEY), undefined);
    assert.equal(classifySecret(SUPABASE_ACCESS_TOKEN)?.kind, 'supabase-access-token');
    assert.equal(classifySecret('sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz')?.class, 'local');
  });

  it('finds database passwords in Postgres URIs, except the local postgres:postgres default and placeholders', () => {
    const found = classifySecret('postgresql://postgres.abcd:Sup3rS3cretPw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres');
    assert.equal(found?.value, 'Sup3rS3cretPw');
    assert.equal(classifySecret('postgresql://postgres:postgres@127.0.0.1:54322/postgres'), undefined);
    assert.equal(classifySecret('postgresql://postgres:[YOUR-PASSWORD]@db.abcd.supabase.co:5432/postgres'), undefined);
    assert.equal(classifySecret('postgres://app:${DB_PASSWORD}@db.internal:5432/app'), undefined);
  });

  it('recognises third-party keys and bearer literals', () => {
    assert.equal(classifySecret('sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789')?.kind, 'openai-key');
    assert.equal(classifySecret('sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789')?.kind, 'anthropic-key');
    assert.equal(classifySecret('ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789')?.kind, 'github-token');
    assert.equal(classifySecret('sk_live_51AbCdEfGhIjKlMnOpQrSt')?.kind, 'stripe-key');
    assert.equal(classifySecret('Bearer eyJzdWIiOiIxMjM0NTY3ODkwIn0abcdef')?.kind, 'bearer-token');
    assert.equal(classifySecret('Bearer ${input:token}'), undefined);
  });

  it('treats placeholders and variable references as not secret', () => {
    for (const value of ['your-service-role-key', '<SERVICE_ROLE_KEY>', 'xxxxxxxx', '${SUPABASE_KEY}', '{env:KEY}']) {
      assert.ok(isPlaceholder(value), value);
    }
    assert.equal(classifySecret('sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx'), undefined);
  });

  it('redacts to at most six characters, fewer for short values', () => {
    assert.equal(redact(SB_SECRET_KEY), 'sb_sec…');
    assert.equal(redact('hunter22'), 'hu…');
    const jwt = supabaseJwt('service_role');
    const message = redactSecrets(`key ${jwt} and postgres://u:Sup3rS3cretPw@db.example.com/app`);
    assert.ok(!message.includes(jwt.slice(0, 7)), message);
    assert.ok(!message.includes('Sup3rS3'), message);
    assert.match(message, /key eyJhbG… and postgres:\/\/u:Sup3…@db\.example\.com\/app/);
  });

  it('reads hostile megabyte strings without overflowing the regexp stack, and still finds a key among them', () => {
    const jwt = supabaseJwt('service_role');
    for (const hostile of ['eyJ'.repeat(2_000_000), '-eyJ'.repeat(1_000_000), 'a'.repeat(6_000_000), 'postgres://a:'.repeat(200_000)]) {
      assert.deepEqual(findSecrets(hostile).filter((s) => s.class === 'secret'), [], hostile.slice(0, 12));
    }
    const buried = `${'x'.repeat(3_000_000)} const key="key-${jwt}";${'y.'.repeat(1_000_000)}`;
    const [found] = findSecrets(buried);
    assert.equal(found?.value, jwt);
    assert.equal(found.start, buried.indexOf(jwt));
    assert.equal(findSecrets(`${jwt}.${jwt}`).length, 2);
    assert.equal(classifyNamedSecret('API_TOKEN', 'eyJ'.repeat(3_000_000)), undefined);
  });

  it('knows prefix-less keys by a credential name and a generated-looking value', () => {
    assert.equal(classifyNamedSecret('BRAVE_API_KEY', 'BSAqK3v9Xw2LmN8pR4tY7uZ1')?.label, 'a credential');
    assert.equal(classifyNamedSecret('X_API_KEY', '  9f86d081884c7d659a2feaa0c55ad015  ')?.start, 2);
    assert.equal(classifyNamedSecret('ACME_API_KEY', '550e8400-e29b-41d4-a716-446655440000')?.kind, 'named-credential');
    // A JWT whose payload has no role (a mistyped claim) is no known shape, but its name says what it is.
    const unknownJwt = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('{"rose":"service_role"}').toString('base64url')}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
    assert.equal(classifyNamedSecret('SUPABASE_SERVICE_ROLE_KEY', unknownJwt)?.kind, 'named-credential');
    for (const [name, value] of [
      ['LOG_LEVEL', 'BSAqK3v9Xw2LmN8pR4tY7uZ1'],
      ['SUPABASE_ANON_KEY', 'BSAqK3v9Xw2LmN8pR4tY7uZ1'],
      ['GOOGLE_APPLICATION_CREDENTIALS', '/Users/ana/keys/gcp-2024-service.json'],
      ['API_KEY', 'short1'],
      ['API_KEY', 'your-api-key-goes-here-12345'],
      ['ACCESS_TOKEN', 'no digits in this long value'],
      ['GITHUB_TOKEN', 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
      // The Supabase CLI's documented local JWT secret, and other typed phrases: words, not generated characters.
      ['JWT_SECRET', 'super-secret-jwt-token-with-at-least-32-characters-long'],
      ['SESSION_SECRET', 'my_dev_session_secret_2024'],
    ]) {
      assert.equal(classifyNamedSecret(name, value), undefined, `${name}=${value}`);
    }
  });
});
