import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding } from '../../server/src/engine/finding';
import { verifyTree, type VerifiedScan } from '../../server/src/verify/run';
import { holdsPersonalRecords } from '../../server/src/verify/personal-records';
import { verifyProject } from '../../server/src/verify/verify';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';
import { describeFindings, findingsOf, verifyFiles } from '../support/verify';

const PROJECTS = path.join(__dirname, 'fixtures', 'projects');

/** Verified mode over a project folder, in this thread (one verification per project, shared by its tests). */
async function verifyFolder(folder: string): Promise<VerifiedScan> {
  return verifyTree({
    root: folder.split(path.sep).join('/'),
    runProject: async (project, options) => ({ verification: await verifyProject(project, options) }),
  });
}

/**
 * Each leak as `role table: verbs by "policy"`, read from the finding's evidence: which role reached
 * which table, doing what, through which policy (or `RLS off`).
 */
function leaksOf(verified: VerifiedScan): string[] {
  const describe = (finding: Finding) => {
    const role = finding.ruleId === 'sql/rls-anon-leak' ? 'anon' : 'authenticated';
    const table = /(?:in|rows of|into) (\w+\.\w+)/.exec(finding.message)?.[1] ?? '?';
    const policies = [...finding.message.matchAll(/"([^"]+)" \(([^)]+)\)/g)].map((m) => `${m[2]} by "${m[1]}"`);
    return `${role} ${table}: ${policies.length ? policies.join('; ') : /row level security is disabled/.test(finding.message) ? 'RLS off' : '?'}`;
  };
  return [...findingsOf(verified, 'sql/rls-cross-user-leak'), ...findingsOf(verified, 'sql/rls-anon-leak')].map(describe).sort();
}

interface Expected {
  leaks: string[];
  /** Tables probed: every exposed table, none skipped. */
  probed: number;
  skippedStatements?: { line: number; reason: RegExp }[];
}

function expectProject(name: string, expected: Expected, more?: (verified: () => VerifiedScan) => void): void {
  describe(`verified mode on a realistic project: ${name}`, function () {
    this.timeout(120_000);
    let verified: VerifiedScan;
    before(async () => {
      verified = await verifyFolder(path.join(PROJECTS, name));
    });

    it('replays every migration', () => {
      assert.equal(describeFindings(findingsOf(verified, 'sql/migration-fails')), '');
      const [project] = verified.summary.projects;
      assert.equal(project.error, undefined);
      assert.equal(project.stats?.failedStatements, 0);
      const skipped = project.skippedStatements;
      assert.equal(skipped.length, expected.skippedStatements?.length ?? 0, JSON.stringify(skipped));
      expected.skippedStatements?.forEach((s, i) => {
        assert.equal(skipped[i].line, s.line);
        assert.match(skipped[i].reason, s.reason);
      });
    });

    it('fills and probes every exposed table', () => {
      const [project] = verified.summary.projects;
      assert.deepEqual(project.skippedTables, []);
      assert.equal(project.stats?.tablesProbed, expected.probed);
    });

    it(expected.leaks.length ? 'reports exactly the planted leaks' : 'reports no leak', () => {
      assert.deepEqual(leaksOf(verified), [...expected.leaks].sort());
    });

    more?.(() => verified);
  });
}

expectProject('todo-quickstart', {
  // profiles are public by design; todos are per user, and an update policy without a check still pins
  // the owner (USING doubles as the check), so a todo cannot be handed to someone else.
  leaks: [],
  probed: 2,
});

expectProject('slack-clone', {
  // Channels, messages and user names are shared with every signed-in user by design; role_permissions
  // is filled by the migration (its seed rows serve as the probe rows); user_roles is revoked from the API.
  leaks: [],
  probed: 5,
});

expectProject(
  'stripe-subscriptions',
  {
    // products and prices are a public catalogue; customers has no policy; invoices are per user.
    leaks: ['authenticated public.invoices: read by "Signed-in users can view invoices"'],
    probed: 6,
  },
  (verified) => {
    it('reports the invoices leak on the policy, with the table as related location', () => {
      const [finding] = findingsOf(verified(), 'sql/rls-cross-user-leak');
      assert.ok(finding.file.endsWith('20240315120000_invoices.sql'));
      assert.equal(finding.range.start.line + 1, 18);
      assert.match(finding.message, /could read user B's row in public\.invoices \(per-user records: each row is one user's\):/);
      assert.deepEqual(finding.related?.map((r) => r.range.start.line + 1), [2]);
    });
  },
);

