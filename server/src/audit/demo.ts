/**
 * The embedded demo: PGlite with the audit-log migration applied and a week of generated history for a small
 * SaaS (normal traffic plus the incidents the presets exist for), so the panel and `supaguard audit --demo`
 * work without a database. Generation is seeded: the same seed and clock give the same rows.
 */
import { PGlite } from '@electric-sql/pglite';
import { PgliteDatabase } from './database';
import { auditMigrationSql } from './migration';

/** One row of `security_audit_log` as the app would insert it. */
export interface AuditEventInput {
  occurred_at: string;
  user_id: string | null;
  workspace_id: string | null;
  operation: string;
  severity: 'info' | 'warning' | 'critical';
  details: Record<string, unknown>;
}

interface McpEvent {
  created_at: string;
  user_id: string;
  workspace_id: string;
  event_type: string;
  properties: Record<string, unknown>;
}

/** mulberry32: a tiny seeded generator, good enough for plausible fake traffic. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Generator {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[this.int(4)];
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
  ip(): string {
    return `${this.pick([81, 92, 145, 178, 203])}.${this.int(256)}.${this.int(256)}.${1 + this.int(254)}`;
  }
}

const ROUTINE: { operation: string; weight: number; severity: AuditEventInput['severity'] }[] = [
  { operation: 'login', weight: 30, severity: 'info' },
  { operation: 'logout', weight: 12, severity: 'info' },
  { operation: 'conversation_read', weight: 40, severity: 'info' },
  { operation: 'conversation_create', weight: 12, severity: 'info' },
  { operation: 'profile_update', weight: 4, severity: 'info' },
  { operation: 'api_key_access', weight: 3, severity: 'info' },
  { operation: 'secret_access', weight: 1, severity: 'info' },
  { operation: 'conversation_export', weight: 1, severity: 'info' },
  { operation: 'oauth_token_refresh', weight: 6, severity: 'info' },
  { operation: 'oauth_callback_failed', weight: 0.4, severity: 'warning' },
  { operation: 'mfa_challenge_failed', weight: 0.6, severity: 'warning' },
  { operation: 'password_reset_requested', weight: 0.8, severity: 'info' },
  { operation: 'role_changed', weight: 0.2, severity: 'warning' },
];
const USER_AGENTS = ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15', 'Mozilla/5.0 (Windows NT 10.0) Chrome/126.0', 'supabase-js/2.45.0'];
const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface DemoHistory {
  events: AuditEventInput[];
  mcpEvents: McpEvent[];
  /** Who does what in the incidents, for tests and the walkthrough. */
  actors: { harvester: string; exporter: string; prober: string; users: string[]; workspaces: string[] };
}

/** A week of history ending at `now`, incidents within the last day. */
export function generateHistory(now: Date, seed = 7, routineEvents = 6000): DemoHistory {
  const g = new Generator(seed);
  const end = now.getTime();
  const workspaces = Array.from({ length: 6 }, () => g.uuid());
  const users = Array.from({ length: 40 }, () => g.uuid());
  const home = new Map(users.map((u) => [u, g.pick(workspaces)]));
  const events: AuditEventInput[] = [];
  const at = (ms: number) => new Date(Math.round(ms)).toISOString();
  const totalWeight = ROUTINE.reduce((sum, r) => sum + r.weight, 0);

  for (let i = 0; i < routineEvents; i++) {
    let roll = g.int(totalWeight * 10) / 10;
    const kind = ROUTINE.find((r) => (roll -= r.weight) < 0) ?? ROUTINE[0];
    // More traffic in working hours: drop two thirds of night-time events.
    let time = end - g.int(7 * 24 * HOUR);
    if (new Date(time).getUTCHours() < 7 && g.chance(0.66)) time -= 10 * HOUR;
    const user = g.pick(users);
    events.push({
      occurred_at: at(time),
      user_id: user,
      workspace_id: home.get(user)!,
      operation: kind.operation,
      severity: kind.severity,
      details: { ip: g.ip(), user_agent: g.pick(USER_AGENTS), request_id: g.uuid().slice(0, 8) },
    });
  }

  for (let i = 0; i < 36; i++) {
    const fn = g.pick(['nightly-billing-sync', 'admin-user-export', 'stripe-webhook']);
    events.push({
      occurred_at: at(end - g.int(7 * 24 * HOUR)),
      user_id: null,
      workspace_id: g.pick(workspaces),
      operation: 'service_role_usage',
      severity: fn === 'admin-user-export' ? 'warning' : 'info',
      details: { function: fn, client: 'edge-function', justification: fn === 'admin-user-export' ? null : 'scheduled job' },
    });
  }

  const [harvester, exporter, prober] = [users[3], users[11], users[17]];
  const harvestStart = end - 3 * HOUR;
  for (let i = 0; i < 84; i++) {
    events.push({
      occurred_at: at(harvestStart + i * 25_000 + g.int(20_000)),
      user_id: harvester,
      workspace_id: home.get(harvester)!,
      operation: g.pick(['credential_access', 'api_key_access', 'secret_access']),
      severity: i > 50 ? 'critical' : 'warning',
      details: { secret_name: g.pick(['STRIPE_SECRET_KEY', 'OPENAI_API_KEY', 'SMTP_PASSWORD', 'github_deploy_token']), ip: '185.220.101.7', via: 'vault.decrypted_secrets' },
    });
  }

  const exportStart = end - 7 * HOUR;
  for (let i = 0; i < 9; i++) {
    events.push({
      occurred_at: at(exportStart + i * 40_000 + g.int(30_000)),
      user_id: exporter,
      workspace_id: home.get(exporter)!,
      operation: 'conversation_export',
      severity: 'warning',
      details: { conversation_id: g.uuid(), format: 'json', messages: 40 + g.int(400) },
    });
  }

  for (let i = 0; i < 14; i++) {
    const target = workspaces.filter((w) => w !== home.get(prober))[i % 5];
    events.push({
      occurred_at: at(end - 10 * HOUR + i * 9 * MINUTE),
      user_id: prober,
      workspace_id: target,
      operation: 'cross_tenant_access_denied',
      severity: 'critical',
      details: { table: g.pick(['conversations', 'documents', 'invoices']), policy: 'workspace members only', home_workspace: home.get(prober) },
    });
  }

  for (let i = 0; i < 7; i++) {
    events.push({
      occurred_at: at(end - 20 * HOUR + i * 31 * MINUTE),
      user_id: g.pick(users),
      workspace_id: null,
      operation: g.pick(['oauth_token_exchange_failed', 'oauth_state_mismatch']),
      severity: i === 3 ? 'critical' : 'warning',
      details: { provider: g.pick(['github', 'google']), error: 'invalid_grant' },
    });
  }

  const mcpEvents: McpEvent[] = [];
  for (let i = 0; i < 400; i++) {
    const user = g.pick(users);
    mcpEvents.push({
      created_at: at(end - g.int(7 * 24 * HOUR)),
      user_id: user,
      workspace_id: home.get(user)!,
      event_type: g.pick(['mcp_tool_call', 'mcp_tool_call', 'mcp_resource_read', 'mcp_session_start']),
      properties: { tool: g.pick(['list_tables', 'execute_sql', 'search_docs']), duration_ms: 20 + g.int(900) },
    });
  }
  for (let i = 0; i < 8; i++) {
    const target = g.pick(workspaces.filter((w) => w !== home.get(prober)));
    mcpEvents.push({
      created_at: at(end - 9 * HOUR + i * 4 * MINUTE),
      user_id: prober,
      workspace_id: target,
      event_type: 'mcp_tool_call',
      properties: { tool: 'execute_sql', error: `Access denied for workspace ${target}: caller is not a member` },
    });
  }

  events.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  mcpEvents.sort((a, b) => a.created_at.localeCompare(b.created_at));
  return { events, mcpEvents, actors: { harvester, exporter, prober, users, workspaces } };
}

