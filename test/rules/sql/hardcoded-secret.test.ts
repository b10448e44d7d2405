import * as assert from 'node:assert/strict';
import { ruleTester, findingsOf } from '../../support/rule-tester';
import { supabaseJwt } from '../../support/keys';
import { writeProject } from '../../support/project';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const serviceKey = supabaseJwt('service_role');
const cron = (key: string) => `select cron.schedule('sync', '*/5 * * * *', $$
  select net.http_post(
    url := 'https://abcdefghijklmnop.supabase.co/functions/v1/sync',
    headers := jsonb_build_object('Authorization', 'Bearer ${key}')
  );
$$);
`;

ruleTester('sql/hardcoded-secret', {
  valid: [
    { name: 'the key read from Vault', files: { [INIT]: cron("' || (select decrypted_secret from vault.decrypted_secrets where name = 'service_key') || '") } },
    { name: 'the public anon key', files: { [INIT]: cron(supabaseJwt('anon')) } },
  ],
  invalid: [
    { name: 'a service-role key in a cron job', files: { [INIT]: cron(serviceKey) }, findings: [{ line: 4, column: 60, message: 'service-role key' }] },
    { name: 'a database password', files: { [INIT]: "-- mirror\nselect dblink_connect('postgres://replicator:S3cr3tPassw0rd@db.example.net:5432/app');\n" }, findings: [{ line: 2, message: 'database password' }] },
  ],
});

describe('sql/hardcoded-secret output', () => {
  it('never shows the secret in the message', async () => {
    const [finding] = await findingsOf('sql/hardcoded-secret', writeProject({ [INIT]: cron(serviceKey) }));
    assert.ok(!finding.message.includes(serviceKey.slice(0, 12)), finding.message);
  });
});
