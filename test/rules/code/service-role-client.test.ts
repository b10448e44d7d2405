import * as assert from 'node:assert/strict';
import { ruleTester } from '../../support/rule-tester';
import { nextApp } from '../../support/apps';
import { supabaseJwt } from '../../support/keys';
import { typeCheck } from '../../support/typecheck';

const routeHandler = `import { createClient } from '@supabase/supabase-js';
import { NextResponse } from 'next/server';

export async function GET(request: Request) {
  const supabase = createClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.SUPABASE_SERVICE_ROLE_KEY!,
  );
  const { data, error } = await supabase.from('channels').select('id, name').eq('workspace_id', 'w1');
  if (error) return NextResponse.json({ error: error.message }, { status: 500 });
  return NextResponse.json(data);
}
`;
const routeHandlerFixed = `import { createClient } from '@supabase/supabase-js';
import { NextResponse } from 'next/server';

export async function GET(request: Request) {
  const supabase = createClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { global: { headers: { Authorization: request.headers.get('Authorization') ?? '' } } },
  );
  const { data, error } = await supabase.from('channels').select('id, name').eq('workspace_id', 'w1');
  if (error) return NextResponse.json({ error: error.message }, { status: 500 });
  return NextResponse.json(data);
}
`;

const edgeFunction = `import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const authHeader = req.headers.get('Authorization');
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!, {
    auth: { persistSession: false },
  });
  const { data } = await supabase.from('messages').select('*').eq('channel_id', 42);
  return new Response(JSON.stringify({ data, authHeader }), { headers: { 'Content-Type': 'application/json' } });
});
`;
const edgeFunctionFixed = `import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const authHeader = req.headers.get('Authorization');
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!, {
    global: { headers: { Authorization: authHeader ?? '' } },
    auth: { persistSession: false },
  });
  const { data } = await supabase.from('messages').select('*').eq('channel_id', 42);
  return new Response(JSON.stringify({ data, authHeader }), { headers: { 'Content-Type': 'application/json' } });
});
`;

const serverAction = `'use server';

import { createClient } from '@supabase/supabase-js';

const serviceRoleKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;

export async function renameChannel(channelId: string, name: string) {
  const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, serviceRoleKey);
  await supabase.from('channels').update({ name }).eq('id', channelId);
}
`;
const serverActionFixed = `'use server';

import { createClient } from '@supabase/supabase-js';
import { headers } from 'next/headers';

export async function renameChannel(channelId: string, name: string) {
  const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { global: { headers: { Authorization: (await headers()).get('Authorization') ?? '' } } });
  await supabase.from('channels').update({ name }).eq('id', channelId);
}
`;

const sharedAdmin = `import { createClient } from '@supabase/supabase-js';

export const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
`;
const sharedAdminFixed = `import { createClient } from '@supabase/supabase-js';

export const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { global: { headers: { Authorization: 'Bearer <caller access token>' } } });
`;

