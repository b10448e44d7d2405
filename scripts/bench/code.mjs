// Code language benchmark: a generated 5,000-file TypeScript project (Next.js layout, `@/` alias, Supabase clients),
// scanned whole, then one file edited and re-linted alone (the editor's per-file work, with cached parses and graph).
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { scan } = require('../../server/out/engine/scan.js');
const { lint } = require('../../server/out/engine/runner.js');
const { SourceFile } = require('../../server/out/engine/source-file.js');

const FILES = Number(process.env.BENCH_FILES ?? 5000);
const PER_FOLDER = 100;
const root = mkdtempSync(join(tmpdir(), 'supaguard-bench-code-'));

function moduleText(i) {
  const folder = Math.floor(i / PER_FOLDER);
  const clientComponent = i % 10 === 0;
  const imports = [
    i > 0 ? `import { helper${i - 1} } from '${i % PER_FOLDER === 0 ? `@/app/f${folder - 1}/m${i - 1}` : `./m${i - 1}`}';` : '',
    `import { createClient } from '@supabase/supabase-js';`,
  ].filter(Boolean);
  const key = i % 7 === 0 ? 'SUPABASE_SERVICE_ROLE_KEY' : 'NEXT_PUBLIC_SUPABASE_ANON_KEY';
  return `${clientComponent ? "'use client';\n" : ''}${imports.join('\n')}

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.${key}!);

export async function helper${i}(workspaceId: string) {
  const { data } = await supabase.from('messages_${i % 13}').select('id, body').eq('workspace_id', workspaceId);
  return (data ?? []).map((row: { id: number; body: string }) => ({ ...row, index: ${i} }));
}

export function format${i}(items: { body: string }[]): string {
  return items.map((item) => item.body.trim()).filter(Boolean).join('\\n');
}
`;
}

mkdirSync(root, { recursive: true });
writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { next: '15.1.0', '@supabase/supabase-js': '2.47.10' } }));
writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }));
writeFileSync(join(root, '.env.local'), 'NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=\n');
for (let i = 0; i < FILES; i++) {
  const dir = join(root, 'app', `f${Math.floor(i / PER_FOLDER)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `m${i}.ts`), moduleText(i));
}

const time = (fn) => {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
};

const startScan = performance.now();
const result = await scan({ root });
const scanMs = performance.now() - startScan;
console.log(`whole scan: ${result.files.length} files, ${result.findings.length} findings in ${scanMs.toFixed(0)} ms`);

// Edit one file in the middle of the import chain, then lint only it, with every file as context.
const target = result.files.find((f) => f.relativePath === `app/f${Math.floor(FILES / 2 / PER_FOLDER)}/m${Math.floor(FILES / 2 / PER_FOLDER) * PER_FOLDER + 50}.ts`);
const edited = new SourceFile(target.path, target.relativePath, `${target.text}\nexport const edited = true;\n`);
const files = result.files.map((f) => (f === target ? edited : f));
const runs = [];
for (let run = 0; run < 5; run++) {
  const [out, ms] = time(() => lint({ root: result.root, config: result.config, files, focus: new Set([target.path]) }));
  runs.push(ms);
  if (run === 0) console.log(`single-file re-lint (first, after the edit): ${ms.toFixed(1)} ms, ${out.findings.length} findings`);
}
runs.sort((a, b) => a - b);
console.log(`single-file re-lint (median of 5): ${runs[2].toFixed(1)} ms`);
rmSync(root, { recursive: true, force: true });
