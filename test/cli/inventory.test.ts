import * as assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { writeProject } from '../support/project';
import { nextApp } from '../support/apps';
import { supabaseJwt } from '../support/keys';

const hardcodedServiceKey = supabaseJwt('service_role');

const project = nextApp({
  'lib/supabase/admin.ts': `import { createClient } from '@supabase/supabase-js';

export function createAdminClient() {
  // supaguard-ignore code/service-role-client: webhooks and cron jobs only; every caller checks a signed secret first
  return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}
`,
  'app/api/stripe/webhook/route.ts': `import { createAdminClient } from '@/lib/supabase/admin';

export async function POST(request: Request) {
  const event = await request.json();
  const admin = createAdminClient();
  await admin.from('subscriptions').upsert({ workspace_id: event.data.object.metadata.workspace_id, status: 'active' });
  return new Response(null, { status: 204 });
}
`,
  'app/api/cron/purge/route.ts': `import { createAdminClient } from '@/lib/supabase/admin';

export async function GET() {
  await createAdminClient().from('chat_messages').delete().lt('created_at', '2024-01-01');
  return new Response(null, { status: 204 });
}
`,
  'supabase/functions/digest/index.ts': `import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async () => {
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, '${hardcodedServiceKey}');
  const { data } = await supabase.from('workspaces').select('id, name');
  return Response.json(data);
});
`,
});

describe('supaguard inventory', () => {
  it('lists each service-role client with its function, tables and justification as JSON', () => {
    const root = writeProject(project);
    const { status, stdout, stderr } = runCli(['inventory', root, '--format', 'json']);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.clients.map((c: Record<string, unknown>) => [c.file, c.line, c.function, c.key, c.tables, c.justification]),
      [
        ['lib/supabase/admin.ts', 5, 'createAdminClient', 'process.env.SUPABASE_SERVICE_ROLE_KEY', ['chat_messages', 'subscriptions'],
          'webhooks and cron jobs only; every caller checks a signed secret first'],
        ['supabase/functions/digest/index.ts', 4, 'Deno.serve callback', 'a hardcoded Supabase service-role key', ['workspaces'], null],
      ],
    );
    const usage = report.clients[0].usages.find((u: { table: string }) => u.table === 'subscriptions');
    assert.deepEqual(usage, { file: 'app/api/stripe/webhook/route.ts', line: 6, table: 'subscriptions', operation: 'upsert', handler: 'the route handler POST' });
  });

  it('prints a readable listing and never the key', () => {
    const root = writeProject(project);
    const { status, stdout } = runCli(['inventory', root]);
    assert.equal(status, 0);
    assert.match(stdout, /^lib\/supabase\/admin\.ts:5 {2}the client that createAdminClient\(\) returns \(createClient\) in createAdminClient\(\)$/m);
    assert.match(stdout, /^ {2}justification: webhooks and cron jobs only/m);
    assert.match(stdout, /^ {2}justification: none \(code\/service-role-client reports it\)$/m);
    assert.match(stdout, /^2 service-role clients, 1 justified\.$/m);
    assert.ok(!stdout.includes(hardcodedServiceKey.slice(0, 20)), 'the hardcoded key is not printed');
  });

  it('says so when there is none, and rejects an unknown format', () => {
    const root = writeProject({ 'lib/client.ts': `import { createClient } from '@supabase/supabase-js';\nexport const s = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);\n` });
    assert.equal(runCli(['inventory', root]).stdout, 'No service-role clients found.\n');
    const bad = runCli(['inventory', root, '--format', 'sarif']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be one of text, json/);
  });
});
