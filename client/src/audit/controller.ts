/**
 * The panel's host-side logic, free of VS Code so tests can drive it against a real page: it validates
 * webview messages, runs the shared audit queries (never in the webview), and posts typed results back.
 */
import {
  AuditError,
  AuditLog,
  isPresetName,
  isSeverity,
  parseTimeBound,
  PRESET_NAMES,
  rowsToCsv,
  rowsToJson,
  TimeRangeError,
  type AuditDatabase,
  type AuditFilters,
  type AuditLogOptions,
  type ConnectionStatus,
  type LiveWatch,
  type Row,
} from '../../../server/out/audit';
import type { Cell, ConnectionInfo, FilterInput, PresetInfo, QueryRequest, ToHost, ToWebview } from './protocol';

export interface ConnectionProvider {
  list(): Promise<ConnectionInfo[]>;
  /** Opens a connection (may ask for a password or refuse in an untrusted workspace). */
  open(id: string, onStatus: (status: ConnectionStatus) => void): Promise<{ database: AuditDatabase; options: AuditLogOptions }>;
}

export interface ControllerHost {
  post(message: ToWebview): void;
  connections: ConnectionProvider;
  saveExport(content: string, format: 'csv' | 'json'): Promise<void>;
  createMigration(): Promise<void>;
  addConnection(): Promise<string | undefined>;
  onHealth?(score: number, band: 'green' | 'yellow' | 'red', connection: string): void;
}

export const PRESETS: PresetInfo[] = [
  { id: 'recent', title: 'Recent events', description: 'Newest audit events first' },
  { id: 'service-role-usage', title: 'Service-role usage', description: 'Every use of the service-role key' },
  { id: 'credential-harvesting', title: 'Credential harvesting', description: 'More than 50 credential reads by one user in an hour' },
  { id: 'conversation-exfiltration', title: 'Conversation exfiltration', description: 'More than 5 conversation exports in 10 minutes' },
  { id: 'cross-tenant', title: 'Cross-tenant attempts', description: 'Denied access to another workspace, from the log and MCP events' },
  { id: 'oauth-failures', title: 'OAuth failures', description: 'OAuth operations logged as warning or critical' },
  { id: 'missing-rls', title: 'Tables without RLS', description: 'From the live catalog' },
  { id: 'health-score', title: 'Health score', description: '0–100 from what the other presets find' },
];

const MAX_TEXT = 200;
const EXPORT_ROWS = 10_000;

function text(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw new AuditError('bad-input', `The ${name} filter must be text of at most ${MAX_TEXT} characters`);
  return value.trim() || undefined;
}

/** The webview's query, checked field by field; anything odd is refused rather than passed on. */
export function validateQuery(input: unknown): QueryRequest {
  const q = (input ?? {}) as Partial<QueryRequest>;
  if (typeof q.preset !== 'string' || !isPresetName(q.preset)) throw new AuditError('bad-input', `Unknown preset (one of ${PRESET_NAMES.join(', ')})`);
  const f = (q.filters ?? {}) as Partial<FilterInput>;
  const severity = Array.isArray(f.severity) ? f.severity.filter((s): s is string => typeof s === 'string') : undefined;
  if (severity?.some((s) => !isSeverity(s))) throw new AuditError('bad-input', 'Severity must be info, warning or critical');
  const limit = Number(q.page?.limit ?? 100);
  const offset = Number(q.page?.offset ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) throw new AuditError('bad-input', 'Invalid page');
  return {
    preset: q.preset,
    filters: {
      since: text(f.since, 'since') ?? '24h',
      until: text(f.until, 'until'),
      user: text(f.user, 'user'),
      workspace: text(f.workspace, 'workspace'),
      operation: text(f.operation, 'operation'),
      severity: severity?.length ? severity : undefined,
    },
    page: { limit, offset },
  };
}

export function toFilters(input: FilterInput, now = new Date()): AuditFilters & { since: Date } {
  try {
    return {
      since: parseTimeBound(input.since, now),
      until: input.until ? parseTimeBound(input.until, now) : undefined,
      user: input.user,
      workspace: input.workspace,
      operation: input.operation,
      severity: input.severity,
    };
  } catch (error) {
    if (error instanceof TimeRangeError) throw new AuditError('bad-input', `Time range: ${error.message}`);
    throw error;
  }
}

const cells = (rows: Row[]) => rows as Record<string, Cell>[];

export class AuditController {
  private audit?: AuditLog;
  private connection?: ConnectionInfo;
  private query?: QueryRequest;
  private live?: LiveWatch;
  private liveWanted = false;
  /** Each connect bumps this, so results of an older connection never reach the page. */
  private generation = 0;

  constructor(private readonly host: ControllerHost) {}

  async handle(message: ToHost): Promise<void> {
    try {
      switch (message?.type) {
        case 'ready':
          await this.ready(message.state);
          break;
        case 'connect':
          await this.connect(String(message.connectionId));
          break;
        case 'query':
          this.query = validateQuery(message.query);
          await this.refresh();
          break;
        case 'live':
          this.liveWanted = Boolean(message.enabled);
          await this.restartLive();
          break;
        case 'export':
          await this.export(message.format === 'json' ? 'json' : 'csv');
          break;
        case 'createMigration':
          await this.host.createMigration();
          break;
        case 'addConnection': {
          const id = await this.host.addConnection();
          this.host.post({ type: 'init', connections: await this.host.connections.list(), presets: PRESETS });
          if (id) await this.connect(id);
          break;
        }
      }
    } catch (error) {
      this.reportError(error);
    }
  }

