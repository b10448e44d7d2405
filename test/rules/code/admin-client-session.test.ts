import { ruleTester } from '../../support/rule-tester';

ruleTester('code/admin-client-session', {
  valid: [
    {
      name: 'session handling off',
      files: {
        'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';
export const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});
`,
      },
    },
    {
      name: 'an anon client keeps its session',
      files: { 'lib/client.ts': `import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);\n` },
    },
  ],
  invalid: [
    {
      name: 'no options at all',
      files: { 'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';\nexport const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n` },
      findings: [
        {
          line: 2,
          column: 22,
          endColumn: 34,
          severity: 'info',
          fix: {
            safe: true,
            output: {
              'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';\nexport const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, { auth: { persistSession: false, autoRefreshToken: false } });\n`,
            },
          },
        },
      ],
    },
    {
      name: 'options without auth, one property per line',
      files: {
        'supabase/functions/_shared/admin.ts': `import { createClient } from 'jsr:@supabase/supabase-js@2';

export const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!, {
  db: { schema: 'public' },
});
`,
      },
      findings: [
        {
          line: 3,
          fix: {
            output: {
              'supabase/functions/_shared/admin.ts': `import { createClient } from 'jsr:@supabase/supabase-js@2';

export const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!, {
  auth: { persistSession: false, autoRefreshToken: false },
  db: { schema: 'public' },
});
`,
            },
          },
        },
      ],
    },
    {
      name: 'persistSession on, autoRefreshToken missing',
      files: {
        'server/admin.js': `const { createClient } = require('@supabase/supabase-js');
module.exports = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_KEY, { auth: { persistSession: true } });
`,
      },
      findings: [
        {
          line: 2,
          fix: {
            output: {
              'server/admin.js': `const { createClient } = require('@supabase/supabase-js');
module.exports = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_KEY, { auth: { autoRefreshToken: false, persistSession: false } });
`,
            },
          },
        },
      ],
    },
  ],
});
