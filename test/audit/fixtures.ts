/**
 * Planted audit history with known answers: each incident sits next to a near miss just under its threshold,
 * so a preset that counts windows wrongly fails. Works with node-postgres and PGlite (same `query` shape).
 */
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { PgliteDatabase, PostgresDatabase, type AuditDatabase, type AuditEventInput } from '../../server/src/audit';
import { auditMigrationSql } from '../../server/src/audit/migration';
import type { TestPostgres } from '../support/postgres';

export interface AdminSql {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const MINUTE = 60_000;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const PEOPLE = {
  harvester: uuid(1),
  justUnderHarvest: uuid(2),
  slowReader: uuid(3),
  exporter: uuid(4),
  slowExporter: uuid(5),
  prober: uuid(6),
  normal: [uuid(10), uuid(11), uuid(12), uuid(13)],
};
export const WORKSPACES = { home: uuid(100), other: uuid(101), third: uuid(102) };
export const HOSTILE = {
  operation: '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  script: '<script>window.__pwned=(window.__pwned||0)+1</script>',
};

type PlantedRow = AuditEventInput;

/** The planted history, ending one hour before `now`. */
export function plantedEvents(now: Date): { audit: PlantedRow[]; mcp: Record<string, unknown>[] } {
  const base = now.getTime() - 5 * 60 * MINUTE;
  const at = (ms: number) => new Date(base + ms).toISOString();
  const audit: PlantedRow[] = [];
  const add = (ms: number, user: string | null, operation: string, severity: PlantedRow['severity'] = 'info', details = {}, workspace: string | null = WORKSPACES.home) =>
    audit.push({ occurred_at: at(ms), user_id: user, workspace_id: workspace, operation, severity, details });
  const secrets = ['credential_access', 'api_key_access', 'secret_access'];

  for (let i = 0; i < 200; i++) add(i * 71_000, PEOPLE.normal[i % 4], i % 3 ? 'conversation_read' : 'login');
  // 51 credential reads inside 58.3 minutes: over the threshold of 50 in 60 minutes.
  for (let i = 0; i < 51; i++) add(10 * MINUTE + i * 70_000, PEOPLE.harvester, secrets[i % 3], 'warning', { secret_name: 'STRIPE_SECRET_KEY' });
  // Exactly 50 in 30 minutes: at the threshold, not over it.
  for (let i = 0; i < 50; i++) add(20 * MINUTE + i * 36_000, PEOPLE.justUnderHarvest, 'api_key_access');
  // 90 over three hours: at most 30 in any hour.
  for (let i = 0; i < 90; i++) add(i * 2 * MINUTE, PEOPLE.slowReader, 'secret_access');
  // 6 exports in 9 minutes: over 5 in 10 minutes. 6 spread over 11 minutes: never more than 5 in 10.
  for (let i = 0; i < 6; i++) add(100 * MINUTE + i * 108_000, PEOPLE.exporter, 'conversation_export', 'warning');
  for (let i = 0; i < 6; i++) add(100 * MINUTE + i * 132_000, PEOPLE.slowExporter, 'conversation_export');
  for (let i = 0; i < 3; i++) add(150 * MINUTE + i * MINUTE, PEOPLE.prober, 'cross_tenant_access_denied', 'critical', { table: 'documents' }, WORKSPACES.other);
  add(160 * MINUTE, PEOPLE.normal[0], 'oauth_callback_failed', 'warning', { provider: 'github' });
  add(161 * MINUTE, PEOPLE.normal[1], 'oauth_state_mismatch', 'critical', { provider: 'google' });
  add(162 * MINUTE, PEOPLE.normal[2], 'oauth_token_refresh', 'info');
  for (let i = 0; i < 4; i++) add(170 * MINUTE + i * MINUTE, null, 'service_role_usage', 'info', { function: 'nightly-billing-sync' });
  add(180 * MINUTE, PEOPLE.normal[3], HOSTILE.operation, 'critical', { note: HOSTILE.script }, WORKSPACES.third);

  const mcp = [
    { created_at: at(155 * MINUTE), user_id: PEOPLE.prober, workspace_id: WORKSPACES.third, event_type: 'mcp_tool_call', properties: { tool: 'execute_sql', error: `Access denied for workspace ${WORKSPACES.third}` } },
    { created_at: at(156 * MINUTE), user_id: PEOPLE.prober, workspace_id: WORKSPACES.other, event_type: 'mcp_resource_read', properties: { error: 'workspace membership check failed: access denied' } },
    { created_at: at(157 * MINUTE), user_id: PEOPLE.prober, workspace_id: WORKSPACES.home, event_type: 'mcp_tool_call', properties: { error: 'statement timeout' } },
    { created_at: at(158 * MINUTE), user_id: PEOPLE.prober, workspace_id: WORKSPACES.other, event_type: 'page_view', properties: { error: 'Access denied for workspace x' } },
    { created_at: at(159 * MINUTE), user_id: PEOPLE.normal[0], workspace_id: WORKSPACES.home, event_type: 'mcp_tool_call', properties: { tool: 'list_tables' } },
  ];
  return { audit, mcp };
}

export const APP_TABLES = `
create table public.notes (id bigint primary key, body text);
create table public.documents (id bigint primary key, workspace_id uuid);
alter table public.documents enable row level security;
create table public.analytics_events (
  id bigint generated always as identity primary key, created_at timestamptz not null default now(),
  user_id uuid, workspace_id uuid, event_type text not null, properties jsonb not null default '{}');
alter table public.analytics_events enable row level security;
`;

export async function plant(admin: AdminSql, now: Date): Promise<{ audit: PlantedRow[] }> {
  const { audit, mcp } = plantedEvents(now);
  await admin.query(
    `insert into public.security_audit_log (occurred_at, user_id, workspace_id, operation, severity, details)
     select * from jsonb_to_recordset($1::jsonb) as e(occurred_at timestamptz, user_id uuid, workspace_id uuid, operation text, severity text, details jsonb)
     order by occurred_at`,
    [JSON.stringify(audit)],
  );
  await admin.query(
    `insert into public.analytics_events (created_at, user_id, workspace_id, event_type, properties)
     select * from jsonb_to_recordset($1::jsonb) as e(created_at timestamptz, user_id uuid, workspace_id uuid, event_type text, properties jsonb)`,
    [JSON.stringify(mcp)],
  );
  return { audit };
}

/** A database with the app tables and the audit-log migration applied: an admin handle and the audit door. */
export interface Backend {
  name: string;
  admin: AdminSql;
  database: AuditDatabase;
  close(): Promise<void>;
}

export async function pgliteBackend(withMigration = true): Promise<Backend> {
  const pglite = new PGlite();
  await pglite.exec(APP_TABLES);
  if (withMigration) await pglite.exec(auditMigrationSql());
  const database = new PgliteDatabase(pglite, 'pglite');
  return { name: 'PGlite', admin: pglite, database, close: () => database.close() };
}

let databases = 0;

/** A fresh database on the test server, with Supabase's API roles so the migration's grants apply. */
export async function postgresBackend(server: TestPostgres, withMigration = true): Promise<Backend & { url: string }> {
  const name = `audit_${process.pid}_${++databases}`;
  const root = new Client({ connectionString: server.url() });
  await root.connect();
  await root.query(`create database ${name}`);
  await root.query(`do $$ begin
    if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
    if not exists (select from pg_roles where rolname = 'anon') then create role anon nologin; end if;
    if not exists (select from pg_roles where rolname = 'service_role') then create role service_role nologin bypassrls; end if;
  end $$`);
  await root.end();
  const url = server.url(name);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(APP_TABLES);
  if (withMigration) await admin.query(auditMigrationSql());
  const database = new PostgresDatabase({ connectionString: url });
  return {
    name: 'PostgreSQL',
    admin,
    database,
    url,
    close: async () => {
      await database.close();
      await admin.end();
    },
  };
}
