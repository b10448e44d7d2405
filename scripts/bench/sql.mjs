// SQL analysis speed: whole-folder throughput on a generated 500-migration history, and the re-lint time of
// one open 2,000-line migration as the editor sees it (only that file changes between runs).
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { scan } = require('../../server/out/engine/scan.js');
const { lint } = require('../../server/out/engine/runner.js');
const { SourceFile } = require('../../server/out/engine/source-file.js');

// `owner` is how the update policy names the user: the open migration is written the per-row way, so it
// has findings (names located, fixes built) as a real file being edited does.
function migration(i, owner = '(select auth.uid())') {
  const t = `items_${i}`;
  return `-- migration ${i}: ${t}
create table public.${t} (
  id bigint generated always as identity primary key,
  workspace_id uuid not null,
  user_id uuid not null references auth.users (id),
  title text not null,
  created_at timestamptz not null default now()
);
alter table public.${t} enable row level security;
create index ${t}_workspace_idx on public.${t} (workspace_id);
create policy "members read ${t}" on public.${t} for select to authenticated
  using (workspace_id in (select workspace_id from public.workspace_members where user_id = (select auth.uid())));
create policy "owners write ${t}" on public.${t} for update to authenticated
  using (${owner} = user_id) with check (${owner} = user_id);
create or replace function public.touch_${t}() returns trigger language plpgsql set search_path = '' as $$
begin
  new.created_at := now();
  return new;
end;
$$;
create trigger touch_${t} before update on public.${t} for each row execute function public.touch_${t}();
`;
}

function bigMigration(lines) {
  let out = '';
  let i = 0;
  while (out.split('\n').length < lines) out += migration(`big_${i++}`, 'auth.uid()');
  return out;
}

const root = mkdtempSync(join(tmpdir(), 'supaguard-bench-sql-'));
const dir = join(root, 'supabase', 'migrations');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, '20240101000000_members.sql'), 'create table public.workspace_members (workspace_id uuid, user_id uuid);\nalter table public.workspace_members enable row level security;\n');
for (let i = 0; i < 500; i++) writeFileSync(join(dir, `2024${String(i).padStart(10, '0')}_m${i}.sql`), migration(i));
const openName = '20991231000000_open.sql';
const openText = bigMigration(2000);
writeFileSync(join(dir, openName), openText);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let started = performance.now();
const cold = await scan({ root });
const coldMs = performance.now() - started;
started = performance.now();
await scan({ root });
const warmMs = performance.now() - started;
const files = cold.filesByLanguage.sql;
console.log(`history: ${files} migrations, ${cold.findings.length} findings (in the open migration: ${cold.findings.filter((f) => f.file.endsWith(openName)).length})`);
console.log(`whole-folder scan, cold (every file parsed): ${coldMs.toFixed(0)} ms (${(files / (coldMs / 1000)).toFixed(0)} files/s)`);
console.log(`whole-folder scan, warm (texts unchanged):   ${warmMs.toFixed(0)} ms`);

// The editor's per-keystroke work: the open file's text changes, the other 500 files are the same objects.
const others = cold.files.filter((f) => !f.path.endsWith(openName));
const openPath = cold.files.find((f) => f.path.endsWith(openName)).path;
const timings = [];
// The first edits warm the JIT up, as the first keystrokes of an editing session do; they are not counted.
for (let i = -5; i < 15; i++) {
  const edited = new SourceFile(openPath, `supabase/migrations/${openName}`, `${openText}-- edit ${i}\n`);
  started = performance.now();
  lint({ root: cold.root, config: cold.config, files: [...others, edited], focus: new Set([openPath]) });
  if (i >= 0) timings.push(performance.now() - started);
}
console.log(`re-lint of the open ${openText.split('\n').length}-line migration after an edit: median ${median(timings).toFixed(1)} ms (min ${Math.min(...timings).toFixed(1)} ms)`);
rmSync(root, { recursive: true, force: true });
