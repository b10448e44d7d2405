/**
 * Where the audit data lives: the tables and columns the presets read (SPEC §7), with a mapping for
 * projects whose audit tables have another shape. Names are validated and quoted here, once, because
 * identifiers cannot be passed as query parameters.
 */

export const AUDIT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];

/** Columns of the audit table; `workspaceId` may be null when the table has no tenant column. */
export interface AuditColumns {
  table: string;
  id: string;
  occurredAt: string;
  userId: string;
  workspaceId: string | null;
  operation: string;
  severity: string;
  details: string;
}

/**
 * MCP events of SPEC §7: `analytics_events` rows with `event_type like 'mcp_%'`. That table belongs to the app,
 * so only `eventType` and `properties` are required; other columns may be null (absent).
 */
export interface McpEventColumns {
  table: string;
  id: string | null;
  occurredAt: string | null;
  userId: string | null;
  workspaceId: string | null;
  eventType: string;
  properties: string;
}

export interface ColumnMapping {
  audit: AuditColumns;
  mcpEvents: McpEventColumns;
}

export const DEFAULT_MAPPING: ColumnMapping = {
  audit: {
    table: 'public.security_audit_log',
    id: 'id',
    occurredAt: 'occurred_at',
    userId: 'user_id',
    workspaceId: 'workspace_id',
    operation: 'operation',
    severity: 'severity',
    details: 'details',
  },
  mcpEvents: {
    table: 'public.analytics_events',
    id: 'id',
    occurredAt: 'created_at',
    userId: 'user_id',
    workspaceId: 'workspace_id',
    eventType: 'event_type',
    properties: 'properties',
  },
};

/** The mapping with a user's partial overrides (from settings or a config file) applied. */
export function resolveMapping(overrides?: { audit?: Partial<AuditColumns>; mcpEvents?: Partial<McpEventColumns> }): ColumnMapping {
  const mapping = {
    audit: { ...DEFAULT_MAPPING.audit, ...overrides?.audit },
    mcpEvents: { ...DEFAULT_MAPPING.mcpEvents, ...overrides?.mcpEvents },
  };
  for (const columns of [mapping.audit, mapping.mcpEvents]) {
    for (const [key, name] of Object.entries(columns)) {
      if (name !== null) {
        if (key === 'table') qualifiedName(name);
        else identifier(name);
      }
    }
  }
  return mapping;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export class MappingError extends Error {}

/** A quoted SQL identifier; anything but a plain name is refused rather than escaped. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new MappingError(`not a plain SQL identifier: ${JSON.stringify(name.slice(0, 64))}`);
  return `"${name}"`;
}

/** `schema.table` (schema defaults to public), quoted. */
export function qualifiedName(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2) throw new MappingError(`not a table name: ${JSON.stringify(name.slice(0, 64))}`);
  const [schema, table] = parts.length === 2 ? parts : ['public', parts[0]];
  return `${identifier(schema)}.${identifier(table)}`;
}

/** Timestamp columns apps commonly give their event tables, tried when the mapped one is absent. */
const EVENT_TIME_COLUMNS = ['created_at', 'occurred_at', 'inserted_at', 'timestamp', 'event_time'];

/**
 * The MCP event columns that exist in the live table (`present`), or null when the table cannot serve the
 * cross-tenant preset (no table, or no event type or properties column).
 */
export function resolveMcpColumns(mapping: McpEventColumns, present: readonly string[]): McpEventColumns | null {
  const has = (name: string | null): name is string => name !== null && present.includes(name);
  if (!has(mapping.eventType) || !has(mapping.properties)) return null;
  const pick = (name: string | null) => (has(name) ? name : null);
  return {
    ...mapping,
    id: pick(mapping.id),
    userId: pick(mapping.userId),
    workspaceId: pick(mapping.workspaceId),
    occurredAt: has(mapping.occurredAt) ? mapping.occurredAt : (EVENT_TIME_COLUMNS.find(has) ?? null),
  };
}

/** Columns quoted and qualified with an alias, for use in query text. */
export function quotedColumns<T extends object>(columns: T, alias: string): { [K in keyof T]: string } {
  const quoted = {} as { [K in keyof T]: string };
  for (const [key, name] of Object.entries(columns) as [keyof T & string, string | null][]) {
    quoted[key] = key === 'table' ? qualifiedName(name!) : name === null ? 'null' : `${alias}.${identifier(name)}`;
  }
  return quoted;
}
