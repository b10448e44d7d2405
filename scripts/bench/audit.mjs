// Audit-log panel queries over 1,000,000 rows with the shipped migration's indexes (embedded PGlite, or a
// scratch PostgreSQL database given as SUPAGUARD_BENCH_DB_URL — it is written to). Prints milliseconds.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { PGlite } = require('@electric-sql/pglite');
const pg = require('pg');
const audit = require('../../server/out/audit');

const ROWS = Number(process.env.SUPAGUARD_BENCH_ROWS ?? 1_000_000);
const RUNS = 5;

const FILL = `
insert into public.security_audit_log (occurred_at, user_id, workspace_id, operation, severity, details)
select now() - (random() * interval '30 days'),
       ('00000000-0000-4000-8000-' || lpad((g % 1000)::text, 12, '0'))::uuid,
       ('00000000-0000-4000-9000-' || lpad((g % 20)::text, 12, '0'))::uuid,
       (array['login','logout','conversation_read','conversation_create','api_key_access','secret_access',
              'conversation_export','service_role_usage','oauth_callback_failed','cross_tenant_access_denied'])[1 + (g % 10)],
       (array['info','info','info','info','warning','info','info','info','warning','critical'])[1 + (g % 10)],
       jsonb_build_object('ip', '10.0.' || (g % 250) || '.' || (g % 200), 'request', g)
from generate_series(1, $1::int) g`;

async function open() {
  const url = process.env.SUPAGUARD_BENCH_DB_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const database = new audit.PostgresDatabase({ connectionString: url });
    return { name: 'PostgreSQL', admin, database, close: async () => (await database.close(), await admin.end()) };
  }
  const pglite = new PGlite();
  const database = new audit.PgliteDatabase(pglite);
  return { name: 'PGlite', admin: { query: (sql, params) => (params ? pglite.query(sql, params) : pglite.exec(sql)) }, database, close: () => database.close() };
}

async function time(label, fn) {
  const samples = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    rows = await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${samples[RUNS >> 1].toFixed(1).padStart(8)} ms   min ${samples[0].toFixed(1).padStart(8)} ms   rows ${rows}`);
}

const db = await open();
const start = performance.now();
await db.admin.query('drop table if exists public.security_audit_log cascade');
await db.admin.query(audit.auditMigrationSql());
// Bulk-load without the indexes, then let the migration (re)create exactly the shipped ones.
for (const index of ['occurred_at', 'user', 'operation']) await db.admin.query(`drop index public.security_audit_log_${index}_idx`);
await db.admin.query(FILL, [ROWS]);
await db.admin.query(audit.auditMigrationSql());
await db.admin.query('analyze public.security_audit_log');
console.log(`${db.name}: ${ROWS.toLocaleString('en')} audit rows written in ${((performance.now() - start) / 1000).toFixed(1)} s`);

const log = new audit.AuditLog(db.database, { timeoutMs: 60_000 });
const now = Date.now();
const day = { since: new Date(now - 24 * 3_600_000) };
const month = { since: new Date(now - 31 * 24 * 3_600_000) };
const firstPage = { limit: 100, offset: 0 };
await time('recent, first page (100 of 30 days)', async () => (await log.preset('recent', month, firstPage)).rows.length);
await time('recent, first page, one user', async () => (await log.preset('recent', { ...month, user: '00000000-0000-4000-8000-000000000042' }, firstPage)).rows.length);
await time('recent, first page, severity critical', async () => (await log.preset('recent', { ...month, severity: ['critical'] }, firstPage)).rows.length);
await time('recent, page 50 (offset 4,900)', async () => (await log.preset('recent', month, { limit: 100, offset: 4900 })).rows.length);
await time('service-role-usage, first page', async () => (await log.preset('service-role-usage', month, firstPage)).rows.length);
await time('credential-harvesting, last 24 h', async () => (await log.preset('credential-harvesting', day, firstPage)).rows.length);
await time('timeline, last 24 h', async () => (await log.timeline(day)).points.length);
await time('health score, last 24 h', async () => (await log.health(day)).score);
await db.close();
