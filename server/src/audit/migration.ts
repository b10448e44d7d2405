/**
 * The audit-log migration: `security_audit_log` as SPEC §7 defines it, admin-only reads under RLS, an
 * append-only grant set, a statement trigger that NOTIFYs live panels, and one SQL function per detection
 * preset. The function bodies are the very query text the panel and the CLI run (built by presets.ts), so
 * a cron job calling `supaguard.credential_harvesting()` sees what the panel shows.
 */
import {
  DEFAULT_THRESHOLDS,
  Params,
  PRESET_COLUMNS,
  presetQuery,
  type AuditFilters,
  type BuildContext,
  type PageRequest,
  type QueryPresetName,
  type Thresholds,
} from './presets';
import { DEFAULT_MAPPING } from './schema';

export const NOTIFY_CHANNEL = 'supaguard_audit';
export const NOTIFY_TRIGGER = 'security_audit_log_notify';

/** A function argument standing in for a bound value while the preset text is built. */
class FunctionArg {
  constructor(
    readonly name: string,
    readonly type: string,
    readonly defaultSql: string,
  ) {}
}

const textArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
const burstArgs = (prefix: string, threshold: Thresholds['credentialHarvesting']) => ({
  count: new FunctionArg('p_threshold', 'integer', String(threshold.count)),
  windowMinutes: new FunctionArg('p_window_minutes', 'integer', String(threshold.windowMinutes)),
  operations: new FunctionArg(`p_${prefix}_operations`, 'text[]', textArray(threshold.operations)),
});

/** Thresholds whose every value is a function argument with the shipped default. */
function symbolicThresholds(): Thresholds {
  const d = DEFAULT_THRESHOLDS;
  const symbolic = {
    credentialHarvesting: burstArgs('credential', d.credentialHarvesting),
    conversationExfiltration: burstArgs('export', d.conversationExfiltration),
    serviceRoleOperations: new FunctionArg('p_operations', 'text[]', textArray(d.serviceRoleOperations)),
    crossTenant: {
      operations: new FunctionArg('p_operations', 'text[]', textArray(d.crossTenant.operations)),
      mcpEventTypePattern: new FunctionArg('p_mcp_event_type_pattern', 'text', `'${d.crossTenant.mcpEventTypePattern}'`),
      mcpErrorPatterns: new FunctionArg('p_mcp_error_patterns', 'text[]', textArray(d.crossTenant.mcpErrorPatterns)),
    },
    oauthFailures: {
      operationPattern: new FunctionArg('p_operation_pattern', 'text', `'${d.oauthFailures.operationPattern}'`),
      severities: new FunctionArg('p_severities', 'text[]', textArray(d.oauthFailures.severities)),
    },
    rlsSchemas: new FunctionArg('p_schemas', 'text[]', textArray(d.rlsSchemas)),
  };
  return symbolic as unknown as Thresholds;
}

const TIME_ARGS = {
  since: new FunctionArg('p_since', 'timestamptz', "now() - interval '24 hours'"),
  until: new FunctionArg('p_until', 'timestamptz', 'now()'),
};
const PAGE_ARGS = {
  limit: new FunctionArg('p_limit', 'integer', '1000'),
  offset: new FunctionArg('p_offset', 'integer', '0'),
};

interface Body {
  sql: string;
  args: FunctionArg[];
}

function presetBody(preset: QueryPresetName, mcpEventsTable: boolean): Body {
  const ctx: BuildContext = {
    mapping: DEFAULT_MAPPING,
    thresholds: symbolicThresholds(),
    capabilities: { mcpEvents: mcpEventsTable ? DEFAULT_MAPPING.mcpEvents : null },
    params: new Params(),
  };
  const filters = preset === 'missing-rls' ? {} : (TIME_ARGS as unknown as AuditFilters);
  const { sql, params } = presetQuery(preset, filters, ctx, PAGE_ARGS as unknown as PageRequest);
  const args = params.map((value) => {
    if (!(value instanceof FunctionArg)) throw new Error(`preset ${preset} binds a value that is not a function argument`);
    return value;
  });
  return { sql, args };
}

/** Arguments in a stable order for positional calls: the period first, then thresholds, then paging. */
function signature(bodies: Body[]): string {
  const seen = new Map<string, FunctionArg>();
  for (const arg of bodies.flatMap((b) => b.args)) seen.set(arg.name, arg);
  const rank = (arg: FunctionArg) => (arg === TIME_ARGS.since ? 0 : arg === TIME_ARGS.until ? 1 : arg === PAGE_ARGS.limit ? 3 : arg === PAGE_ARGS.offset ? 4 : 2);
  return [...seen.values()]
    .sort((a, b) => rank(a) - rank(b)).map((a) => `${a.name} ${a.type} default ${a.defaultSql}`).join(',\n  ');
}

