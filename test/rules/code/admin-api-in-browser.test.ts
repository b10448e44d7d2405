import { ruleTester } from '../../support/rule-tester';
import { nextApp, vitePackage } from '../../support/apps';

ruleTester('code/admin-api-in-browser', {
  valid: [
    {
      name: 'auth.admin in a route handler',
      files: nextApp({
        'app/api/users/route.ts': `import { createClient } from '@supabase/supabase-js';
export async function GET() {
  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  return Response.json(await admin.auth.admin.listUsers());
}
`,
      }),
    },
    {
      name: "a 'use client' page that signs in (not the admin API)",
      files: nextApp({
        'app/login/page.tsx': `'use client';
import { createBrowserClient } from '@supabase/ssr';
const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
export default function Login() {
  return <button onClick={() => supabase.auth.signInWithOAuth({ provider: 'github' })}>Sign in</button>;
}
`,
      }),
    },
  ],
  invalid: [
    {
      name: "deleteUser from a 'use client' members page",
      files: nextApp({
        'app/members/page.tsx': `'use client';
import { supabase } from '@/lib/supabase';

export default function Members({ ids }: { ids: string[] }) {
  return ids.map((id) => <button key={id} onClick={() => supabase.auth.admin.deleteUser(id)}>Remove</button>);
}
`,
        'lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
`,
      }),
      findings: [{ file: 'app/members/page.tsx', line: 5, column: 67, endColumn: 88, message: 'auth.admin.deleteUser()' }],
    },
    {
      name: 'Vite recognised by its config file alone (no package.json)',
      files: {
        'vite.config.ts': `import { defineConfig } from 'vite';\nexport default defineConfig({});\n`,
        'src/admin.ts': `import { createClient } from '@supabase/supabase-js';
const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);
export const removeUser = (id: string) => supabase.auth.admin.deleteUser(id);
`,
      },
      findings: [{ file: 'src/admin.ts', line: 3 }],
    },
    {
      name: 'listUsers in Vite client code',
      files: {
        'package.json': vitePackage,
        'src/pages/Admin.tsx': `import { supabase } from '../supabase';
export async function loadUsers() {
  const { data } = await supabase.auth.admin.listUsers();
  return data.users;
}
`,
        'src/supabase.ts': `import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);
`,
      },
      findings: [{ file: 'src/pages/Admin.tsx', line: 3, message: 'single-page app' }],
    },
  ],
});
