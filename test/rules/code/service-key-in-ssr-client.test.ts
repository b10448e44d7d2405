import { ruleTester } from '../../support/rule-tester';
import { nextApp } from '../../support/apps';

const serverClient = (key: string) => `import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';

export async function createClient() {
  const cookieStore = await cookies();
  return createServerClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    ${key},
    {
      cookies: {
        getAll: () => cookieStore.getAll(),
        setAll: (list) => list.forEach(({ name, value, options }) => cookieStore.set(name, value, options)),
      },
    },
  );
}
`;

ruleTester('code/service-key-in-ssr-client', {
  valid: [
    { name: 'the anon key, as in the @supabase/ssr docs', files: nextApp({ 'utils/supabase/server.ts': serverClient('process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!') }) },
    { name: 'the publishable key', files: nextApp({ 'utils/supabase/server.ts': serverClient('process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY!') }) },
  ],
  invalid: [
    {
      name: 'the service-role key in a cookie-session client',
      files: nextApp({ 'utils/supabase/server.ts': serverClient('process.env.SUPABASE_SERVICE_ROLE_KEY!') }),
      findings: [{ file: 'utils/supabase/server.ts', line: 8, column: 5, message: 'process.env.SUPABASE_SERVICE_ROLE_KEY' }],
    },
    {
      name: 'the new secret key through a constant',
      files: nextApp({
        'utils/supabase/server.ts': serverClient('supabaseSecretKey').replace(
          "import { cookies } from 'next/headers';",
          "import { cookies } from 'next/headers';\n\nconst supabaseSecretKey = process.env.SUPABASE_SECRET_KEY!;",
        ),
      }),
      findings: [{ file: 'utils/supabase/server.ts', line: 10, message: 'process.env.SUPABASE_SECRET_KEY' }],
    },
  ],
});