const returnQuery = (body: Body) => `return query execute $query$
${body.sql.replace(/^\s+/gm, '    ')}
  $query$ using ${body.args.map((a) => a.name).join(', ')};`;

export function presetFunctionName(preset: QueryPresetName): string {
  return `supaguard.${preset.replace(/-/g, '_')}`;
}

function presetFunction(preset: QueryPresetName): string {
  const columns = Object.entries(PRESET_COLUMNS[preset]).map(([name, type]) => `${name} ${type}`).join(', ');
  const withMcp = presetBody(preset, true);
  const auditOnly = presetBody(preset, false);
  // Only cross-tenant reads analytics_events, which belongs to the app and may not exist (yet); the function
  // expects its documented columns (created_at, user_id, workspace_id, event_type, properties).
  const body =
    withMcp.sql === auditOnly.sql
      ? returnQuery(auditOnly)
      : `if to_regclass('public.analytics_events') is null then
    ${returnQuery(auditOnly)}
  end if;
  ${returnQuery(withMcp)}`;
  return `create or replace function ${presetFunctionName(preset)}(
  ${signature([withMcp, auditOnly])}
) returns table (${columns})
language plpgsql stable security invoker set search_path = ''
as $function$
begin
  ${body}
end
$function$;
revoke all on function ${presetFunctionName(preset)} from public;`;
}

/** Every preset that is a query (the health score is computed from them). */
const QUERY_PRESETS = Object.keys(PRESET_COLUMNS) as QueryPresetName[];

export function auditMigrationSql(): string {
  return `-- Supaguard audit log (generated by \`supaguard audit-migration\`).
-- security_audit_log: append-only security events, readable only by admins; a statement trigger notifies
-- live audit panels on channel ${NOTIFY_CHANNEL}; supaguard.* functions run the panel's detection presets.
-- Safe to apply twice.

create table if not exists public.security_audit_log (
  id bigint generated by default as identity primary key,
  occurred_at timestamptz not null default now(),
  user_id uuid,
  workspace_id uuid,
  operation text not null,
  severity text not null default 'info' check (severity in ('info', 'warning', 'critical')),
  details jsonb default '{}'::jsonb
);
comment on table public.security_audit_log is 'Security events (SPEC: Supaguard audit-log panel). Append-only; admins read.';

-- Newest-first paging, per-user and per-operation lookups over a time range.
create index if not exists security_audit_log_occurred_at_idx on public.security_audit_log (occurred_at desc, id desc);
create index if not exists security_audit_log_user_idx on public.security_audit_log (user_id, occurred_at desc);
create index if not exists security_audit_log_operation_idx on public.security_audit_log (operation, occurred_at desc);

alter table public.security_audit_log enable row level security;

-- Reads: only users whose JWT carries app_metadata.role = 'admin' (set by the service role, not the user).
-- The service role and the table owner bypass RLS to write; nobody updates or deletes through the API.
drop policy if exists "security_audit_log: admins read" on public.security_audit_log;
-- supaguard-ignore sql/tenant-isolation-missing: the security team reads every workspace's events on purpose
create policy "security_audit_log: admins read" on public.security_audit_log
  for select
  using ((select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'app_metadata' ->> 'role', '')) = 'admin');

revoke all on public.security_audit_log from public;
do $grants$
begin
  if exists (select from pg_catalog.pg_roles where rolname = 'anon') then
    revoke all on public.security_audit_log from anon;
  end if;
  if exists (select from pg_catalog.pg_roles where rolname = 'authenticated') then
    revoke all on public.security_audit_log from authenticated;
    grant select on public.security_audit_log to authenticated;
  end if;
  if exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    revoke all on public.security_audit_log from service_role;
    grant select, insert on public.security_audit_log to service_role;
  end if;
end
$grants$;

-- Not in an API-exposed schema: these functions are for the database owner, cron jobs and the panel.
create schema if not exists supaguard;
revoke all on schema supaguard from public;

create or replace function supaguard.notify_audit_insert() returns trigger
language plpgsql security invoker set search_path = ''
as $function$
begin
  perform pg_catalog.pg_notify('${NOTIFY_CHANNEL}',
    (select jsonb_build_object('max_id', max(id)::text, 'rows', count(*))::text from inserted));
  return null;
end
$function$;

drop trigger if exists ${NOTIFY_TRIGGER} on public.security_audit_log;
create trigger ${NOTIFY_TRIGGER}
  after insert on public.security_audit_log
  referencing new table as inserted
  for each statement execute function supaguard.notify_audit_insert();

${QUERY_PRESETS.map(presetFunction).join('\n\n')}

do $grants$
begin
  if exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    grant usage on schema supaguard to service_role;
    grant execute on all functions in schema supaguard to service_role;
  end if;
end
$grants$;
`;
}
