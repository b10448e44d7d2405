import * as assert from 'node:assert/strict';
import { Client } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { AuditError, AuditLog, PgliteDatabase, PostgresDatabase, presetFunctionName, resolveMapping, type ConnectionStatus, type QueryPresetName } from '../../server/src/audit';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { waitFor } from '../support/wait';
import { HOSTILE, PEOPLE, WORKSPACES, pgliteBackend, plant, postgresBackend, type Backend } from './fixtures';

const NOW = new Date();
const DAY = { since: new Date(NOW.getTime() - 24 * 3_600_000), until: NOW };
const INJECTIONS = [
  "' or 1=1 --",
  "'; drop table public.security_audit_log; --",
  "00000000-0000-4000-8000-000000000001' or '1'='1",
  '%',
  '_',
  '\\',
  "$1); delete from public.security_audit_log; --",
];

async function rejectsWith(promise: Promise<unknown>, kind: AuditError['kind']): Promise<AuditError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AuditError, `expected an AuditError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected the ${kind} error`);
}

function presetSuite(makeBackend: () => Promise<Backend>): void {
  let backend: Backend;
  let audit: AuditLog;
  let plantedCount: number;

  before(async () => {
    backend = await makeBackend();
    plantedCount = (await plant(backend.admin, NOW)).audit.length;
    audit = new AuditLog(backend.database, { pollIntervalMs: 100 });
  });
  after(async () => backend?.close());

  const count = async () => Number((await backend.admin.query('select count(*) as n from public.security_audit_log')).rows[0].n);

  it('credential-harvesting finds the user over 50 in an hour, not the one at 50 or the slow reader', async () => {
    const result = await audit.preset('credential-harvesting', DAY);
    assert.deepEqual(result.rows.map((r) => r.user_id), [PEOPLE.harvester]);
    assert.equal(result.rows[0].events, 51);
    assert.deepEqual(result.rows[0].operations, ['api_key_access', 'credential_access', 'secret_access']);
    assert.equal(new Date(result.rows[0].window_end as string).getTime() - new Date(result.rows[0].window_start as string).getTime(), 3_600_000);
  });

  it('thresholds are configurable: at 49 the near miss counts too, over a 3-hour window the slow reader', async () => {
    const lower = new AuditLog(backend.database, { thresholds: { credentialHarvesting: { count: 49 } } });
    assert.deepEqual((await lower.preset('credential-harvesting', DAY)).rows.map((r) => r.user_id).sort(), [PEOPLE.harvester, PEOPLE.justUnderHarvest].sort());
    const wide = new AuditLog(backend.database, { thresholds: { credentialHarvesting: { count: 80, windowMinutes: 180 } } });
    assert.deepEqual((await wide.preset('credential-harvesting', DAY)).rows.map((r) => r.user_id), [PEOPLE.slowReader]);
  });

  it('conversation-exfiltration finds 6 exports in 9 minutes, not 6 over 11', async () => {
    const result = await audit.preset('conversation-exfiltration', DAY);
    assert.deepEqual(result.rows.map((r) => [r.user_id, r.events]), [[PEOPLE.exporter, 6]]);
  });

  it('cross-tenant joins audit denials with MCP events refused for a workspace', async () => {
    const result = await audit.preset('cross-tenant', DAY);
    const bySource = (source: string) => result.rows.filter((r) => r.source === source);
    assert.equal(bySource('audit').length, 3);
    assert.deepEqual(bySource('mcp').map((r) => r.operation).sort(), ['mcp_resource_read', 'mcp_tool_call']);
    assert.ok(result.rows.every((r) => r.user_id === PEOPLE.prober));
  });

  it('oauth-failures, service-role-usage and recent', async () => {
    assert.deepEqual((await audit.preset('oauth-failures', DAY)).rows.map((r) => r.operation).sort(), ['oauth_callback_failed', 'oauth_state_mismatch']);
    assert.equal((await audit.preset('service-role-usage', DAY)).rows.length, 4);
    const recent = await audit.preset('recent', DAY, { limit: 5 });
    assert.equal(recent.rows.length, 5);
    const times = recent.rows.map((r) => r.occurred_at as string);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.equal(recent.hasMore, true);
    const hostile = await audit.preset('recent', { ...DAY, workspace: WORKSPACES.third });
    assert.deepEqual(hostile.rows.map((r) => [r.operation, r.details]), [[HOSTILE.operation, { note: HOSTILE.script }]], 'stored and returned as plain data');
  });

  it('missing-rls reads the live catalog', async () => {
    const tables = (await audit.preset('missing-rls')).rows.map((r) => r.table_name);
    assert.ok(tables.includes('notes'));
    assert.ok(!tables.includes('documents') && !tables.includes('security_audit_log') && !tables.includes('analytics_events'));
  });

  it('each migration function returns what its preset returns', async () => {
    const presets: QueryPresetName[] = ['recent', 'service-role-usage', 'credential-harvesting', 'conversation-exfiltration', 'cross-tenant', 'oauth-failures', 'missing-rls'];
    for (const preset of presets) {
      const args = preset === 'missing-rls' ? '' : 'p_since => $1, p_until => $2';
      const params = preset === 'missing-rls' ? [] : [DAY.since, DAY.until];
      const fromFunction = (await backend.admin.query(`select * from ${presetFunctionName(preset)}(${args})`, params)).rows;
      const fromPreset = (await audit.preset(preset, DAY, { limit: 1000 })).rows;
      assert.equal(fromFunction.length, fromPreset.length, preset);
      assert.deepEqual(fromFunction.map((r) => JSON.stringify(r.user_id ?? r.table_name)), fromPreset.map((r) => JSON.stringify(r.user_id ?? r.table_name)), preset);
    }
  });

  it('filters by user, workspace, operation, severity and time; pages without overlap', async () => {
    const byUser = await audit.preset('recent', { ...DAY, user: PEOPLE.exporter });
    assert.equal(byUser.rows.length, 6);
    const byWorkspace = await audit.preset('recent', { ...DAY, workspace: WORKSPACES.other });
    assert.deepEqual([...new Set(byWorkspace.rows.map((r) => r.operation))], ['cross_tenant_access_denied']);
    const byOperation = await audit.preset('recent', { ...DAY, operation: 'EXPORT' }, { limit: 100 });
    assert.equal(byOperation.rows.length, 12);
    const critical = await audit.preset('recent', { ...DAY, severity: ['critical'] });
    assert.deepEqual(critical.rows.map((r) => r.severity), ['critical', 'critical', 'critical', 'critical', 'critical']);
    const lastHour = await audit.preset('recent', { since: new Date(NOW.getTime() - 3_600_000) });
    assert.equal(lastHour.rows.length, 0, 'everything was planted before the last hour');
    const first = await audit.preset('recent', DAY, { limit: 50, offset: 0 });
    const second = await audit.preset('recent', DAY, { limit: 50, offset: 50 });
    const ids = new Set([...first.rows, ...second.rows].map((r) => r.id));
    assert.equal(ids.size, 100);
  });

  it('SQL injection strings in every filter change nothing', async () => {
    const before = await count();
    for (const value of INJECTIONS) {
      for (const filter of ['user', 'workspace', 'operation', 'severity'] as const) {
        for (const preset of ['recent', 'cross-tenant', 'credential-harvesting'] as const) {
          const filters = { ...DAY, [filter]: filter === 'severity' ? [value] : value };
          try {
            const result = await audit.preset(preset, filters);
            // A substring filter may legitimately match ("_" is in "conversation_read"), but only literally.
            const operations = (r: Record<string, unknown>) => (r.operations as string[] | undefined) ?? [String(r.operation)];
            const literal = (r: Record<string, unknown>) => filter === 'operation' && operations(r).every((op) => op.toLowerCase().includes(value.toLowerCase()));
            assert.ok(result.rows.every(literal), `${preset} ${filter}=${value} matched rows`);
          } catch (error) {
            assert.ok(error instanceof AuditError && error.kind === 'bad-input', `${preset} ${filter}=${value}: ${String(error)}`);
          }
        }
      }
    }
    assert.equal(await count(), before);
    assert.equal(before, plantedCount);
  });

  it('refuses writes through the query layer', async () => {
    await rejectsWith(backend.database.readOnly((sql) => sql.query('delete from public.security_audit_log', []), 5000), 'read-only');
    await rejectsWith(backend.database.readOnly((sql) => sql.query("insert into public.notes values (1, 'x')", []), 5000), 'read-only');
    await assert.rejects(backend.database.readOnly((sql) => sql.query('commit; delete from public.security_audit_log', []), 5000));
    await rejectsWith(backend.database.readOnly((sql) => sql.query('select 1 from public.notes for update', []), 5000), 'read-only');
    assert.equal(await count(), plantedCount);
  });

  it('the timeline counts events per bucket and severity', async () => {
    const { bucketMinutes, points } = await audit.timeline(DAY);
    assert.equal(bucketMinutes, 15);
    const total = points.reduce((sum, p) => sum + p.events, 0);
    assert.equal(total, plantedCount);
    assert.equal(points.filter((p) => p.severity === 'critical').reduce((s, p) => s + p.events, 0), 5);
  });

  it('the health score drops for what the presets find', async () => {
    const health = await audit.health(DAY);
    assert.deepEqual(health.deductions.map((d) => [d.preset, d.findings]).sort(), [
      ['conversation-exfiltration', 1],
      ['credential-harvesting', 1],
      ['cross-tenant', 5],
      ['missing-rls', 1],
      ['oauth-failures', 2],
      ['service-role-usage', 4],
    ]);
    // 100 - 25 (harvesting) - 20 (exfiltration) - 5×2 (cross-tenant) - 10 (one table) - 2×1 (oauth) - 4×0.1 (service role)
    assert.equal(health.score, 33);
    assert.equal(health.band, 'red');
    const quiet = await audit.health({ since: new Date(NOW.getTime() - 3_600_000) });
    assert.equal(quiet.score, 90, 'only the table without RLS remains');
    assert.equal(quiet.band, 'green');
  });

  it('live mode appends rows inserted after it starts', async () => {
    const seen: unknown[] = [];
    const watch = await audit.watch({}, { onRows: (rows) => seen.push(...rows.map((r) => r.operation)), onError: (e) => assert.fail(e.message) });
    assert.equal(watch.mode, 'notify');
    await backend.admin.query(`insert into public.security_audit_log (user_id, operation, severity) values ($1, 'login', 'info'), ($1, 'secret_access', 'warning')`, [PEOPLE.normal[0]]);
    await waitFor(() => seen.length === 2);
    await watch.stop();
    assert.deepEqual(seen, ['login', 'secret_access']);
  });
}