expectProject(
  'saas-tenants',
  {
    // Slugs must match a pattern, memberships have a composite key, the creator's membership comes from a
    // trigger, invitations use citext: all filled. Changing `created_by` of one's own organization moves
    // no data. The activity-log policy checks membership of any organization.
    leaks: ['authenticated public.activity_log: read by "Members read the activity log"'],
    probed: 6,
  },
  (verified) => {
    it('refutes the static tenant finding on a subquery that the memberships policies already limit', () => {
      const refuted = verified().summary.refutedFindings;
      assert.deepEqual(
        refuted.map((f) => `${f.ruleId}:${f.line}`),
        ['sql/tenant-isolation-missing:39'],
      );
    });
  },
);

expectProject('ai-chat', {
  // pgvector columns, a generated tsvector, pg_net in a trigger and a pg_cron job; conversations are
  // private, and their messages and the messages' attachments (no owner column of their own) are as
  // private as the conversation: attachments readable by every signed-in user leak.
  leaks: ['authenticated public.message_attachments: read by "Signed-in users read attachments"'],
  probed: 5,
  skippedStatements: [{ line: 35, reason: /pgvector stand-in has no index access methods/ }],
});

expectProject('media-library', {
  // Published posts, profiles, tags and follows are public by design. A follow needs two different
  // people: the second is a bystander, so user A does not follow user B and B's notes, shared with
  // followers only, stay hidden. Bookmarks are personal. Storage policies are outside the exposed schemas.
  leaks: ['authenticated public.bookmarks: read by "Signed-in users see bookmarks"'],
  probed: 7,
});

expectProject('rentals', {
  // Owners are an app's own `accounts` rows (bigint keys, a unique link to auth.users), a second exposed
  // schema holds reports, stays must end after they start, and a restrictive policy narrows an
  // always-true delete policy to the guest. Orders are per-user records readable by every account.
  leaks: ['authenticated public.orders: read by "Signed-in accounts see orders"'],
  probed: 5,
});

expectProject('clinic', {
  // Domains with checks (an email on citext, a 1-5 rating), a phone pattern, an exclusion constraint on
  // a time range, money with a precision, and `expires_on > issued_on`: all filled. Probe user A is never
  // put in `clinic_admins`, so "admins read all" is no leak. Prescriptions let any practitioner read them.
  leaks: ['authenticated public.prescriptions: read by "Patients and practitioners read prescriptions"'],
  probed: 7,
});

