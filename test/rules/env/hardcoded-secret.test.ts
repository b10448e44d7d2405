import { ruleTester } from '../../support/rule-tester';
import { SUPABASE_ACCESS_TOKEN, supabaseJwt } from '../../support/keys';

const serviceJwt = supabaseJwt('service_role');

ruleTester('env/hardcoded-secret', {
  valid: [
    {
      name: 'a template with placeholders and the local CLI keys',
      files: {
        '.env.example': `SUPABASE_URL=http://127.0.0.1:54321
SUPABASE_ANON_KEY=${supabaseJwt('anon', 'local', 'supabase-demo')}
SUPABASE_SERVICE_ROLE_KEY=${supabaseJwt('service_role', 'local', 'supabase-demo')}
OPENAI_API_KEY=sk-your-key-here
DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:54322/postgres
STRIPE_SECRET_KEY=<your stripe key>
`,
      },
    },
    {
      name: 'a real key in a git-ignored .env.local',
      files: { '.gitignore': 'node_modules\n.env*.local\n', '.env.local': `SUPABASE_SERVICE_ROLE_KEY=${serviceJwt}\n` },
    },
    {
      name: 'sample values under credential names in a template, and a typed local JWT secret',
      files: {
        '.env.example': 'RESEND_API_KEY=re_123456789abcdefghijk\nCRON_SECRET=0123456789abcdef0123456789abcdef\n',
        '.env': 'JWT_SECRET=super-secret-jwt-token-with-at-least-32-characters-long\nLOG_LEVEL=debug\n',
      },
    },
    {
      name: 'variable references',
      files: { '.env': 'SUPABASE_SERVICE_ROLE_KEY=${SUPABASE_SECRET}\nAPI_KEY=\n' },
    },
  ],
  invalid: [
    {
      name: 'a key after a megabyte-long value (no regexp stack overflow)',
      files: { '.env': `CACHE_TOKEN=${'eyJ'.repeat(3_000_000)}\nSUPABASE_SERVICE_ROLE_KEY=${serviceJwt}\n` },
      findings: [{ line: 2, message: 'service-role key' }],
    },
    {
      name: 'a prefix-less vendor key in a committed .env, known by its credential name',
      files: { 'supabase/functions/.env': 'RESEND_API_KEY=re_7Km2Pq9Xt4Lw8Vz3Nb6Rc1Fh5Dj0\nRESEND_FROM=hello@example.com\n' },
      findings: [{ file: 'supabase/functions/.env', line: 1, column: 16, message: ['RESEND_API_KEY holds a credential'] }],
    },
    {
      name: 'a service-role key in a committed .env',
      files: { '.env': `SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\nSUPABASE_SERVICE_ROLE_KEY="${serviceJwt}" # prod\n` },
      findings: [{ line: 2, column: 28, endColumn: 28 + serviceJwt.length, message: ['SUPABASE_SERVICE_ROLE_KEY', 'git does not ignore'] }],
    },
    {
      name: 'an access token in a real value of .env.example, and a database password',
      files: {
        '.gitignore': '.env\n',
        '.env': `SUPABASE_ACCESS_TOKEN=${SUPABASE_ACCESS_TOKEN}\n`,
        'apps/web/.env.example': `SUPABASE_ACCESS_TOKEN=${SUPABASE_ACCESS_TOKEN}\nexport DATABASE_URL=postgres://postgres.abcdefghijklmnopqrst:Xy7pQ2mNw9Lk@aws-0-us-east-1.pooler.supabase.com:5432/postgres\n`,
      },
      findings: [
        { file: 'apps/web/.env.example', line: 1, message: 'Supabase access token' },
        { file: 'apps/web/.env.example', line: 2, message: 'database password' },
      ],
    },
  ],
});
