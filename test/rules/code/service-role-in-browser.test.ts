import { ruleTester } from '../../support/rule-tester';
import { expoPackage, nextApp, svelteKitPackage, vitePackage } from '../../support/apps';
import { SB_SECRET_KEY } from '../../support/keys';

const sharedLib = `import { createClient } from '@supabase/supabase-js';

export const supabase = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.SUPABASE_SERVICE_ROLE_KEY!,
);
`;
const chatPage = `'use client';

import { useEffect, useState } from 'react';
import { supabase } from '@/lib/supabase';

export default function ChatPage() {
  const [messages, setMessages] = useState<{ id: number; body: string }[]>([]);
  useEffect(() => {
    supabase.from('messages').select('id, body').then(({ data }) => setMessages(data ?? []));
  }, []);
  return <ul>{messages.map((m) => <li key={m.id}>{m.body}</li>)}</ul>;
}
`;

ruleTester('code/service-role-in-browser', {
  valid: [
    {
      name: 'the same shared module imported only by a route handler stays on the server',
      files: nextApp({
        'lib/supabase.ts': sharedLib,
        'app/api/messages/route.ts': `import { supabase } from '@/lib/supabase';

export async function GET() {
  const { data } = await supabase.from('messages').select('*');
  return Response.json(data);
}
`,
      }),
    },
    {
      name: "a 'use client' page with the browser client and the anon key",
      files: nextApp({
        'lib/supabase/client.ts': `import { createBrowserClient } from '@supabase/ssr';

export function createClient() {
  return createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
}
`,
        'lib/supabase/admin.ts': `import 'server-only';
import { createClient } from '@supabase/supabase-js';

export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
`,
        'app/chat/page.tsx': `'use client';
import { createClient } from '@/lib/supabase/client';

export default function Chat() {
  const supabase = createClient();
  return <button onClick={() => supabase.from('messages').insert({ body: 'hi' })}>Send</button>;
}
`,
      }),
    },
    {
      name: "a 'use client' form calling a server action that uses the service key",
      files: nextApp({
        'app/admin/actions.ts': `'use server';
import { createClient } from '@supabase/supabase-js';

export async function archiveChannel(id: string) {
  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  await admin.from('channels').update({ archived: true }).eq('id', id);
}
`,
        'app/admin/archive-button.tsx': `'use client';
import { archiveChannel } from './actions';

export function ArchiveButton({ id }: { id: string }) {
  return <button onClick={() => archiveChannel(id)}>Archive</button>;
}
`,
      }),
    },
    {
      name: "a 'use client' component importing only types from the admin module",
      files: nextApp({
        'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';
export type Channel = { id: string; name: string };
export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
`,
        'components/channel-list.tsx': `'use client';
import { type Channel } from '@/lib/admin';
import type { Channel as Alias } from '@/lib/admin';

export function ChannelList({ channels }: { channels: (Channel | Alias)[] }) {
  return <ul>{channels.map((c) => <li key={c.id}>{c.name}</li>)}</ul>;
}
`,
      }),
    },
    {
      name: 'Vite server code outside src/ may read the service key',
      files: {
        'package.json': vitePackage,
        'server/admin.ts': `import { createClient } from '@supabase/supabase-js';
export const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
`,
        'src/main.tsx': `import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);
`,
      },
    },
  ],
  invalid: [
    {
      name: "shared lib/supabase.ts imported from both sides: a route handler and a 'use client' page (via the @/ alias)",
      files: nextApp({
        'lib/supabase.ts': sharedLib,
        'app/chat/page.tsx': chatPage,
        'app/api/messages/route.ts': `import { supabase } from '@/lib/supabase';
export async function GET() {
  return Response.json((await supabase.from('messages').select('*')).data);
}
`,
      }),
      findings: [
        {
          file: 'lib/supabase.ts',
          line: 5,
          column: 3,
          endColumn: 40,
          message: ['process.env.SUPABASE_SERVICE_ROLE_KEY', 'app/chat/page.tsx'],
          related: ['app/chat/page.tsx'],
          fix: {
            title: 'NEXT_PUBLIC_SUPABASE_ANON_KEY',
            output: { 'lib/supabase.ts': sharedLib.replace('SUPABASE_SERVICE_ROLE_KEY', 'NEXT_PUBLIC_SUPABASE_ANON_KEY') },
          },
        },
      ],
    },
    {
      name: "the @/ alias with no tsconfig in the scan (src/ layout) still links a 'use client' page to its import",
      files: {
        'package.json': JSON.stringify({ name: 'chat', dependencies: { next: '14.2.15', '@supabase/supabase-js': '2.45.4' } }),
        'src/lib/supabase.ts': sharedLib,
        'src/app/chat/page.tsx': chatPage,
      },
      findings: [{ file: 'src/lib/supabase.ts', line: 5, related: ['src/app/chat/page.tsx'] }],
    },
    {
      name: "two imports deep through a relative path, a 'use client' component",
      files: nextApp({
        'components/chat/composer.tsx': `'use client';
import { sendMessage } from '../../lib/messages';
export function Composer() {
  return <form action={(data) => sendMessage(String(data.get('body')))} />;
}
`,
        'lib/messages.ts': `import { admin } from './db';
export async function sendMessage(body: string) {
  await admin.from('messages').insert({ body });
}
`,
        'lib/db.ts': `import { createClient } from '@supabase/supabase-js';
const { SUPABASE_SERVICE_ROLE_KEY } = process.env;
export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, SUPABASE_SERVICE_ROLE_KEY!);
`,
      }),
      findings: [{ file: 'lib/db.ts', line: 2, related: ['lib/messages.ts', 'components/chat/composer.tsx'] }],
    },
    {
      name: 'monorepo: a client component imports a workspace package by name',
      files: {
        'package.json': '{ "name": "acme", "private": true, "workspaces": ["apps/*", "packages/*"] }',
        'apps/web/package.json': '{ "name": "@acme/web", "dependencies": { "next": "15.1.0", "@acme/supabase": "workspace:*" } }',
        'apps/web/app/inbox/inbox.tsx': `'use client';
import { supabase } from '@acme/supabase';
export function Inbox() {
  return <button onClick={() => supabase.from('messages').select('*')}>Refresh</button>;
}
`,
        'packages/supabase/package.json': '{ "name": "@acme/supabase", "main": "./dist/index.js", "types": "./src/index.ts" }',
        'packages/supabase/src/index.ts': `export { supabase } from './client';
`,
        'packages/supabase/src/client.ts': `import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SECRET_KEY!);
`,
      },
      findings: [{ file: 'packages/supabase/src/client.ts', line: 2, related: ['packages/supabase/src/index.ts', 'apps/web/app/inbox/inbox.tsx'] }],
    },
    {
      name: 'Vite SPA reading a VITE_ service key',
      files: {
        'package.json': vitePackage,
        '.env': 'VITE_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\nVITE_SUPABASE_ANON_KEY=\n',
        'src/lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';

export const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY);
`,
      },
      findings: [
        {
          file: 'src/lib/supabase.ts',
          line: 3,
          message: 'single-page app',
          fix: {
            output: {
              'src/lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';

export const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);
`,
            },
          },
        },
      ],
    },
    {
      name: 'Expo app with a hardcoded secret key',
      files: {
        'package.json': expoPackage,
        'lib/supabase.ts': `import 'react-native-url-polyfill/auto';
import { createClient } from '@supabase/supabase-js';

export const supabase = createClient('https://abcdefghijklmnopqrst.supabase.co', '${SB_SECRET_KEY}');
`,
      },
      findings: [{ file: 'lib/supabase.ts', line: 4, message: ['Expo', 'Supabase secret key'] }],
    },
    {
      name: 'SvelteKit universal load module',
      files: {
        'package.json': svelteKitPackage,
        'src/routes/+page.ts': `import { createClient } from '@supabase/supabase-js';
import { PUBLIC_SUPABASE_URL } from '$env/static/public';

export async function load() {
  const supabase = createClient(PUBLIC_SUPABASE_URL, import.meta.env.VITE_SUPABASE_SECRET_KEY);
  return { channels: (await supabase.from('channels').select('*')).data };
}
`,
      },
      findings: [{ file: 'src/routes/+page.ts', line: 5, message: 'SvelteKit' }],
    },
  ],
});
