import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/engine/config';
import { discoverFiles } from '../../server/src/engine/discovery';
import { registry } from '../../server/src/engine/registry';
import { groupProjects, sqlUnitOf } from '../../server/src/languages/sql';
import { replayProjectOf } from '../../server/src/verify/from-unit';
import type { ReplayProject } from '../../server/src/verify/history';
import { WarmProjectVerifier } from '../../server/src/verify/warm';
import { writeProject } from '../support/project';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const WORKSPACES = 'supabase/migrations/20240101000000_workspaces.sql';
const CHAT = 'supabase/migrations/20240102000000_chat.sql';
const MEMBERSHIP = 'supabase/migrations/20240102000000_membership.sql';

async function projectOf(root: string): Promise<ReplayProject> {
  await registry.load();
  const config = defaultConfig();
  const [project] = groupProjects(root, discoverFiles(root, config, {}).files, config);
  return replayProjectOf(sqlUnitOf(project), config);
}

const leakedTables = (findings: { ruleId: string; message: string }[]) =>
  findings.filter((f) => f.ruleId.endsWith('-leak')).map((f) => /in (public\.\w+)|rows of (public\.\w+)/.exec(f.message)?.slice(1).find(Boolean)).sort();

describe('verified mode in the editor: a warm database per project', function () {
  this.timeout(120_000);
  const verifier = new WarmProjectVerifier();
  after(() => verifier.dispose());

  it('re-checks an edited migration on top of the committed ones, and restores when an earlier file changes', async () => {
    const chatWithoutDocuments = fixture('chat.sql').replace(/create table public\.api_usage[\s\S]*$/, '');
    const root = writeProject({ [WORKSPACES]: fixture('workspaces.sql'), [CHAT]: chatWithoutDocuments });
    const first = await verifier.verify(await projectOf(root), `${root}/${CHAT}`);
    assert.deepEqual(leakedTables(first.findings), ['public.chat_messages', 'public.conversations', 'public.documents']);

    // The edited file gains a table without RLS: the tables it makes are probed again, not the earlier files'.
    fs.writeFileSync(path.join(root, CHAT), `${chatWithoutDocuments}\ncreate table public.api_usage (id bigint primary key, user_id uuid references auth.users (id));\n`);
    const second = await verifier.verify(await projectOf(root), `${root}/${CHAT}`);
    assert.deepEqual(leakedTables(second.findings), ['public.api_usage', 'public.api_usage', ...leakedTables(first.findings)].sort());
    assert.equal(second.stats.tablesProbed, 9, 'the three tables of the first file, and six of the edited one');
    assert.equal(second.stats.tablesReused, 3, 'the first file\'s tables keep their results: nothing they depend on changed');

    // An edit to the first file rebuilds from the stand-in image: a failure there is reported with its position.
    fs.writeFileSync(path.join(root, WORKSPACES), fixture('workspaces.sql').replace('owner_id uuid not null references auth.users (id)', 'owner_id uuid not null references auth.user (id)'));
    const third = await verifier.verify(await projectOf(root), `${root}/${WORKSPACES}`);
    const failures = third.findings.filter((f) => f.ruleId === 'sql/migration-fails');
    assert.ok(failures.length >= 1);
    assert.match(failures[0].message, /relation "auth.user" does not exist/);
    assert.ok(failures[0].file.endsWith(WORKSPACES));
  });

  it('probes a committed table again when the edited file changes a function its policies call', async () => {
    const root = writeProject({ [WORKSPACES]: fixture('workspaces.sql'), [MEMBERSHIP]: 'comment on table public.workspaces is \'Tenants.\';\n' });
    const edited = `${root}/${MEMBERSHIP}`;
    const before = await verifier.verify(await projectOf(root), edited);
    assert.deepEqual(leakedTables(before.findings), [], 'membership checks keep workspaces apart');

    // Every workspace readable by every user, through a function the committed policies call.
    fs.writeFileSync(path.join(root, MEMBERSHIP), `create or replace function public.is_workspace_member(ws uuid) returns boolean
language sql stable security definer set search_path = '' as $$ select true $$;
`);
    const after = await verifier.verify(await projectOf(root), edited);
    assert.deepEqual(leakedTables(after.findings), ['public.workspace_members', 'public.workspaces']);
    assert.equal(after.stats.tablesReused, 0, 'a changed function may change any policy: every table is probed again');
  });

  it('remembers, across the committed files, an extension the embedded Postgres lacks', async () => {
    const PLACES = 'supabase/migrations/20240101000000_places.sql';
    const VISITS = 'supabase/migrations/20240102000000_visits.sql';
    const root = writeProject({
      [PLACES]: 'create extension if not exists postgis with schema extensions;\n',
      [VISITS]: `create table public.visits (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid() references auth.users (id),
  location extensions.geography(point) not null
);
alter table public.visits enable row level security;
`,
    });
    const verification = await verifier.verify(await projectOf(root), `${root}/${VISITS}`);
    assert.deepEqual(verification.findings.filter((f) => f.ruleId === 'sql/migration-fails'), []);
    assert.deepEqual(
      verification.skippedStatements.map((s) => [path.basename(s.file), s.reason.replace(/ \(.*/, '')]),
      [
        [path.basename(PLACES), 'the embedded Postgres has no postgis extension'],
        [path.basename(VISITS), 'it probably needs the postgis extension, which the embedded Postgres lacks'],
        [path.basename(VISITS), 'it probably needs the postgis extension, which the embedded Postgres lacks'],
      ],
      'the table, then the statement that needs it',
    );
  });
});
