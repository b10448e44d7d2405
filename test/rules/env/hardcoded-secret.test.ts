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
      name: 'variable references',
      files: { '.env': 'SUPABASE_SERVICE_ROLE_KEY=${SUPABASE_SECRET}\nAPI_KEY=\n' },
    },
  ],
  invalid: [
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