  private async ready(state: { connectionId?: string; query?: unknown; live?: boolean } | undefined): Promise<void> {
    const connections = await this.host.connections.list();
    this.host.post({ type: 'init', connections, presets: PRESETS });
    if (state?.query) this.query = validateQuery(state.query);
    this.liveWanted = Boolean(state?.live);
    const restored = connections.find((c) => c.id === state?.connectionId);
    if (restored && this.audit && this.connection?.id === restored.id) {
      // The page was recreated (hidden and shown again): keep the open connection, resend what it shows.
      this.host.post({ type: 'status', state: 'connected', message: `Connected to ${restored.name} (${this.audit.db.label})`, connectionId: restored.id });
      await this.refresh();
      await this.restartLive();
    } else if (restored) {
      await this.connect(restored.id);
    } else {
      this.host.post({ type: 'status', state: 'idle', message: 'Choose a connection' });
    }
  }

  async connect(id: string): Promise<void> {
    const generation = ++this.generation;
    await this.disconnect();
    const info = (await this.host.connections.list()).find((c) => c.id === id);
    if (!info) throw new AuditError('bad-input', 'Unknown connection');
    this.host.post({ type: 'status', state: 'connecting', message: `Connecting to ${info.name}…`, connectionId: id });
    const { database, options } = await this.host.connections.open(id, (status) => this.reportStatus(status, info));
    if (generation !== this.generation) {
      await database.close();
      return;
    }
    this.connection = info;
    this.audit = new AuditLog(database, options);
    const state = await this.audit.databaseState();
    this.host.post({ type: 'status', state: 'connected', message: `Connected to ${info.name} (${database.label})`, connectionId: id });
    if (!state.auditTable) {
      this.reportError(new AuditError('missing-table', `${this.audit.mapping.audit.table} does not exist on ${info.name}: create it with the audit-log migration`));
    }
    await this.refresh();
    await this.restartLive();
  }

  private reportStatus(status: ConnectionStatus, info: ConnectionInfo): void {
    if (status.state === 'reconnecting') {
      this.host.post({ type: 'status', state: 'reconnecting', message: `${status.reason}; reconnecting in ${Math.round(status.delayMs / 100) / 10} s (attempt ${status.attempt})`, connectionId: info.id });
    } else if (status.state === 'connected') {
      this.host.post({ type: 'status', state: 'connected', message: `Reconnected to ${info.name}`, connectionId: info.id });
    } else {
      this.host.post({ type: 'status', state: 'error', message: status.reason, connectionId: info.id });
    }
  }

  private async refresh(): Promise<void> {
    const audit = this.audit;
    const query = this.query;
    if (!audit || !query) return;
    const generation = this.generation;
    const filters = toFilters(query.filters);
    const state = await audit.databaseState();
    const current = () => generation === this.generation && query === this.query;
    if (query.preset === 'health-score' || state.auditTable) {
      const health = await audit.health(filters);
      if (!current()) return;
      this.host.post({ type: 'health', score: health.score, band: health.band });
      this.host.onHealth?.(health.score, health.band, this.connection!.name);
      if (query.preset === 'health-score') {
        const rows = health.deductions.map((d) => ({ preset: d.preset, findings: d.findings, points: -d.points }));
        this.host.post({ type: 'result', query, columns: ['preset', 'findings', 'points'], rows, hasMore: false });
      }
    }
    if (state.auditTable && !(await this.refreshTimeline(audit))) return;
    if (query.preset !== 'health-score') {
      const result = await audit.preset(query.preset, filters, query.page);
      if (!current()) return;
      this.host.post({ type: 'result', query, columns: result.columns, rows: cells(result.rows), hasMore: result.hasMore });
    }
  }

  /** Posts the chart's data; false when the connection or query changed meanwhile. */
  private async refreshTimeline(audit: AuditLog): Promise<boolean> {
    const query = this.query;
    if (!query) return false;
    try {
      const timeline = await audit.timeline(toFilters(query.filters));
      if (audit !== this.audit || query !== this.query) return false;
      this.host.post({ type: 'timeline', ...timeline });
      return true;
    } catch (error) {
      this.reportError(error);
      return false;
    }
  }

  private async restartLive(): Promise<void> {
    await this.live?.stop();
    this.live = undefined;
    const audit = this.audit;
    if (!this.liveWanted || !audit || !(await audit.databaseState()).auditTable) {
      this.host.post({ type: 'live', mode: 'off' });
      return;
    }
    const filters = this.query ? toFilters(this.query.filters) : {};
    this.live = await audit.watch(filters, {
      onRows: (rows) => {
        this.host.post({ type: 'liveRows', rows: cells(rows) });
        void this.refreshTimeline(audit);
      },
      onError: (error) => this.reportError(error),
    });
    this.host.post({ type: 'live', mode: this.live.mode });
  }

  private async export(format: 'csv' | 'json'): Promise<void> {
    if (!this.audit || !this.query || this.query.preset === 'health-score') throw new AuditError('bad-input', 'Run a preset before exporting');
    const result = await this.audit.preset(this.query.preset, toFilters(this.query.filters), { limit: EXPORT_ROWS, offset: 0 });
    await this.host.saveExport(format === 'csv' ? rowsToCsv(result.columns, result.rows) : rowsToJson(result.rows), format);
  }

  private reportError(error: unknown): void {
    const failure = error instanceof AuditError ? error : new AuditError('query-failed', error instanceof Error ? error.message : String(error));
    this.host.post({ type: 'error', kind: failure.kind, message: failure.message, offerMigration: failure.kind === 'missing-table' });
  }

  private async disconnect(): Promise<void> {
    await this.live?.stop();
    this.live = undefined;
    const audit = this.audit;
    this.audit = undefined;
    this.connection = undefined;
    await audit?.db.close();
  }

  async dispose(): Promise<void> {
    this.generation++;
    await this.disconnect();
  }
}
