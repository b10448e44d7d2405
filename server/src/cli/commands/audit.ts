import { AuditLog, type PresetResult } from '../../audit/audit-log';
import { PostgresDatabase, type AuditDatabase } from '../../audit/database';
import { createDemoDatabase } from '../../audit/demo';
import { AuditError } from '../../audit/errors';
import type { HealthScore } from '../../audit/health';
import { isPresetName, isSeverity, PRESET_NAMES, type AuditFilters, type PresetName, type ThresholdOverrides } from '../../audit/presets';
import { parseTimeBound, TimeRangeError } from '../../audit/time';
import { oneOf, parseCommandLine, UsageError } from '../args';
import type { Command } from '../main';

const FORMATS = ['text', 'json'] as const;
/** Presets whose rows are incidents: with --fail-on-detection any row makes the exit code 1, for cron and CI. */
const DETECTIONS: PresetName[] = ['credential-harvesting', 'conversation-exfiltration', 'cross-tenant', 'oauth-failures', 'missing-rls'];

export const command: Command = {
  summary: "Run the audit-log panel's presets against a database (or the demo) for scripts and cron",
  usage: `Usage: supaguard audit (--db URL | --demo) --preset NAME [--since 24h] [--until TIME] [--format text|json]
       [--user UUID] [--workspace UUID] [--operation TEXT] [--severity info,warning,critical]
       [--limit N] [--offset N] [--threshold N] [--window MINUTES] [--timeout MS] [--fail-on-detection]

Presets: ${PRESET_NAMES.join(', ')}.
--db defaults to $SUPAGUARD_DB_URL. --since and --until take a duration back from now (90m, 24h, 7d) or an ISO date.
--threshold and --window change the burst presets (credential-harvesting: more than 50 in 60 minutes;
conversation-exfiltration: more than 5 in 10 minutes). Queries run read-only with a statement timeout.
Exit code: 0 when the query ran; with --fail-on-detection, 1 when a detection preset finds something or the health
score is red (for cron and CI); 2 on a usage or database error.`,
  async run(args) {
    const { values } = parseCommandLine(args, {
      db: { type: 'string' },
      demo: { type: 'boolean' },
      preset: { type: 'string', short: 'p' },
      since: { type: 'string' },
      until: { type: 'string' },
      user: { type: 'string' },
      workspace: { type: 'string' },
      operation: { type: 'string' },
      severity: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      threshold: { type: 'string' },
      window: { type: 'string' },
      timeout: { type: 'string' },
      format: { type: 'string', short: 'f' },
      'fail-on-detection': { type: 'boolean' },
    });
    const failOnDetection = values['fail-on-detection'] === true;
    const format = oneOf('format', values.format, FORMATS, 'text');
    if (!values.preset) throw new UsageError(`--preset is required (one of ${PRESET_NAMES.join(', ')})`);
    if (!isPresetName(values.preset)) throw new UsageError(`--preset must be one of ${PRESET_NAMES.join(', ')} (got "${values.preset}")`);
    const preset = values.preset;
    const url = values.db ?? process.env.SUPAGUARD_DB_URL;
    if (values.demo && values.db) throw new UsageError('use either --db or --demo, not both');
    if (!values.demo && !url) throw new UsageError('--db URL (or SUPAGUARD_DB_URL) or --demo is required');
    if (!values.demo && !/^postgres(ql)?:\/\/[^\s]+$/.test(url!)) throw new UsageError('--db must be a postgres:// or postgresql:// URL');
    const filters = readFilters(values);
    const page = { limit: positiveInt('limit', values.limit) ?? 100, offset: positiveInt('offset', values.offset, true) ?? 0 };
    const thresholds = burstOverrides(preset, positiveInt('threshold', values.threshold, true), positiveInt('window', values.window));

    const database: AuditDatabase = values.demo ? (await createDemoDatabase()).database : new PostgresDatabase({ connectionString: url });
    const audit = new AuditLog(database, { thresholds, timeoutMs: positiveInt('timeout', values.timeout) ?? 15_000, maxRows: 10_000 });
    try {
      if (preset === 'health-score') {
        const health = await audit.health(filters);
        process.stdout.write(format === 'json' ? json({ preset, database: database.label, ...period(filters), ...health }) : healthText(health, database.label));
        return failOnDetection && health.band === 'red' ? 1 : 0;
      }
      const result = await audit.preset(preset, filters, page);
      process.stdout.write(
        format === 'json'
          ? json({ preset, database: database.label, ...period(filters), columns: result.columns, rows: result.rows, page: result.page, hasMore: result.hasMore })
          : resultText(result, database.label, filters),
      );
      return failOnDetection && DETECTIONS.includes(preset) && result.rows.length > 0 ? 1 : 0;
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      process.stderr.write(`supaguard: ${error.message}\n`);
      return 2;
    } finally {
      await database.close();
    }
  },
};

