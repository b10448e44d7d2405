// Verified mode: cold verification of a project, and warm re-checks after editing its last migration.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = (p) => require(path.join(repo, 'server', 'out', p));
const { registry } = out('engine/registry.js');
const { defaultConfig } = out('engine/config.js');
const { discoverFiles } = out('engine/discovery.js');
const { groupProjects, sqlUnitOf } = out('languages/sql/index.js');
const { replayProjectOf } = out('verify/from-unit.js');
const { verifyProject } = out('verify/verify.js');
const { WarmProjectVerifier } = out('verify/warm.js');
const { openStandinDatabase } = out('verify/database.js');

const fixtures = path.join(repo, 'test', 'verify', 'fixtures');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'supaguard-bench-verify-'));
const migrations = path.join(root, 'supabase', 'migrations');
fs.mkdirSync(migrations, { recursive: true });
fs.copyFileSync(path.join(fixtures, 'workspaces.sql'), path.join(migrations, '20240101000000_workspaces.sql'));
fs.copyFileSync(path.join(fixtures, 'chat.sql'), path.join(migrations, '20240102000000_chat.sql'));
const lastFile = path.join(migrations, '20240103000000_tags.sql').split(path.sep).join('/');
const tagsMigration = (policy) => `create table public.tags (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid() references auth.users (id),
  label text not null
);
alter table public.tags enable row level security;
create policy "tags" on public.tags for select to authenticated using (${policy});
`;
fs.writeFileSync(lastFile, tagsMigration('user_id = (select auth.uid())'));

await registry.load();
const config = defaultConfig();
const project = () => {
  const [p] = groupProjects(root.split(path.sep).join('/'), discoverFiles(root.split(path.sep).join('/'), config, {}).files, config);
  return replayProjectOf(sqlUnitOf(p), config);
};
const time = async (work) => {
  const started = performance.now();
  const value = await work();
  return [Math.round(performance.now() - started), value];
};
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const [image] = await time(async () => (await openStandinDatabase([])).close());
console.log(`stand-in database ready (image built or loaded): ${image} ms`);

const cold = [];
for (let i = 0; i < 3; i++) cold.push((await time(() => verifyProject(project())))[0]);
const [, verification] = await time(() => verifyProject(project()));
console.log(`cold verification, ${verification.stats.statements} statements, ${verification.stats.tablesProbed} tables, ${verification.stats.probes} probes: median ${median(cold)} ms (goal ≤ 2500)`);

const warm = new WarmProjectVerifier();
const [first] = await time(() => warm.verify(project(), lastFile));
const edits = [];
for (let i = 0; i < 5; i++) {
  fs.writeFileSync(lastFile, tagsMigration(i % 2 ? 'true' : 'user_id = (select auth.uid())'));
  edits.push((await time(() => warm.verify(project(), lastFile)))[0]);
}
const firstFile = path.join(migrations, '20240101000000_workspaces.sql').split(path.sep).join('/');
const firstText = fs.readFileSync(firstFile, 'utf8');
const earlier = [];
for (let i = 0; i < 3; i++) {
  fs.writeFileSync(firstFile, `${firstText}\n-- revision ${i}\n`);
  earlier.push((await time(() => warm.verify(project(), firstFile)))[0]);
}
await warm.dispose();
console.log(`warm: first check ${first} ms; re-check after editing the last migration: median ${median(edits)} ms (goal ≤ 200)`);
console.log(`warm: re-check after editing the first migration (the stand-in restored from its image): median ${median(earlier)} ms`);

// The example project, larger: cold, as `supaguard verify` runs each project.
const example = path.join(repo, 'examples', 'insecure-app').split(path.sep).join('/');
const [exampleProject] = groupProjects(example, discoverFiles(example, config, {}).files, config).map((p) => replayProjectOf(sqlUnitOf(p), config));
const exampleRuns = [];
let exampleStats;
for (let i = 0; i < 3; i++) {
  const [ms, v] = await time(() => verifyProject(exampleProject));
  exampleRuns.push(ms);
  exampleStats = v.stats;
}
console.log(`cold verification of the example project, ${exampleStats.statements} statements, ${exampleStats.tablesProbed} tables, ${exampleStats.probes} probes: median ${median(exampleRuns)} ms (goal ≤ 2500)`);
fs.rmSync(root, { recursive: true, force: true });
