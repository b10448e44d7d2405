import { ruleTester } from '../../support/rule-tester';
import { nextApp } from '../../support/apps';

const adminModule = `import { createClient } from '@supabase/supabase-js';

export function createAdminClient() {
  return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
}
`;

const edgeFunction = `import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const { channelId } = await req.json();
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
  const { data } = await supabase.from('messages').select('*').eq('channel_id', channelId);
  return Response.json(data);
});
`;

ruleTester('code/service-role-unscoped-query', {
  valid: [
    {
      name: 'the admin client filtered on the signed-in user',
      files: nextApp({
        'lib/supabase/admin.ts': adminModule,
        'app/api/profile/route.ts': `import { createAdminClient } from '@/lib/supabase/admin';
import { createClient } from '@/lib/supabase/server';

export async function GET() {
  const { data: { user } } = await (await createClient()).auth.getUser();
  if (!user) return new Response('unauthorized', { status: 401 });
  const admin = createAdminClient();
  const { data } = await admin.from('profiles').select('*').eq('id', user.id).single();
  const { data: notes } = await admin.from('notes').select('*').eq('user_id', user.id);
  return Response.json({ data, notes });
}
`,
        'lib/supabase/server.ts': `import { createServerClient } from '@supabase/ssr';
export async function createClient() {
  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => [], setAll: () => {} } });
}
`,
      }),
    },
    {
      name: 'tenant filter, and an insert that sets the owner',
      files: nextApp({
        'lib/supabase/admin.ts': adminModule,
        'app/api/messages/route.ts': `import { createAdminClient } from '@/lib/supabase/admin';

export async function POST(request: Request) {
  const { workspaceId, body, userId } = await request.json();
  const admin = createAdminClient();
  let query = admin.from('channels').select('id');
  query = query.eq('workspace_id', workspaceId);
  await query;
  await admin.from('messages').insert({ body, user_id: userId });
  return new Response(null, { status: 201 });
}
`,
      }),
    },
    {
      name: 'user-scoped client in an Edge Function',
      files: {
        'supabase/functions/list/index.ts': edgeFunction.replace('SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_ANON_KEY'),
      },
    },
    {
      name: 'a service-role query outside any request handler (a seed script)',
      files: {
        'scripts/seed.ts': `import { createClient } from '@supabase/supabase-js';
const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
async function seed() {
  await admin.from('channels').insert([{ name: 'general' }, { name: 'random' }]);
}
seed();
`,
      },
    },
    {
      name: 'a scheduled Edge Function that first checks the caller presents CRON_SECRET',
      files: {
        'supabase/functions/purge/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';

const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
const CRON_SECRET = Deno.env.get('CRON_SECRET') ?? '';

Deno.serve(async (req) => {
  if (req.headers.get('Authorization') !== \`Bearer \${CRON_SECRET}\`) return new Response('Forbidden', { status: 403 });
  await admin.from('uploads').delete().lt('expires_at', new Date().toISOString());
  return new Response('ok');
});
`,
      },
    },
    {
      name: 'a Stripe webhook route that verifies the signature with the webhook secret',
      files: nextApp({
        'lib/supabase/admin.ts': adminModule,
        'app/api/stripe/webhook/route.ts': `import Stripe from 'stripe';
import { createAdminClient } from '@/lib/supabase/admin';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'customer.subscription.updated') {
    const subscription = event.data.object;
    await createAdminClient().from('subscriptions').upsert({ id: subscription.id, status: subscription.status });
  }
  return new Response(null, { status: 204 });
}
`,
      }),
    },
  ],
  invalid: [
    {
      name: 'Next.js getServerSideProps and a Nuxt server route read every row with the service key',
      files: {
        'pages/orders.tsx': `import type { GetServerSideProps } from 'next';
import { createClient } from '@supabase/supabase-js';

export const getServerSideProps: GetServerSideProps = async () => {
  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const { data } = await admin.from('orders').select('*');
  return { props: { orders: data } };
};
`,
        'server/api/notes.get.ts': `import { createClient } from '@supabase/supabase-js';

const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

export default defineEventHandler(async () => {
  const { data } = await admin.from('notes').select('*');
  return data;
});
`,
      },
      findings: [
        { file: 'pages/orders.tsx', line: 6, message: 'In getServerSideProps' },
        { file: 'server/api/notes.get.ts', line: 6, message: 'In the server route handler' },
      ],
    },
    {
      name: 'a secret used only for an outbound call, or compared after the query, is no check on the caller',
      files: {
        'supabase/functions/charge/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
  const stripeKey = Deno.env.get('STRIPE_SECRET_KEY');
  await fetch('https://api.stripe.com/v1/charges', { method: 'POST', headers: { Authorization: \`Bearer \${stripeKey}\` } });
  if (Deno.env.get('ENVIRONMENT') !== 'production') console.log('charged');
  if (stripeKey === undefined || typeof stripeKey !== 'string') throw new Error('STRIPE_SECRET_KEY is not set');
  const { data } = await admin.from('invoices').select('*');
  if (req.headers.get('x-token') !== Deno.env.get('ADMIN_TOKEN')) return new Response('Forbidden', { status: 403 });
  return Response.json(data);
});
`,
      },
      findings: [{ line: 9, message: 'reads invoices' }],
    },
    {
      name: 'Edge Function reading messages of any channel with the service key',
      files: { 'supabase/functions/list/index.ts': edgeFunction },
      findings: [
        {
          line: 6,
          column: 40,
          endColumn: 50,
          message: ['Edge Function handler', 'reads messages'],
          fix: {
            title: 'user-scoped',
            output: {
              'supabase/functions/list/index.ts': edgeFunction.replace(
                "Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!)",
                "Deno.env.get('SUPABASE_ANON_KEY')!, { global: { headers: { Authorization: req.headers.get('Authorization') ?? '' } } })",
              ),
            },
          },
        },
      ],
    },
    {
      name: 'route handler through an imported admin factory: delete by id only (IDOR)',
      files: nextApp({
        'lib/supabase/admin.ts': adminModule,
        'app/api/messages/[id]/route.ts': `import { createAdminClient } from '@/lib/supabase/admin';

export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const supabase = createAdminClient();
  await supabase.from('messages').delete().eq('id', id);
  return new Response(null, { status: 204 });
}
`,
      }),
      findings: [{ file: 'app/api/messages/[id]/route.ts', line: 6, message: ['route handler DELETE', 'deletes from messages'] }],
    },
    {
      name: 'server action and server component',
      files: nextApp({
        'lib/supabase/admin.ts': adminModule,
        'app/workspace/actions.ts': `'use server';
import { createAdminClient } from '@/lib/supabase/admin';

export async function exportConversations() {
  const admin = createAdminClient();
  return (await admin.from('conversations').select('*, chat_messages(*)')).data;
}
`,
        'app/workspace/page.tsx': `import { createAdminClient } from '@/lib/supabase/admin';

export default async function WorkspacePage() {
  const { data: members } = await createAdminClient().from('workspace_members').select('user_id, role');
  return <pre>{JSON.stringify(members)}</pre>;
}
`,
      }),
      findings: [
        { file: 'app/workspace/actions.ts', line: 6, message: 'server action exportConversations' },
        { file: 'app/workspace/page.tsx', line: 4, message: 'server component WorkspacePage' },
      ],
    },
    {
      name: 'Express handler of an API server',
      files: {
        'server/routes.ts': `import express from 'express';
import { createClient } from '@supabase/supabase-js';

const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
export const router = express.Router();

router.patch('/messages/:id', async (req, res) => {
  const { error } = await supabaseAdmin.from('messages').update({ body: req.body.body }).eq('id', req.params.id);
  res.status(error ? 400 : 204).end();
});
`,
      },
      findings: [
        {
          line: 8,
          message: 'router.patch handler',
          fix: {
            output: {
              'server/routes.ts': `import express from 'express';
import { createClient } from '@supabase/supabase-js';

const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, { global: { headers: { Authorization: 'Bearer <caller access token>' } } });
export const router = express.Router();

router.patch('/messages/:id', async (req, res) => {
  const { error } = await supabaseAdmin.from('messages').update({ body: req.body.body }).eq('id', req.params.id);
  res.status(error ? 400 : 204).end();
});
`,
            },
          },
        },
      ],
    },
    {
      name: 'CommonJS Express app: module.exports and require, both shapes',
      files: {
        'server/db.js': `const { createClient } = require('@supabase/supabase-js');

const supabaseAdmin = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);
module.exports = { supabaseAdmin };
`,
        'server/admin.cjs': `const { createClient } = require('@supabase/supabase-js');
module.exports = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_KEY);
`,
        'server/app.js': `const express = require('express');
const { supabaseAdmin } = require('./db');
const admin = require('./admin.cjs');

const app = express();
app.get('/api/messages', async (req, res) => {
  const { data } = await supabaseAdmin.from('messages').select('*');
  res.json(data);
});
app.delete('/api/channels/:id', async (req, res) => {
  await admin.from('channels').delete().eq('id', req.params.id);
  res.sendStatus(204);
});
module.exports = app;
`,
      },
      findings: [
        { file: 'server/app.js', line: 7, message: 'app.get handler' },
        { file: 'server/app.js', line: 11, message: 'deletes from channels' },
      ],
    },
    {
      name: 'pages router API route in src/, through the @/ alias to src/',
      files: {
        'package.json': '{ "dependencies": { "next": "14.2.0", "@supabase/supabase-js": "2.47.10" } }',
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }',
        'src/lib/supabaseAdmin.ts': `import { createClient } from '@supabase/supabase-js';
export default createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
`,
        'src/pages/api/workspaces/[id].ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import supabaseAdmin from '@/lib/supabaseAdmin';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { data } = await supabaseAdmin.from('workspaces').select('*, members(*)').eq('id', req.query.id);
  res.status(200).json(data);
}
`,
      },
      findings: [{ file: 'src/pages/api/workspaces/[id].ts', line: 5, message: 'the API route' }],
    },
    {
      name: 'Hono on Workers: the fix reads the anon key from the same bindings and the header from the context',
      files: { 'worker/src/index.ts': `import { Hono } from 'hono';
import { createClient } from '@supabase/supabase-js';

type Bindings = { SUPABASE_URL: string; SUPABASE_SERVICE_ROLE_KEY: string; SUPABASE_ANON_KEY: string };
const app = new Hono<{ Bindings: Bindings }>();

app.get('/channels/:id/messages', async (c) => {
  const supabase = createClient(c.env.SUPABASE_URL, c.env.SUPABASE_SERVICE_ROLE_KEY);
  const { data } = await supabase.from('messages').select('*').eq('channel_id', c.req.param('id'));
  return c.json(data);
});

export default app;
` },
      findings: [
        {
          line: 9,
          message: 'app.get handler',
          fix: {
            output: {
              'worker/src/index.ts': `import { Hono } from 'hono';
import { createClient } from '@supabase/supabase-js';

type Bindings = { SUPABASE_URL: string; SUPABASE_SERVICE_ROLE_KEY: string; SUPABASE_ANON_KEY: string };
const app = new Hono<{ Bindings: Bindings }>();

app.get('/channels/:id/messages', async (c) => {
  const supabase = createClient(c.env.SUPABASE_URL, c.env.SUPABASE_ANON_KEY, { global: { headers: { Authorization: c.req.header('Authorization') ?? '' } } });
  const { data } = await supabase.from('messages').select('*').eq('channel_id', c.req.param('id'));
  return c.json(data);
});

export default app;
`,
            },
          },
        },
      ],
    },
    {
      name: 'a query through client.schema()',
      files: {
        'supabase/functions/audit/index.ts': `import { createClient } from 'jsr:@supabase/supabase-js@2';
const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
Deno.serve(async () => Response.json((await admin.schema('private').from('audit_events').select('*')).data));
`,
      },
      findings: [{ line: 3, message: 'reads audit_events' }],
    },
  ],
});