describe('audit presets on PGlite', function () {
  this.timeout(120_000);
  presetSuite(() => pgliteBackend());
});

describe('audit presets with a column mapping', function () {
  this.timeout(120_000);

  it('a burst window includes both ends: 51 reads from 12:00 to 13:00 are over 50 in an hour', async () => {
    const backend = await pgliteBackend();
    try {
      const start = Date.now() - 2 * 3_600_000;
      const rows = Array.from({ length: 51 }, (_, i) => ({
        occurred_at: new Date(start + i * 72_000).toISOString(),
        user_id: PEOPLE.harvester,
        workspace_id: null,
        operation: 'api_key_access',
        severity: 'info',
        details: {},
      }));
      await backend.admin.query(
        `insert into public.security_audit_log (occurred_at, user_id, workspace_id, operation, severity, details)
         select * from jsonb_to_recordset($1::jsonb) as e(occurred_at timestamptz, user_id uuid, workspace_id uuid, operation text, severity text, details jsonb)`,
        [JSON.stringify(rows)],
      );
      const audit = new AuditLog(backend.database);
      const [burst] = (await audit.preset('credential-harvesting', DAY)).rows;
      assert.equal(burst?.events, 51);
      const shorter = new AuditLog(backend.database, { thresholds: { credentialHarvesting: { windowMinutes: 59 } } });
      assert.deepEqual((await shorter.preset('credential-harvesting', DAY)).rows, []);
    } finally {
      await backend.close();
    }
  });

  it('reads an audit table of another shape', async () => {
    const pglite = new PGlite();
    try {
      await pglite.exec('create table public.audit_events (event_id bigserial primary key, created_at timestamptz not null, actor uuid, action text, level text, payload jsonb)');
      await pglite.query(
        `insert into public.audit_events (created_at, actor, action, level, payload)
         select now() - make_interval(secs => g * 30), $1, 'secret_access', 'warning', '{}' from generate_series(1, 60) g`,
        [PEOPLE.harvester],
      );
      const mapping = resolveMapping({
        audit: { table: 'audit_events', id: 'event_id', occurredAt: 'created_at', userId: 'actor', workspaceId: null, operation: 'action', severity: 'level', details: 'payload' },
      });
      const audit = new AuditLog(new PgliteDatabase(pglite), { mapping });
      const since = new Date(Date.now() - 3_600_000);
      assert.deepEqual((await audit.preset('credential-harvesting', { since })).rows.map((r) => [r.user_id, r.events]), [[PEOPLE.harvester, 60]]);
      const recent = await audit.preset('recent', { since }, { limit: 3 });
      assert.deepEqual(recent.rows.map((r) => r.workspace_id), [null, null, null]);
      assert.equal((await audit.preset('recent', { since, workspace: WORKSPACES.home })).rows.length, 0);
      assert.throws(() => resolveMapping({ audit: { table: 'audit_events; drop table x' } }), /not a plain SQL identifier/);
    } finally {
      await pglite.close();
    }
  });
});

