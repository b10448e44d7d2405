/**
 * The query interface shared by the panel host and the CLI: presets, the chart's timeline, the health
 * score and live mode, over any AuditDatabase (a server or the embedded demo).
 */
import type { AuditDatabase, Row, SqlRunner } from './database';
import { AuditError, missingTableError } from './errors';
import { DEFAULT_HEALTH_WEIGHTS, healthScore, type HealthScore, type HealthWeights } from './health';
import { NOTIFY_CHANNEL, NOTIFY_TRIGGER } from './migration';
import {
  eventsAfter,
  latestId,
  Params,
  PRESET_COLUMNS,
  presetQuery,
  resolveThresholds,
  timelineQuery,
  type AuditFilters,
  type BuildContext,
  type BuiltQuery,
  type Capabilities,
  type PageRequest,
  type QueryPresetName,
  type ThresholdOverrides,
  type Thresholds,
} from './presets';
import { qualifiedName, resolveMapping, resolveMcpColumns, type ColumnMapping } from './schema';

export interface AuditLogOptions {
  mapping?: ColumnMapping;
  thresholds?: ThresholdOverrides;
  healthWeights?: HealthWeights;
  /** `statement_timeout` for every query. */
  timeoutMs?: number;
  /** No query returns more rows than this. */
  maxRows?: number;
  pollIntervalMs?: number;
}

export interface PresetResult {
  preset: QueryPresetName;
  columns: string[];
  rows: Row[];
  page: PageRequest;
  hasMore: boolean;
}

export interface TimelinePoint {
  bucket: string;
  severity: string;
  events: number;
}

export interface Timeline {
  bucketMinutes: number;
  points: TimelinePoint[];
}

export interface DatabaseState extends Capabilities {
  auditTable: boolean;
  notifyTrigger: boolean;
}

export interface LiveHandlers {
  onRows(rows: Row[]): void;
  onError(error: AuditError): void;
}

export interface LiveWatch {
  mode: 'notify' | 'poll';
  stop(): Promise<void>;
}

/** Dates become ISO strings and big integers numbers, so rows are the same from either back end and JSON-safe. */
function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function plainRow(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = plainValue(value);
  return out;
}

/** A bucket width that gives the chart between roughly 24 and 300 bars. */
export function bucketMinutesFor(rangeMs: number): number {
  const hours = rangeMs / 3_600_000;
  if (hours <= 2) return 1;
  if (hours <= 12) return 5;
  if (hours <= 48) return 15;
  if (hours <= 24 * 8) return 60;
  if (hours <= 24 * 40) return 360;
  return 1440;
}

export class AuditLog {
  readonly mapping: ColumnMapping;
  readonly thresholds: Thresholds;
  private readonly timeoutMs: number;
  private readonly maxRows: number;
  private state?: Promise<DatabaseState>;

  constructor(
    readonly db: AuditDatabase,
    private readonly options: AuditLogOptions = {},
  ) {
    this.mapping = options.mapping ?? resolveMapping();
    this.thresholds = resolveThresholds(options.thresholds);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRows = options.maxRows ?? 1000;
  }

  /** Which tables and the NOTIFY trigger exist; learned once, refreshed by `refreshState`. */
  databaseState(): Promise<DatabaseState> {
    this.state ??= this.readState().catch((error) => {
      this.state = undefined;
      throw error;
    });
    return this.state;
  }

  refreshState(): Promise<DatabaseState> {
    this.state = undefined;
    return this.databaseState();
  }

  private async readState(): Promise<DatabaseState> {
    const audit = qualifiedName(this.mapping.audit.table);
    const mcp = qualifiedName(this.mapping.mcpEvents.table);
    const [row] = await this.db.readOnly(
      (sql) =>
        sql.query(
          `select to_regclass($1) is not null as audit_table,
             array(select attname::text from pg_catalog.pg_attribute where attrelid = to_regclass($2) and attnum > 0 and not attisdropped) as mcp_columns,
             exists (select 1 from pg_catalog.pg_trigger where tgrelid = to_regclass($1) and tgname = $3 and not tgisinternal) as notify_trigger`,
          [audit, mcp, NOTIFY_TRIGGER],
        ),
      this.timeoutMs,
    );
    return {
      auditTable: Boolean(row.audit_table),
      mcpEvents: resolveMcpColumns(this.mapping.mcpEvents, (row.mcp_columns as string[] | null) ?? []),
      notifyTrigger: Boolean(row.notify_trigger),
    };
  }