describe('verified mode on a realistic project, through the command line', function () {
  this.timeout(120_000);

  it('scan --verify reports the per-user leak as an error and exits 1', () => {
    const result = runCli(['scan', path.join(PROJECTS, 'stripe-subscriptions'), '--verify', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const findings = (JSON.parse(result.stdout).findings as Finding[]).filter((f) => f.ruleId.endsWith('-leak'));
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.severity} ${f.file.split('/').pop()}:${f.range.start.line + 1}`),
      ['sql/rls-cross-user-leak error 20240315120000_invoices.sql:18'],
    );
  });
});

describe('verified mode: migrations that alter Supabase-owned tables', function () {
  this.timeout(120_000);

  it('fails them as `supabase db reset` does, and still applies the storage policies', async () => {
    const migration = `alter table storage.objects enable row level security;

create policy "Users read their own files" on storage.objects
  for select to authenticated
  using (bucket_id = 'files' and (storage.foldername(name))[1] = (select auth.uid()::text));
`;
    const index = 'create index objects_bucket_owner_idx on storage.objects (bucket_id, owner);\n';
    const verified = await verifyFiles({
      'supabase/migrations/20240101000000_storage.sql': migration,
      'supabase/migrations/20240102000000_storage_index.sql': index,
    });
    const failures = findingsOf(verified, 'sql/migration-fails');
    assert.deepEqual(
      failures.map((f) => `${f.file.split('/').pop()}:${f.range.start.line + 1}`),
      ['20240101000000_storage.sql:1', '20240102000000_storage_index.sql:1'],
    );
    assert.match(failures[0].message, /must be owner of table objects \(Supabase's auth, storage and realtime tables belong to those services: .*remove the statement\)\.$/);
    assert.doesNotMatch(failures[0].message, /supaguard_standin/, 'the stand-in itself is not named');
    assert.equal(verified.summary.projects[0].stats?.failedStatements, 2, 'the policy after the failing statement applies');
  });
});

describe('verified mode: a lookup table keyed by a combination of enums', function () {
  this.timeout(120_000);

  it('gives each probe row another combination instead of skipping the table', async () => {
    const verified = await verifyFiles({
      'supabase/migrations/20240101000000_permissions.sql': `create type public.app_role as enum ('admin', 'moderator');
create type public.app_permission as enum ('channels.delete', 'messages.delete');
create table public.role_permissions (
  id bigint generated by default as identity primary key,
  role public.app_role not null,
  permission public.app_permission not null,
  unique (role, permission)
);
alter table public.role_permissions enable row level security;
create policy "Anyone may read the permission matrix" on public.role_permissions for select using (true);
`,
    });
    const [project] = verified.summary.projects;
    assert.deepEqual(project.skippedTables, []);
    assert.equal(project.stats?.tablesProbed, 1);
    assert.equal(describeFindings([...findingsOf(verified, 'sql/rls-cross-user-leak'), ...findingsOf(verified, 'sql/rls-anon-leak')]), '');
  });
});

describe('verified mode: a schema dump whose owner columns have no foreign key', function () {
  this.timeout(120_000);

  it('recognises the owner by its name and reports a dashboard-template policy that lets anyone edit', async () => {
    // The static precision suite's pg_dump history: `seller_id uuid NOT NULL`, no constraint to auth.users.
    const verified = await verifyFolder(path.join(REPO_ROOT, 'test', 'fixtures', 'precision-sql', 'marketplace-insecure'));
    assert.deepEqual(leaksOf(verified), ['authenticated public.listings: update, reassign by "Enable update for authenticated users only"']);
    assert.deepEqual(verified.summary.projects[0].skippedTables, []);
  });
});

describe('verified mode: a restrictive policy that keeps anonymous sign-ins out', function () {
  this.timeout(120_000);

  it('lets the probe user through as the regular user it is, so the leak behind it shows', async () => {
    const verified = await verifyFiles({
      'supabase/migrations/20240101000000_notes.sql': `create table public.notes (
  id bigint generated always as identity primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  body text not null
);
alter table public.notes enable row level security;

-- Anonymous sign-ins are on for the demo on the landing page: keep them out of notes.
create policy "Permanent users only" on public.notes as restrictive for all to authenticated
  using ((select (auth.jwt() ->> 'is_anonymous')::boolean) is false);
create policy "Signed-in users read notes" on public.notes for select to authenticated using (true);
create policy "Users write their notes" on public.notes for insert to authenticated
  with check (user_id = (select auth.uid()));
`,
    });
    assert.deepEqual(leaksOf(verified), ['authenticated public.notes: read by "Signed-in users read notes"']);
  });
});

describe('verified mode: an anonymous leak on a table no user owns', function () {
  this.timeout(120_000);

  it('says rows can be inserted, not rows owned by a user', async () => {
    const verified = await verifyFiles({
      'supabase/migrations/20240101000000_flags.sql': `create table public.feature_flags (
  name text primary key,
  enabled boolean not null default false
);
`,
    });
    const [anon] = findingsOf(verified, 'sql/rls-anon-leak');
    assert.match(anon?.message ?? '', /could read, update and delete rows of public\.feature_flags and insert rows into public\.feature_flags: row level security is disabled/);
  });
});

describe('verified mode: tables with nothing an update could set', function () {
  this.timeout(120_000);

  it('probes them instead of failing the whole project', async () => {
    const verified = await verifyFiles({
      'supabase/migrations/20240101000000_markers.sql': `-- A feature flag is "on" when the table exists.
create table public.maintenance_mode ();
alter table public.maintenance_mode enable row level security;

create table public.page_hits (id bigint generated always as identity primary key);
alter table public.page_hits enable row level security;
create policy "Hits are counted by anyone" on public.page_hits for insert to anon, authenticated with check (true);
`,
    });
    const [project] = verified.summary.projects;
    assert.equal(project.error, undefined);
    assert.deepEqual(project.skippedTables, []);
    assert.equal(project.stats?.tablesProbed, 2);
    assert.equal(describeFindings(findingsOf(verified, 'meta/internal-error')), '');
  });
});

describe('verified mode: which tables hold per-user records', () => {
  it('recognises personal records by a word of the table name and an owner column naming whose they are', () => {
    for (const name of ['invoices', 'user_settings', 'api_keys', 'ssh_keys', 'order_items', 'diaries', 'shipping_addresses', 'userPreferences', 'bookmarks']) {
      assert.ok(holdsPersonalRecords(name, 'user_id', ['id']), name);
    }
    assert.ok(holdsPersonalRecords('orders', 'account_id', ['id']));
    assert.ok(holdsPersonalRecords('UserSettings', 'userId', ['id']));
    assert.ok(holdsPersonalRecords('customers', 'id', ['id']), 'a row per user keyed by the user id');
  });

  it('leaves tables shared by design alone', () => {
    for (const name of ['profiles', 'users', 'posts', 'comments', 'messages', 'channels', 'follows', 'products', 'prices', 'reviews', 'keynotes', 'customer_reviews', 'public_keys', 'key_results', 'shared_notes']) {
      assert.ok(!holdsPersonalRecords(name, 'user_id', ['id']), name);
    }
    assert.ok(!holdsPersonalRecords('notifications', 'created_by', ['id']), 'an announcement written for everyone');
    assert.ok(!holdsPersonalRecords('app_settings', 'updated_by', ['id']), 'settings of the app, last changed by someone');
  });
});
