/**
 * The presets of SPEC §7 as parameterized SQL. Each builder returns query text with `$n` placeholders and the
 * values to bind; only quoted identifiers from the column mapping are spliced into the text. The audit-log
 * migration wraps the same text in SQL functions, so the panel, the CLI and the database agree.
 */
import { AUDIT_SEVERITIES, quotedColumns, type ColumnMapping, type McpEventColumns } from './schema';

export const PRESET_NAMES = [
  'recent',
  'service-role-usage',
  'credential-harvesting',
  'conversation-exfiltration',
  'cross-tenant',
  'oauth-failures',
  'missing-rls',
  'health-score',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
export type QueryPresetName = Exclude<PresetName, 'health-score'>;

export interface AuditFilters {
  since?: Date;
  until?: Date;
  /** Exact user id. */
  user?: string;
  /** Case-insensitive substring of the operation (or MCP event type). */
  operation?: string;
  severity?: string[];
  /** Exact workspace id. */
  workspace?: string;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface BurstThreshold {
  /** More than this many rows by one user inside the window is a finding. */
  count: number;
  windowMinutes: number;
  operations: string[];
}

export interface Thresholds {
  credentialHarvesting: BurstThreshold;
  conversationExfiltration: BurstThreshold;
  serviceRoleOperations: string[];
  crossTenant: { operations: string[]; mcpEventTypePattern: string; mcpErrorPatterns: string[] };
  oauthFailures: { operationPattern: string; severities: string[] };
  /** Schemas whose tables must have RLS (Supabase exposes `public` through its Data API). */
  rlsSchemas: string[];
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  credentialHarvesting: { count: 50, windowMinutes: 60, operations: ['credential_access', 'api_key_access', 'secret_access'] },
  conversationExfiltration: { count: 5, windowMinutes: 10, operations: ['conversation_export'] },
  serviceRoleOperations: ['service_role_usage'],
  crossTenant: {
    operations: ['cross_tenant_access_denied'],
    mcpEventTypePattern: 'mcp\\_%',
    mcpErrorPatterns: ['%access%denied%workspace%', '%workspace%access%denied%'],
  },
  oauthFailures: { operationPattern: '%oauth%', severities: ['warning', 'critical'] },
  rlsSchemas: ['public'],
};

export type ThresholdOverrides = { [K in keyof Thresholds]?: Partial<Thresholds[K]> | Thresholds[K] };

export function resolveThresholds(overrides: ThresholdOverrides = {}): Thresholds {
  const merged = { ...DEFAULT_THRESHOLDS } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const base = (DEFAULT_THRESHOLDS as unknown as Record<string, unknown>)[key];
    if (base === undefined || value === undefined) continue;
    merged[key] = Array.isArray(base) ? value : { ...(base as object), ...(value as object) };
  }
  return merged as unknown as Thresholds;
}

/** Collects bound values and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

/** Result columns of the event-shaped presets, in order, with their SQL types (the migration needs them). */
export const EVENT_COLUMNS = {
  source: 'text',
  id: 'text',
  occurred_at: 'timestamptz',
  user_id: 'text',
  workspace_id: 'text',
  operation: 'text',
  severity: 'text',
  details: 'jsonb',
} as const;

export const BURST_COLUMNS = {
  user_id: 'text',
  window_start: 'timestamptz',
  window_end: 'timestamptz',
  events: 'integer',
  total_events: 'integer',
  operations: 'text[]',
} as const;

export const MISSING_RLS_COLUMNS = { schema_name: 'text', table_name: 'text', estimated_rows: 'double precision' } as const;

export const PRESET_COLUMNS: Record<QueryPresetName, Record<string, string>> = {
  recent: EVENT_COLUMNS,
  'service-role-usage': EVENT_COLUMNS,
  'credential-harvesting': BURST_COLUMNS,
  'conversation-exfiltration': BURST_COLUMNS,
  'cross-tenant': EVENT_COLUMNS,
  'oauth-failures': EVENT_COLUMNS,
  'missing-rls': MISSING_RLS_COLUMNS,
};

/** What the query may assume about the database, learned once per connection. */
export interface Capabilities {
  /** The MCP event columns present in the database, or null when there is no usable table. */
  mcpEvents: McpEventColumns | null;
}

export interface BuildContext {
  mapping: ColumnMapping;
  thresholds: Thresholds;
  capabilities: Capabilities;
  params: Params;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface FilterColumns {
  occurredAt: string;
  userId: string;
  workspaceId: string;
  operation: string;
  /** An expression: MCP events have no severity column and count as warnings. */
  severity: string;
}

/** Absent columns are quoted as `null`: a filter on one matches nothing, a time range cannot apply. */
function filterConditions(filters: AuditFilters, c: FilterColumns, p: Params): string[] {
  const where: string[] = [];
  const timed = c.occurredAt !== 'null';
  const equals = (column: string, value: string) => (column === 'null' ? 'false' : `${column} = ${p.add(value)}`);
  if (filters.since && timed) where.push(`${c.occurredAt} >= ${p.add(filters.since)}`);
  if (filters.until && timed) where.push(`${c.occurredAt} < ${p.add(filters.until)}`);
  if (filters.user) where.push(equals(c.userId, filters.user));
  if (filters.workspace) where.push(equals(c.workspaceId, filters.workspace));
  if (filters.operation) where.push(`${c.operation} ilike ${p.add(`%${escapeLike(filters.operation)}%`)}`);
  if (filters.severity?.length) where.push(`${c.severity}::text = any(${p.add(filters.severity)}::text[])`);
  return where;
}

/** WHERE conditions on the audit table (alias `a`) from the panel's filters. */
function auditConditions(filters: AuditFilters, ctx: BuildContext): string[] {
  return filterConditions(filters, quotedColumns(ctx.mapping.audit, 'a'), ctx.params);
}

function mcpConditions(filters: AuditFilters, columns: McpEventColumns, ctx: BuildContext): string[] {
  const m = quotedColumns(columns, 'm');
  return filterConditions(filters, { ...m, operation: m.eventType, severity: "'warning'" }, ctx.params);
}

const whereClause = (conditions: string[]) => (conditions.length ? `where ${conditions.join(' and ')}` : '');

function pageClause(page: PageRequest | undefined, params: Params): string {
  return page ? `limit ${params.add(page.limit)} offset ${params.add(page.offset)}` : '';
}

function auditEventSelect(ctx: BuildContext): string {
  const c = quotedColumns(ctx.mapping.audit, 'a');
  return `select 'audit'::text as source, ${c.id}::text as id, ${c.occurredAt}::timestamptz as occurred_at, ${c.userId}::text as user_id,
    ${c.workspaceId}::text as workspace_id, ${c.operation}::text as operation, ${c.severity}::text as severity, ${c.details}::jsonb as details
  from ${c.table} a`;
}

/** Audit rows matching the filters and extra conditions, newest first. */
export function auditEvents(filters: AuditFilters, ctx: BuildContext, page?: PageRequest, extra: string[] = []): BuiltQuery {
  const where = [...extra, ...auditConditions(filters, ctx)];
  const sql = `${auditEventSelect(ctx)}
  ${whereClause(where)}
  order by 3 desc, ${quotedColumns(ctx.mapping.audit, 'a').id} desc
  ${pageClause(page, ctx.params)}`;
  return { sql, params: ctx.params.values };
}

/** Audit rows newer than `afterId`, oldest first: what live mode appends. */
export function eventsAfter(afterId: string, filters: AuditFilters, ctx: BuildContext, limit: number): BuiltQuery {
  const c = quotedColumns(ctx.mapping.audit, 'a');
  const where = [`${c.id} > ${ctx.params.add(afterId)}`, ...auditConditions(filters, ctx)];
  const sql = `${auditEventSelect(ctx)} ${whereClause(where)} order by ${c.id} asc limit ${ctx.params.add(limit)}`;
  return { sql, params: ctx.params.values };
}

/** The newest id, where live mode starts. */
export function latestId(ctx: BuildContext): BuiltQuery {
  const c = quotedColumns(ctx.mapping.audit, 'a');
  return { sql: `select max(${c.id})::text as id from ${c.table} a`, params: ctx.params.values };
}

function operationIn(operations: string[], ctx: BuildContext): string {
  return `${quotedColumns(ctx.mapping.audit, 'a').operation} = any(${ctx.params.add(operations)}::text[])`;
}

/** One user with more than `count` matching rows inside any window of `windowMinutes` (ends included). */
export function burstQuery(threshold: BurstThreshold, filters: AuditFilters, ctx: BuildContext, page?: PageRequest): BuiltQuery {
  const c = quotedColumns(ctx.mapping.audit, 'a');
  const p = ctx.params;
  const where = [operationIn(threshold.operations, ctx), `${c.userId} is not null`, ...auditConditions(filters, ctx)];
  const windowLength = `make_interval(mins => ${p.add(threshold.windowMinutes)}::int)`;
  const sql = `with scoped as (
    select ${c.userId}::text as user_id, ${c.occurredAt}::timestamptz as occurred_at, ${c.operation}::text as operation
    from ${c.table} a ${whereClause(where)}
  ), windows as (
    select user_id, occurred_at as window_start,
      count(*) over (partition by user_id order by occurred_at
                     range between current row and ${windowLength} following) as events
    from scoped
  ), worst as (
    select distinct on (user_id) user_id, window_start, events
    from windows where events > ${p.add(threshold.count)}::int
    order by user_id, events desc, window_start
  )
  select w.user_id, w.window_start, w.window_start + ${windowLength} as window_end, w.events::int as events,
    (select count(*)::int from scoped s where s.user_id = w.user_id) as total_events,
    (select array_agg(distinct s.operation order by s.operation) from scoped s
      where s.user_id = w.user_id and s.occurred_at between w.window_start and w.window_start + ${windowLength}) as operations
  from worst w
  order by w.events desc, w.user_id
  ${pageClause(page, p)}`;
  return { sql, params: p.values };
}

/** Denied cross-tenant attempts from the audit log, plus MCP tool calls refused for another workspace. */
export function crossTenantQuery(filters: AuditFilters, ctx: BuildContext, page?: PageRequest): BuiltQuery {
  const p = ctx.params;
  const { operations, mcpEventTypePattern, mcpErrorPatterns } = ctx.thresholds.crossTenant;
  const audit = `${auditEventSelect(ctx)} ${whereClause([operationIn(operations, ctx), ...auditConditions(filters, ctx)])}`;
  let mcp = '';
  const mcpColumns = ctx.capabilities.mcpEvents;
  if (mcpColumns) {
    const m = quotedColumns(mcpColumns, 'm');
    const where = [
      `${m.eventType} like ${p.add(mcpEventTypePattern)}`,
      `(${m.properties}::jsonb->>'error') ilike any(${p.add(mcpErrorPatterns)}::text[])`,
      ...mcpConditions(filters, mcpColumns, ctx),
    ];
    mcp = `union all
    select 'mcp'::text, ${m.id}::text, ${m.occurredAt}::timestamptz, ${m.userId}::text, ${m.workspaceId}::text,
      ${m.eventType}::text, 'warning'::text, ${m.properties}::jsonb
    from ${m.table} m ${whereClause(where)}`;
  }
  const sql = `select * from (${audit} ${mcp}) attempts order by occurred_at desc nulls last, id desc ${pageClause(page, p)}`;
  return { sql, params: p.values };
}

export function oauthFailuresQuery(filters: AuditFilters, ctx: BuildContext, page?: PageRequest): BuiltQuery {
  const c = quotedColumns(ctx.mapping.audit, 'a');
  const { operationPattern, severities } = ctx.thresholds.oauthFailures;
  const extra = [`${c.operation} ilike ${ctx.params.add(operationPattern)}`, `${c.severity}::text = any(${ctx.params.add(severities)}::text[])`];
  return auditEvents(filters, ctx, page, extra);
}

/** Ordinary and partitioned tables without RLS in the exposed schemas, from the live catalog. */
export function missingRlsQuery(ctx: BuildContext, page?: PageRequest): BuiltQuery {
  const p = ctx.params;
  const sql = `select n.nspname::text as schema_name, c.relname::text as table_name, greatest(c.reltuples, 0)::float8 as estimated_rows
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and not c.relrowsecurity and n.nspname = any(${p.add(ctx.thresholds.rlsSchemas)}::text[])
  order by 1, 2
  ${pageClause(page, p)}`;
  return { sql, params: p.values };
}

export function presetQuery(preset: QueryPresetName, filters: AuditFilters, ctx: BuildContext, page?: PageRequest): BuiltQuery {
  switch (preset) {
    case 'recent':
      return auditEvents(filters, ctx, page);
    case 'service-role-usage':
      return auditEvents(filters, ctx, page, [operationIn(ctx.thresholds.serviceRoleOperations, ctx)]);
    case 'credential-harvesting':
      return burstQuery(ctx.thresholds.credentialHarvesting, filters, ctx, page);
    case 'conversation-exfiltration':
      return burstQuery(ctx.thresholds.conversationExfiltration, filters, ctx, page);
    case 'cross-tenant':
      return crossTenantQuery(filters, ctx, page);
    case 'oauth-failures':
      return oauthFailuresQuery(filters, ctx, page);
    case 'missing-rls':
      return missingRlsQuery(ctx, page);
  }
}

/** Events per time bucket and severity, for the chart. */
export function timelineQuery(filters: AuditFilters & { since: Date }, bucketMinutes: number, ctx: BuildContext): BuiltQuery {
  const c = quotedColumns(ctx.mapping.audit, 'a');
  const p = ctx.params;
  const bucket = `date_bin(make_interval(mins => ${p.add(bucketMinutes)}::int), ${c.occurredAt}::timestamptz, ${p.add(filters.since)}::timestamptz)`;
  const sql = `select ${bucket} as bucket, ${c.severity}::text as severity, count(*)::int as events
  from ${c.table} a ${whereClause(auditConditions(filters, ctx))}
  group by 1, 2 order by 1`;
  return { sql, params: p.values };
}

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

export function isSeverity(value: string): boolean {
  return (AUDIT_SEVERITIES as readonly string[]).includes(value);
}