ruleTester('code/service-role-client', {
  valid: [
    {
      name: 'Next.js server client with the anon key and cookies (the @supabase/ssr recipe)',
      files: nextApp({
        'utils/supabase/server.ts': `import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';

export async function createClient() {
  const cookieStore = await cookies();
  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    cookies: { getAll: () => cookieStore.getAll(), setAll: () => {} },
  });
}
`,
        'app/channels/page.tsx': `import { createClient } from '@/utils/supabase/server';

export default async function Channels() {
  const supabase = await createClient();
  const { data } = await supabase.from('channels').select('*');
  return <ul>{data?.map((c) => <li key={c.id}>{c.name}</li>)}</ul>;
}
`,
      }),
    },
    {
      name: 'Edge Function with the anon key and the caller header',
      files: {
        'supabase/functions/list-messages/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!, {
    global: { headers: { Authorization: req.headers.get('Authorization')! } },
  });
  const { data } = await supabase.from('messages').select('*');
  return Response.json(data);
});
`,
      },
    },
    {
      name: 'a justified service-role client (cron job that purges old rows)',
      files: nextApp({
        'app/api/cron/purge/route.ts': `import { createClient } from '@supabase/supabase-js';

export async function POST() {
  // supaguard-ignore code/service-role-client: the nightly purge must see every workspace; the route checks CRON_SECRET
  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  await admin.from('messages').delete().lt('created_at', new Date(Date.now() - 90 * 864e5).toISOString());
  return new Response(null, { status: 204 });
}
`,
      }),
    },
    {
      name: 'a local factory named createClient is not supabase-js',
      files: nextApp({
        'lib/analytics.ts': `export function createClient(endpoint: string, serviceKey: string) {
  return { endpoint, serviceKey };
}
`,
        'app/api/track/route.ts': `import { createClient } from '@/lib/analytics';

export async function POST() {
  createClient('https://events.example.com', process.env.ANALYTICS_WRITE_TOKEN!);
  return new Response(null, { status: 204 });
}
`,
      }),
    },
  ],
  invalid: [
    {
      name: 'route handler: refactored to the anon key and the request header',
      files: nextApp({ 'app/api/channels/route.ts': routeHandler }),
      findings: [
        {
          file: 'app/api/channels/route.ts',
          line: 7,
          column: 5,
          message: ['`supabase`', 'process.env.SUPABASE_SERVICE_ROLE_KEY'],
          fix: { title: 'user-scoped', safe: false, output: { 'app/api/channels/route.ts': routeHandlerFixed } },
        },
      ],
    },
    {
      name: 'Edge Function: reuses the Authorization variable and the built-in SUPABASE_ANON_KEY',
      files: { 'supabase/functions/list-messages/index.ts': edgeFunction },
      findings: [
        {
          line: 5,
          message: "Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')",
          fix: { title: 'Authorization header', output: { 'supabase/functions/list-messages/index.ts': edgeFunctionFixed } },
        },
      ],
    },
    {
      name: 'server action: the key variable goes, the bearer comes from headers()',
      files: nextApp({ 'app/channels/actions.ts': serverAction }),
      findings: [{ file: 'app/channels/actions.ts', line: 8, fix: { output: { 'app/channels/actions.ts': serverActionFixed } } }],
    },
    {
      name: 'module-level admin client: no request in scope, a placeholder the title mentions',
      files: nextApp({ 'lib/supabase-admin.ts': sharedAdmin }),
      findings: [
        {
          file: 'lib/supabase-admin.ts',
          line: 3,
          fix: { title: 'placeholder', output: { 'lib/supabase-admin.ts': sharedAdminFixed } },
        },
      ],
    },
    {
      name: "the anon variable comes from the project's .env file when no code reads one",
      files: nextApp(
        { 'app/api/export/route.ts': routeHandler },
        'NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\nNEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=\nSUPABASE_SERVICE_ROLE_KEY=\n',
      ),
      findings: [
        {
          file: 'app/api/export/route.ts',
          line: 7,
          fix: {
            title: 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
            output: { 'app/api/export/route.ts': routeHandlerFixed.replace('NEXT_PUBLIC_SUPABASE_ANON_KEY', 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY') },
          },
        },
      ],
    },
    {
      name: 'a hardcoded service-role JWT as the key',
      files: {
        'scripts/seed.mjs': `import { createClient } from '@supabase/supabase-js';

const supabase = createClient('https://abcdefghijklmnopqrst.supabase.co', '${supabaseJwt('service_role')}');
await supabase.from('channels').insert({ name: 'general' });
`,
      },
      findings: [{ line: 3, message: 'a hardcoded Supabase service-role key' }],
    },
    {
      name: 'the key from a typed config object in another module, camelCase',
      files: nextApp({
        'lib/env.ts': `export const serverEnv = {
  supabaseUrl: process.env.NEXT_PUBLIC_SUPABASE_URL!,
  serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY!,
};
`,
        'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';
import { serverEnv } from './env';

export function createAdminClient() {
  return createClient(serverEnv.supabaseUrl, serverEnv.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}
`,
      }),
      findings: [{ file: 'lib/admin.ts', line: 5, message: ['client that createAdminClient() returns', 'process.env.SUPABASE_SERVICE_ROLE_KEY'] }],
    },
  ],
});

describe('code/service-role-client refactor output', () => {
  for (const [name, files] of [
    ['route handler', { 'app/api/channels/route.ts': routeHandlerFixed }],
    ['Edge Function', { 'supabase/functions/list-messages/index.ts': edgeFunctionFixed }],
    ['server action', { 'app/channels/actions.ts': serverActionFixed }],
    ['module-level client with a placeholder', { 'lib/supabase-admin.ts': sharedAdminFixed }],
  ] as const) {
    it(`type-checks: ${name}`, () => {
      assert.deepEqual(typeCheck(files), []);
    });
  }
  it('the type check catches a broken refactor', () => {
    assert.notDeepEqual(typeCheck({ 'a.ts': routeHandlerFixed.replace("?? ''", '') }), []);
  });
});