/** The app around the audit log: tables the missing-rls preset finds (two forgot RLS) and the MCP events. */
const DEMO_APP_SCHEMA = `
create table public.workspaces (id uuid primary key, name text not null);
create table public.conversations (id uuid primary key, workspace_id uuid not null, user_id uuid not null, title text);
create table public.workspace_invites (id uuid primary key, workspace_id uuid not null, email text not null, token text not null);
create table public.feature_flags (name text primary key, enabled boolean not null default false);
create table public.analytics_events (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  user_id uuid, workspace_id uuid, event_type text not null, properties jsonb not null default '{}'
);
alter table public.workspaces enable row level security;
alter table public.conversations enable row level security;
alter table public.analytics_events enable row level security;
`;

const INSERT_EVENTS = `insert into public.security_audit_log (occurred_at, user_id, workspace_id, operation, severity, details)
  select occurred_at, user_id, workspace_id, operation, severity, details
  from jsonb_to_recordset($1::jsonb) as e(occurred_at timestamptz, user_id uuid, workspace_id uuid, operation text, severity text, details jsonb)`;

const INSERT_MCP_EVENTS = `insert into public.analytics_events (created_at, user_id, workspace_id, event_type, properties)
  select created_at, user_id, workspace_id, event_type, properties
  from jsonb_to_recordset($1::jsonb) as e(created_at timestamptz, user_id uuid, workspace_id uuid, event_type text, properties jsonb)`;

export interface DemoDatabase {
  database: PgliteDatabase;
  history: DemoHistory;
  /** Inserts a few routine events every `intervalMs` (as the app would), so live mode has something to show. */
  startTraffic(intervalMs?: number): () => void;
}

export async function createDemoDatabase(options: { now?: Date; seed?: number; routineEvents?: number } = {}): Promise<DemoDatabase> {
  const pglite = new PGlite();
  await pglite.exec(DEMO_APP_SCHEMA);
  await pglite.exec(auditMigrationSql());
  const history = generateHistory(options.now ?? new Date(), options.seed, options.routineEvents);
  await pglite.query(INSERT_EVENTS, [JSON.stringify(history.events)]);
  await pglite.query(INSERT_MCP_EVENTS, [JSON.stringify(history.mcpEvents)]);
  await pglite.exec('analyze');
  const traffic = new Generator((options.seed ?? 7) + 1);
  return {
    database: new PgliteDatabase(pglite),
    history,
    startTraffic(intervalMs = 4000) {
      const timer = setInterval(() => {
        const user = traffic.pick(history.actors.users);
        const kind = traffic.pick(ROUTINE);
        const event: AuditEventInput = {
          occurred_at: new Date().toISOString(),
          user_id: user,
          workspace_id: traffic.pick(history.actors.workspaces),
          operation: kind.operation,
          severity: kind.severity,
          details: { ip: traffic.ip(), live: true },
        };
        if (!pglite.closed) pglite.query(INSERT_EVENTS, [JSON.stringify([event])]).catch(() => undefined);
      }, intervalMs);
      return () => clearInterval(timer);
    },
  };
}
