import * as assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { runCli } from '../support/cli';
import { writeProject } from '../support/project';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { PEOPLE, APP_TABLES, plant } from './fixtures';

const ADMIN_CLAIMS = JSON.stringify({ sub: PEOPLE.normal[0], role: 'authenticated', app_metadata: { role: 'admin' } });
const USER_CLAIMS = JSON.stringify({ sub: PEOPLE.normal[1], role: 'authenticated', app_metadata: { provider: 'email' } });

function migrationSql(): string {
  const result = runCli(['audit-migration']);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

// PGlite compiles its WebAssembly in every process that opens it: slow on a busy machine.
describe('supaguard audit-migration', function () {
  this.timeout(120_000);
  it("passes supaguard's own scan", () => {
    const root = writeProject({ 'supabase/migrations/20260101000000_security_audit_log.sql': migrationSql() });
    const scan = runCli(['scan', root, '--format', 'json', '--fail-on', 'info']);
    assert.deepEqual(JSON.parse(scan.stdout).findings, []);
    assert.equal(scan.status, 0);
  });

  it('applies to PGlite twice and creates the contract table, indexes, trigger and functions', async () => {
    const db = new PGlite();
    try {
      await db.exec(APP_TABLES);
      await db.exec(migrationSql());
      await db.exec(migrationSql());
      const columns = await db.query<{ column_name: string; data_type: string }>(
        `select column_name, data_type from information_schema.columns where table_name = 'security_audit_log' order by ordinal_position`,
      );
      assert.deepEqual(
        columns.rows.map((c) => `${c.column_name} ${c.data_type}`),
        ['id bigint', 'occurred_at timestamp with time zone', 'user_id uuid', 'workspace_id uuid', 'operation text', 'severity text', 'details jsonb'],
      );
      const indexes = await db.query<{ indexdef: string }>(`select indexdef from pg_indexes where tablename = 'security_audit_log'`);
      for (const column of ['occurred_at', 'user_id', 'operation']) assert.ok(indexes.rows.some((i) => i.indexdef.includes(`(${column}`)), column);
      await assert.rejects(db.query(`insert into public.security_audit_log (operation, severity) values ('x', 'fatal')`), /check constraint/);
      const notes: string[] = [];
      await db.listen('supaguard_audit', (payload) => notes.push(payload));
      await db.query(`insert into public.security_audit_log (operation) values ('a'), ('b')`);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(notes.length, 1, 'one notification per statement');
      assert.equal(JSON.parse(notes[0]).rows, 2);
    } finally {
      await db.close();
    }
  });
});

describe('supaguard audit against PostgreSQL', function () {
  this.timeout(120_000);
  let server: TestPostgres;
  let url: string;
  let admin: Client;

  before(async function () {
    this.timeout(120_000);
    server = await startPostgres();
    // A fresh database without Supabase's roles first: the migration must not depend on them.
    admin = new Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('create database plain');
    await admin.end();
    url = server.url('plain');
    admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(APP_TABLES);
    await admin.query(migrationSql());
    await admin.query(migrationSql());
    await plant(admin, new Date());
  });
  after(async () => {
    await admin?.end();
    server?.stop();
  });

  it('runs the detection presets on planted events; exit 1 with --fail-on-detection when they find something', () => {
    const harvest = runCli(['audit', '--db', url, '--preset', 'credential-harvesting', '--format', 'json']);
    assert.equal(harvest.status, 0, harvest.stderr);
    assert.equal(runCli(['audit', '--db', url, '--preset', 'credential-harvesting', '--fail-on-detection']).status, 1);
    const report = JSON.parse(harvest.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(report.rows.map((r: { user_id: string }) => r.user_id), [PEOPLE.harvester]);

    const exfil = runCli(['audit', '--preset', 'conversation-exfiltration', '--format', 'json'], { env: { SUPAGUARD_DB_URL: url } });
    assert.deepEqual(JSON.parse(exfil.stdout).rows.map((r: { user_id: string }) => r.user_id), [PEOPLE.exporter]);

    const lowered = runCli(['audit', '--db', url, '--preset', 'conversation-exfiltration', '--threshold', '6', '--format', 'json', '--fail-on-detection']);
    assert.equal(lowered.status, 0);
    assert.deepEqual(JSON.parse(lowered.stdout).rows, []);

    const cross = runCli(['audit', '--db', url, '--preset', 'cross-tenant', '--fail-on-detection']);
    assert.equal(cross.status, 1);
    assert.match(cross.stdout, /cross-tenant on postgres@127\.0\.0\.1:\d+\/plain .*: 5 rows/);

    const quiet = runCli(['audit', '--db', url, '--preset', 'credential-harvesting', '--since', '30m', '--fail-on-detection']);
    assert.equal(quiet.status, 0, quiet.stdout);

    const health = runCli(['audit', '--db', url, '--preset', 'health-score', '--format', 'json', '--fail-on-detection']);
    const score = JSON.parse(health.stdout);
    assert.equal(score.band, 'red');
    assert.equal(health.status, 1);
    for (const output of [harvest, exfil, cross, health]) assert.ok(!(output.stdout + output.stderr).includes(server.password), 'password printed');
  });

  it('explains a wrong password and a missing table without printing the password', () => {
    const wrong = runCli(['audit', '--db', `postgres://postgres:s3cret-typo@127.0.0.1:${server.port}/plain`, '--preset', 'recent']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /Authentication failed for postgres@127\.0\.0\.1:\d+\/plain/);
    assert.ok(!(wrong.stdout + wrong.stderr).includes('s3cret-typo'));
    const missing = runCli(['audit', '--db', server.url('postgres'), '--preset', 'recent']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /security_audit_log does not exist.*audit-migration/);
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [['--demo'], ['--demo', '--preset', 'everything'], ['--preset', 'recent'], ['--demo', '--preset', 'recent', '--since', 'yesterday']]) {
      const result = runCli(['audit', ...args], { env: { SUPAGUARD_DB_URL: '' } });
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  });

  it('RLS lets admins read and hides the log from other users', async () => {
    await admin.query(`do $$ begin if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if; end $$`);
    await admin.query('grant select on public.security_audit_log to authenticated');
    const visible = async (claims: string) => {
      await admin.query('begin');
      try {
        await admin.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
        await admin.query('set local role authenticated');
        return Number((await admin.query('select count(*) from public.security_audit_log')).rows[0].count);
      } finally {
        await admin.query('rollback');
      }
    };
    assert.equal(await visible(USER_CLAIMS), 0);
    assert.ok((await visible(ADMIN_CLAIMS)) > 400);
    await admin.query('begin');
    try {
      await admin.query(`select set_config('request.jwt.claims', $1, true)`, [ADMIN_CLAIMS]);
      await admin.query('set local role authenticated');
      await assert.rejects(admin.query('delete from public.security_audit_log'), /permission denied/);
    } finally {
      await admin.query('rollback');
    }
  });

  it('--demo runs without a database', () => {
    const result = runCli(['audit', '--demo', '--preset', 'credential-harvesting', '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).rows.length, 1);
  });
});