function readFilters(values: Record<string, string | boolean | undefined>): AuditFilters {
  const now = new Date();
  const time = (name: string, value: string) => {
    try {
      return parseTimeBound(value, now);
    } catch (error) {
      if (error instanceof TimeRangeError) throw new UsageError(`--${name}: ${error.message}`);
      throw error;
    }
  };
  const severity = typeof values.severity === 'string' ? values.severity.split(',').map((s) => s.trim()) : undefined;
  const unknown = severity?.find((s) => !isSeverity(s));
  if (unknown !== undefined) throw new UsageError(`--severity takes info, warning, critical (got "${unknown}")`);
  return {
    since: time('since', (values.since as string | undefined) ?? '24h'),
    until: typeof values.until === 'string' ? time('until', values.until) : undefined,
    user: values.user as string | undefined,
    workspace: values.workspace as string | undefined,
    operation: values.operation as string | undefined,
    severity,
  };
}

function positiveInt(name: string, value: string | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new UsageError(`--${name} must be a whole number${allowZero ? '' : ' above 0'} (got "${value}")`);
  return n;
}

function burstOverrides(preset: PresetName, count: number | undefined, windowMinutes: number | undefined): ThresholdOverrides {
  if (count === undefined && windowMinutes === undefined) return {};
  const burst = { ...(count !== undefined ? { count } : {}), ...(windowMinutes !== undefined ? { windowMinutes } : {}) };
  if (preset === 'credential-harvesting') return { credentialHarvesting: burst };
  if (preset === 'conversation-exfiltration') return { conversationExfiltration: burst };
  throw new UsageError('--threshold and --window apply to credential-harvesting and conversation-exfiltration');
}

const json = (value: object) => `${JSON.stringify({ version: 1, ...value }, null, 2)}\n`;
const period = (filters: AuditFilters) => ({ since: filters.since?.toISOString(), until: (filters.until ?? new Date()).toISOString() });

function cellText(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Audit data is attacker-controlled: no terminal escapes or line breaks reach the screen.
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
}

function resultText(result: PresetResult, label: string, filters: AuditFilters): string {
  const scope = result.preset === 'missing-rls' ? 'live catalog' : `since ${filters.since?.toISOString()}`;
  const header = `${result.preset} on ${label} (${scope}): ${result.rows.length}${result.hasMore ? '+' : ''} row${result.rows.length === 1 ? '' : 's'}`;
  if (!result.rows.length) return `${header}\n`;
  const columns = result.columns.filter((c) => c !== 'source' || result.preset === 'cross-tenant');
  const cells = result.rows.map((row) => columns.map((c) => cellText(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  const more = result.hasMore ? [`… more rows: use --offset ${result.page.offset + result.page.limit}`] : [];
  return [header, '', line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), ...more].join('\n') + '\n';
}

function healthText(health: HealthScore, label: string): string {
  const lines = [`Health score on ${label}: ${health.score}/100 (${health.band})`];
  for (const d of health.deductions) lines.push(`  -${d.points}  ${d.preset} (${d.findings})`);
  return `${lines.join('\n')}\n`;
}
