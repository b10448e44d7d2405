import { ruleTester } from '../../support/rule-tester';
import { SB_PUBLISHABLE_KEY, SB_SECRET_KEY, supabaseJwt } from '../../support/keys';

const serviceJwt = supabaseJwt('service_role');
const localServiceJwt = supabaseJwt('service_role', 'local', 'supabase-demo');

ruleTester('code/hardcoded-key', {
  valid: [
    {
      name: 'keys read from the environment',
      files: {
        'lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
`,
      },
    },
    {
      name: 'public keys: the anon JWT and a publishable key may ship',
      files: {
        'src/supabase.js': `import { createClient } from '@supabase/supabase-js';
export const supabase = createClient('https://abcdefghijklmnopqrst.supabase.co', '${supabaseJwt('anon')}');
export const next = createClient('https://abcdefghijklmnopqrst.supabase.co', '${SB_PUBLISHABLE_KEY}');
`,
      },
    },
    {
      name: "jwt.io's sample token in a unit test",
      files: {
        'tests/decode.test.ts': `import { decodeToken } from '../src/auth';
const sample = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
test('decodes the subject', () => expect(decodeToken(sample).sub).toBe('1234567890'));
`,
      },
    },
    {
      name: 'placeholders in docs and tests',
      files: {
        'scripts/setup.ts': `const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY ?? 'your-service-role-key';
const db = 'postgres://postgres:postgres@localhost:54322/postgres';
export { serviceKey, db };
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a key after a megabyte string of eyJ in a generated file (no regexp stack overflow)',
      files: {
        'public/vendor.js': `const blob = "${'eyJ'.repeat(2_000_000)}";\nconst key = "${serviceJwt}";\n`,
      },
      findings: [{ line: 2, column: 14, message: 'service-role key' }],
    },
    {
      name: 'a service-role JWT in a route handler, replaced by process.env',
      files: {
        'app/api/admin/route.ts': `import { createClient } from '@supabase/supabase-js';

const SUPABASE_SERVICE_ROLE_KEY = '${serviceJwt}';

export async function GET() {
  const admin = createClient('https://abcdefghijklmnopqrst.supabase.co', SUPABASE_SERVICE_ROLE_KEY);
  return Response.json(await admin.auth.admin.listUsers());
}
`,
      },
      findings: [
        {
          line: 3,
          column: 36,
          message: 'Supabase service-role key is hardcoded',
          fix: {
            title: 'process.env.SUPABASE_SERVICE_ROLE_KEY',
            output: {
              'app/api/admin/route.ts': `import { createClient } from '@supabase/supabase-js';

const SUPABASE_SERVICE_ROLE_KEY = process.env.SUPABASE_SERVICE_ROLE_KEY!;

export async function GET() {
  const admin = createClient('https://abcdefghijklmnopqrst.supabase.co', SUPABASE_SERVICE_ROLE_KEY);
  return Response.json(await admin.auth.admin.listUsers());
}
`,
            },
          },
        },
      ],
    },
    {
      name: 'an sb_secret_ key in an Edge Function, replaced by Deno.env.get',
      files: {
        'supabase/functions/cleanup/index.ts': `import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async () => {
  const admin = createClient(Deno.env.get('SUPABASE_URL')!, "${SB_SECRET_KEY}");
  await admin.from('sessions').delete().lt('expires_at', new Date().toISOString());
  return new Response('ok');
});
`,
      },
      findings: [
        {
          line: 4,
          message: 'Supabase secret key',
          fix: {
            output: {
              'supabase/functions/cleanup/index.ts': `import { createClient } from 'jsr:@supabase/supabase-js@2';

Deno.serve(async () => {
  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SECRET_KEY')!);
  await admin.from('sessions').delete().lt('expires_at', new Date().toISOString());
  return new Response('ok');
});
`,
            },
          },
        },
      ],
    },
    {
      name: 'an OpenAI key inside a header string, spliced into a template',
      files: {
        'lib/ai.js': `export async function summarize(text) {
  const res = await fetch('https://api.openai.com/v1/responses', {
    method: 'POST',
    headers: { Authorization: 'Bearer sk-proj-Abc123Def456Ghi789Jkl012Mno345', 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4.1-mini', input: text }),
  });
  return res.json();
}
`,
      },
      findings: [
        {
          line: 4,
          message: 'OpenAI API key',
          fix: {
            output: {
              'lib/ai.js': `export async function summarize(text) {
  const res = await fetch('https://api.openai.com/v1/responses', {
    method: 'POST',
    headers: { Authorization: \`Bearer \${process.env.OPENAI_API_KEY}\`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4.1-mini', input: text }),
  });
  return res.json();
}
`,
            },
          },
        },
      ],
    },
    {
      name: 'the local development service key is only a note',
      files: { 'tests/setup.ts': `export const localServiceKey = '${localServiceJwt}';\n` },
      findings: [{ line: 1, severity: 'info', message: 'local' }],
    },
    {
      name: 'a database URL with a password in a template literal',
      files: { 'drizzle.config.ts': 'export default { dbCredentials: { url: `postgresql://postgres.abcdefghijklmnopqrst:Sup3rS3cretPw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres` } };\n' },
      findings: [{ line: 1, message: 'database password' }],
    },
  ],
});