describe('audit presets on PostgreSQL', function () {
  this.timeout(120_000);
  let server: TestPostgres;
  before(async function () {
    this.timeout(120_000);
    server = await startPostgres();
  });
  after(() => server?.stop());

  describe('presets', () => presetSuite(() => postgresBackend(server)));

  describe('connection problems', () => {
    it('a refused connection says so', async () => {
      const db = new PostgresDatabase({ host: '127.0.0.1', port: 1, user: 'postgres', password: 'x' });
      const error = await rejectsWith(new AuditLog(db).preset('recent'), 'connection-refused');
      assert.match(error.message, /127\.0\.0\.1:1/);
      await db.close();
    });

    it('a wrong password says so without printing it', async () => {
      const db = new PostgresDatabase({ connectionString: `postgres://postgres:hunter2-wrong@127.0.0.1:${server.port}/postgres` });
      const error = await rejectsWith(new AuditLog(db).preset('recent'), 'auth-failed');
      assert.ok(!error.message.includes('hunter2'), error.message);
      await db.close();
    });

    it('a missing audit table offers the migration', async () => {
      const backend = await postgresBackend(server, false);
      try {
        const error = await rejectsWith(new AuditLog(backend.database).preset('recent'), 'missing-table');
        assert.match(error.message, /audit-migration/);
        assert.ok((await new AuditLog(backend.database).preset('missing-rls')).rows.length > 0, 'the catalog preset needs no audit table');
      } finally {
        await backend.close();
      }
    });

    it('a slow query is cancelled by the statement timeout', async () => {
      const db = new PostgresDatabase({ connectionString: server.url() });
      await rejectsWith(db.readOnly((sql) => sql.query('select pg_sleep(5)', []), 200), 'timeout');
      await db.close();
    });

    it('a lost connection is re-established with backoff', async () => {
      const backend = await postgresBackend(server);
      const statuses: ConnectionStatus[] = [];
      const db = new PostgresDatabase({ connectionString: backend.url }, { onStatus: (s) => statuses.push(s) });
      const audit = new AuditLog(db, { pollIntervalMs: 100 });
      try {
        await audit.preset('recent');
        const seen: unknown[] = [];
        const watch = await audit.watch({}, { onRows: (rows) => seen.push(...rows.map((r) => r.operation)), onError: () => undefined });
        const killer = new Client({ connectionString: server.url() });
        await killer.connect();
        await killer.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'supaguard-audit'`);
        await killer.end();
        // The pooled client died: the next query reconnects. The listener reconnects on its own and catches up.
        assert.equal((await audit.preset('recent')).rows.length, 0);
        await backend.admin.query(`insert into public.security_audit_log (operation, severity) values ('after_reconnect', 'info')`);
        await waitFor(() => seen.includes('after_reconnect'));
        await watch.stop();
        assert.ok(statuses.some((s) => s.state === 'reconnecting'), JSON.stringify(statuses));
        assert.ok(statuses.some((s) => s.state === 'connected'));
      } finally {
        await db.close();
        await backend.close();
      }
    });

    it('cross-tenant reads an analytics_events table of another shape', async () => {
      const backend = await postgresBackend(server);
      try {
        await backend.admin.query(`drop table public.analytics_events;
          create table public.analytics_events (event_type text not null, properties json, workspace_id uuid, occurred_at timestamptz default now())`);
        await backend.admin.query(`insert into public.analytics_events (event_type, properties, workspace_id) values
          ('mcp_tool_call', '{"error": "access_denied: caller is not in workspace acme"}', $1),
          ('mcp_tool_call', '{"error": "rate limited"}', $1),
          ('signup', '{"error": "Access denied for workspace acme"}', $1)`, [WORKSPACES.other]);
        const audit = new AuditLog(backend.database);
        const rows = (await audit.preset('cross-tenant', { since: new Date(Date.now() - 3_600_000) })).rows;
        assert.deepEqual(rows.map((r) => [r.source, r.operation, r.workspace_id, r.user_id]), [['mcp', 'mcp_tool_call', WORKSPACES.other, null]]);
        assert.equal((await audit.preset('cross-tenant', { since: new Date(Date.now() - 3_600_000), user: PEOPLE.prober })).rows.length, 0);
      } finally {
        await backend.close();
      }
    });

    it('without the NOTIFY trigger live mode polls', async () => {
      const backend = await postgresBackend(server);
      try {
        await backend.admin.query('drop trigger security_audit_log_notify on public.security_audit_log');
        const audit = new AuditLog(backend.database, { pollIntervalMs: 100 });
        const seen: unknown[] = [];
        const watch = await audit.watch({}, { onRows: (rows) => seen.push(...rows.map((r) => r.operation)), onError: () => undefined });
        assert.equal(watch.mode, 'poll');
        await backend.admin.query(`insert into public.security_audit_log (operation, severity) values ('polled', 'info')`);
        await waitFor(() => seen.includes('polled'));
        await watch.stop();
      } finally {
        await backend.close();
      }
    });
  });
});
