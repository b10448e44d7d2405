import { ruleTester } from '../../support/rule-tester';
import { nextApp } from '../../support/apps';

const adminModule = `import { createClient } from '@supabase/supabase-js';

export const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});
`;

ruleTester('code/service-role-auth-call', {
  valid: [
    {
      name: 'admin API on the service-role client, sign-in on the anon client',
      files: nextApp({
        'lib/admin.ts': adminModule,
        'app/api/invite/route.ts': `import { createClient } from '@supabase/supabase-js';
import { supabaseAdmin } from '@/lib/admin';

export async function POST(request: Request) {
  const { email, password } = await request.json();
  await supabaseAdmin.auth.admin.inviteUserByEmail(email);
  const anon = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
  const { data } = await anon.auth.signInWithPassword({ email, password });
  return Response.json(data);
}
`,
      }),
    },
  ],
  invalid: [
    {
      name: 'signInWithPassword and verifyOtp on the shared admin client',
      files: nextApp({
        'lib/admin.ts': adminModule,
        'app/api/login/route.ts': `import { supabaseAdmin } from '@/lib/admin';

export async function POST(request: Request) {
  const { email, password, token } = await request.json();
  const { data, error } = await supabaseAdmin.auth.signInWithPassword({ email, password });
  if (token) await supabaseAdmin.auth.verifyOtp({ email, token, type: 'email' });
  return Response.json({ data, error });
}
`,
      }),
      findings: [
        { file: 'app/api/login/route.ts', line: 5, column: 52, endColumn: 70, message: ['auth.signInWithPassword()', '`supabaseAdmin`'] },
        { file: 'app/api/login/route.ts', line: 6, message: 'auth.verifyOtp()' },
      ],
    },
    {
      name: 'setSession in an Edge Function with the service key',
      files: {
        'supabase/functions/impersonate/index.ts': `import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async (req) => {
  const { access_token, refresh_token } = await req.json();
  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
  await supabase.auth.setSession({ access_token, refresh_token });
  return new Response('ok');
});
`,
      },
      findings: [{ line: 6, message: 'auth.setSession()' }],
    },
  ],
});
