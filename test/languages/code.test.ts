import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../server/src/engine/config';
import { discoverFiles } from '../../server/src/engine/discovery';
import { registry } from '../../server/src/engine/registry';
import { lint } from '../../server/src/engine/runner';
import { scan } from '../../server/src/engine/scan';
import { SourceFile } from '../../server/src/engine/source-file';
import { codeLanguage } from '../../server/src/languages/code';
import { parseCodeFile } from '../../server/src/languages/code/parse';
import { writeProject } from '../support/project';
import { nextApp } from '../support/apps';

const sharedLib = `import { createClient } from '@supabase/supabase-js';
export const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
`;
const clientPage = `'use client';
import { supabase } from '@/lib/supabase';
export default function Page() { return <p>{String(supabase)}</p>; }
`;

async function findings(files: Record<string, string>) {
  const root = writeProject(files);
  return (await scan({ root })).findings.map((f) => ({ rule: f.ruleId, file: f.file.slice(root.length + 1), line: f.range.start.line + 1, message: f.message, severity: f.severity }));
}

describe('code language', () => {
  it('claims TypeScript and JavaScript sources but not declaration files', () => {
    const config = defaultConfig();
    for (const p of ['a.ts', 'b.tsx', 'c.js', 'd.jsx', 'e.mjs', 'f.cjs', 'supabase/functions/x/index.ts']) assert.ok(codeLanguage.claims(p, config), p);
    for (const p of ['types.d.ts', 'env.d.mts', 'README.md', 'a.json']) assert.ok(!codeLanguage.claims(p, config), p);
  });

  it('reports a syntax error as meta/parse-error (info) and still checks the rest of the file', async () => {
    const found = await findings({
      'app/api/broken/route.ts': `import { createClient } from '@supabase/supabase-js';
export async function GET() {
  const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const { data } = await admin.from('messages').select(;
  return Response.json(data);
}
`,
    });
    const parseError = found.find((f) => f.rule === 'meta/parse-error');
    assert.ok(parseError, JSON.stringify(found));
    assert.equal(parseError.severity, 'info');
    assert.match(parseError.message, /expected.*line 4/);
    assert.ok(found.some((f) => f.rule === 'code/service-role-client' && f.line === 3));
  });

  it('never crashes on hostile input: deep nesting, binary-looking text, an empty file', async () => {
    const found = await findings({
      'deep.ts': `${'('.repeat(5000)}1${')'.repeat(5000)};\n`,
      'weird.js': '\u0001\u0002 const = = = ;\n'.repeat(50),
      'empty.tsx': '',
    });
    assert.ok(found.every((f) => f.rule === 'meta/parse-error'), JSON.stringify(found));
  });

  it('says so when a file too deeply nested to parse is skipped whole', async () => {
    const found = await findings({ 'generated.ts': `export const v = ${'('.repeat(50_000)}1${')'.repeat(50_000)};
` });
    assert.deepEqual(found.map((f) => f.rule), ['meta/parse-error']);
    assert.match(found[0].message, /nested too deeply, so none of it is checked/);
  });

  it('a leading supaguard-ignore covers the whole next statement; comments inside strings do not count', async () => {
    const found = await findings(
      nextApp({
        'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';
const note = \`// supaguard-ignore code/service-role-client: inside a template, not a comment\`;
export const first = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, { auth: { persistSession: false, autoRefreshToken: false } });
// supaguard-ignore code/service-role-client: admin tasks of the nightly job
export const second = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.SUPABASE_SERVICE_ROLE_KEY!,
  { auth: { persistSession: false, autoRefreshToken: false } },
);
export const third = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, { auth: { persistSession: false, autoRefreshToken: false } }); // supaguard-ignore code/service-role-client: trailing justification
export { note };
`,
      }),
    );
    const lines = found.filter((f) => f.rule === 'code/service-role-client').map((f) => f.line);
    assert.deepEqual(lines, [3]);
    assert.ok(!found.some((f) => f.rule.startsWith('meta/')), JSON.stringify(found));
  });

  it('reads suppressions written as JSX comments', async () => {
    const found = await findings({
      'app/admin/page.tsx': `'use client';
import { supabase } from './client';
export default function Admin({ id }: { id: string }) {
  return (
    <div>
      {/* supaguard-ignore code/admin-api-in-browser: local-only admin console, never deployed */}
      <button onClick={() => supabase.auth.admin.deleteUser(id)}>Delete</button>
    </div>
  );
}
`,
      'app/admin/client.ts': "import { createBrowserClient } from '@supabase/ssr';\nexport const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);\n",
    });
    assert.deepEqual(found, []);
  });

  it('reuses the parse of unchanged files and reparses an edited one', () => {
    const a = new SourceFile('/p/a.ts', 'a.ts', 'export const a = 1;\n');
    const first = parseCodeFile(a);
    assert.equal(parseCodeFile(new SourceFile('/p/a.ts', 'a.ts', 'export const a = 1;\n')), first);
    const edited = parseCodeFile(new SourceFile('/p/a.ts', 'a.ts', 'export const a = 2;\n'));
    assert.notEqual(edited, first);
    assert.equal(edited.file.text, 'export const a = 2;\n');
  });

  it('a focused lint of one file still knows it is bundled for the browser through another file', async () => {
    const root = writeProject(nextApp({ 'lib/supabase.ts': sharedLib, 'app/page.tsx': clientPage, 'app/api/x/route.ts': 'export async function GET() { return new Response(); }\n' }));
    await registry.load();
    const config = defaultConfig();
    const { files } = discoverFiles(root, config);
    const focus = new Set([`${root}/lib/supabase.ts`]);
    const result = lint({ root, config, files, focus });
    assert.ok(result.findings.every((f) => focus.has(f.file)));
    assert.ok(result.findings.some((f) => f.ruleId === 'code/service-role-in-browser'), JSON.stringify(result.findings));
  });
});