  private async context(needsAuditTable: boolean): Promise<BuildContext> {
    const state = await this.databaseState();
    if (needsAuditTable && !state.auditTable) throw missingTableError(this.mapping.audit.table);
    return { mapping: this.mapping, thresholds: this.thresholds, capabilities: state, params: new Params() };
  }

  private async run(query: BuiltQuery, sql?: SqlRunner): Promise<Row[]> {
    const rows = sql ? await sql.query(query.sql, query.params) : await this.db.readOnly((s) => s.query(query.sql, query.params), this.timeoutMs);
    return rows.slice(0, this.maxRows + 1).map(plainRow);
  }

  async preset(preset: QueryPresetName, filters: AuditFilters = {}, page: Partial<PageRequest> = {}): Promise<PresetResult> {
    const limit = Math.max(1, Math.min(page.limit ?? 100, this.maxRows));
    const offset = Math.max(0, Math.floor(page.offset ?? 0));
    const ctx = await this.context(preset !== 'missing-rls');
    // One row past the page tells whether there is a next page without counting the whole range.
    const rows = await this.run(presetQuery(preset, filters, ctx, { limit: limit + 1, offset }));
    return { preset, columns: Object.keys(PRESET_COLUMNS[preset]), rows: rows.slice(0, limit), page: { limit, offset }, hasMore: rows.length > limit };
  }

  /** Runs every weighted preset over the filters' period (one transaction) and scores what they find. */
  async health(filters: AuditFilters = {}, weights: HealthWeights = this.options.healthWeights ?? DEFAULT_HEALTH_WEIGHTS): Promise<HealthScore> {
    const ctx = await this.context(true);
    const presets = Object.keys(weights) as QueryPresetName[];
    const counts = await this.db.readOnly(async (sql) => {
      const found: Partial<Record<QueryPresetName, number>> = {};
      for (const preset of presets) {
        const query = presetQuery(preset, filters, { ...ctx, params: new Params() }, { limit: this.maxRows, offset: 0 });
        found[preset] = (await this.run(query, sql)).length;
      }
      return found;
    }, this.timeoutMs);
    return healthScore(counts, weights);
  }

  async timeline(filters: AuditFilters & { since: Date }): Promise<Timeline> {
    const ctx = await this.context(true);
    const bucketMinutes = bucketMinutesFor((filters.until ?? new Date()).getTime() - filters.since.getTime());
    const rows = await this.db.readOnly((sql) => {
      const query = timelineQuery(filters, bucketMinutes, ctx);
      return sql.query(query.sql, query.params);
    }, this.timeoutMs);
    return { bucketMinutes, points: rows.map((row) => plainRow(row) as unknown as TimelinePoint) };
  }

  async latestId(): Promise<string | null> {
    const [row] = await this.run(latestId(await this.context(true)));
    return (row?.id as string | null) ?? null;
  }

  async eventsAfter(afterId: string | null, filters: AuditFilters = {}): Promise<Row[]> {
    const ctx = await this.context(true);
    return (await this.run(eventsAfter(afterId ?? '0', filters, ctx, this.maxRows))).slice(0, this.maxRows);
  }

  /**
   * Live mode: new audit rows as they are inserted. LISTEN on the migration's trigger channel when the
   * trigger exists (each notification triggers one catch-up query), polling otherwise.
   */
  async watch(filters: AuditFilters, handlers: LiveHandlers): Promise<LiveWatch> {
    const { notifyTrigger } = await this.refreshState();
    let lastId = await this.latestId();
    let running: Promise<void> | undefined;
    let again = false;
    const liveFilters = { ...filters, until: undefined };
    const pull = (): void => {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            const rows = await this.eventsAfter(lastId, liveFilters);
            if (rows.length) {
              lastId = String(rows[rows.length - 1].id);
              handlers.onRows(rows);
            }
          } catch (error) {
            handlers.onError(error instanceof AuditError ? error : new AuditError('query-failed', String(error)));
          }
        } while (again);
        running = undefined;
      })();
    };
    if (notifyTrigger) {
      const unlisten = await this.db.listen(NOTIFY_CHANNEL, pull, pull);
      return {
        mode: 'notify',
        stop: async () => {
          await unlisten();
          await running;
        },
      };
    }
    const timer = setInterval(pull, this.options.pollIntervalMs ?? 5000);
    return {
      mode: 'poll',
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  }
}
