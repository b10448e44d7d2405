import { ruleTester } from '../../support/rule-tester';
import { SB_SECRET_KEY, supabaseJwt } from '../../support/keys';

ruleTester('env/public-secret', {
  valid: [
    {
      name: 'public URL and anon key, server-only service key',
      files: {
        '.env.local': `NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co
NEXT_PUBLIC_SUPABASE_ANON_KEY=${supabaseJwt('anon')}
SUPABASE_SERVICE_ROLE_KEY=${supabaseJwt('service_role')}
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_51HxYzAbCdEfGhIjKlMn
NEXT_PUBLIC_PASSWORD_MIN_LENGTH=12
`,
      },
    },
    {
      name: 'code reading public and server variables correctly',
      files: {
        'src/lib/supabase.ts': `export const url = import.meta.env.VITE_SUPABASE_URL;
export const anon = import.meta.env.VITE_SUPABASE_ANON_KEY;
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a NEXT_PUBLIC_ service-role key in .env, with export and quotes',
      files: {
        '.env': `# Supabase
NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co
export NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY="${supabaseJwt('service_role')}"
`,
      },
      findings: [{ line: 3, column: 8, endColumn: 45, message: ['NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY', 'service-role key'] }],
    },
    {
      name: 'a VITE_ variable holding a secret key under an innocent name',
      files: { '.env.production': `VITE_SUPABASE_KEY='${SB_SECRET_KEY}'\n` },
      findings: [{ line: 1, message: 'holds a Supabase secret key' }],
    },
    {
      name: 'the name alone, even in a template with a placeholder',
      files: { '.env.example': 'EXPO_PUBLIC_SUPABASE_SECRET_KEY=your-secret-key\n' },
      findings: [{ line: 1, message: 'names a secret' }],
    },
    {
      name: 'in code: process.env.NEXT_PUBLIC_…SERVICE_ROLE… and import.meta.env.VITE_…SECRET…',
      files: {
        'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';
export const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY!);
export const stripeSecret = import.meta.env.VITE_STRIPE_SECRET_KEY;
`,
      },
      findings: [
        { line: 2, column: 86, endColumn: 123, message: 'NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY' },
        { line: 3, message: 'VITE_STRIPE_SECRET_KEY' },
      ],
    },
  ],
});
