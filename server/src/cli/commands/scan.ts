import * as fs from 'node:fs';
import * as path from 'node:path';
import { severityRank, SEVERITIES, type Severity } from '../../engine/finding';
import { scan } from '../../engine/scan';
import { oneOf, parseCommandLine, UsageError } from '../args';
import type { Command } from '../main';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import { useColor, writeReport } from '../output';
import { packageVersion } from '../version';

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = [...SEVERITIES, 'never'] as const;

/** The options of every command that reads a tree and prints a report (scan, verify, checklist, inventory). */
export const TARGET_OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
} as const;

/** The options every command that prints a findings report takes (scan, verify). */
export const REPORT_OPTIONS = { ...TARGET_OPTIONS, 'fail-on': { type: 'string' } } as const;

/** Validated report options and the scan target. */
export function reportSettings(values: { format?: string; 'fail-on'?: string; config?: string }, positionals: string[]) {
  const format = oneOf('format', values.format, FORMATS, 'text');
  const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
  const target = resolveTarget(positionals);
  return { format, failOn, target };
}

export const command: Command = {
  summary: 'Lint migrations, MCP configs, Supabase client code and .env files',
  usage: `Usage: supaguard scan [paths…] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|info|never] [--config FILE] [--verify]

Scans the given files or folders (default: the current folder). With one folder, findings are relative to it.
--verify also replays the migrations in an embedded Postgres and probes RLS (as \`supaguard verify\`).
Exit code: 0 when nothing at or above --fail-on (default error), 1 when something is, 2 on a usage or internal error.`,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, { ...REPORT_OPTIONS, verify: { type: 'boolean' } });
    if (values.verify) {
      const verify = (require('./verify') as typeof import('./verify')).command;
      return verify.run(args.filter((a) => a !== '--verify'));
    }
    const { format, failOn, target } = reportSettings(values, positionals);
    const result = await scan({ ...target, configFile: values.config });
    const report =
      format === 'json'
        ? formatJson(result)
        : format === 'sarif'
          ? formatSarif(result, packageVersion())
          : formatText(result, useColor(process.stdout, values.output));
    writeReport(report, values.output);
    return failingFindings(result.findings, failOn) ? 1 : 0;
  },
};

/** One folder: it is the root. Otherwise the current folder is the root and the paths are scanned under it. */
export function resolveTarget(positionals: string[]): { root: string; paths?: string[] } {
  for (const p of positionals) if (!fs.existsSync(p)) throw new UsageError(`path not found: ${p}`);
  if (positionals.length === 1 && fs.statSync(positionals[0]).isDirectory()) return { root: path.resolve(positionals[0]) };
  return { root: process.cwd(), paths: positionals.length ? positionals.map((p) => path.resolve(p)) : undefined };
}

export function failingFindings(findings: { severity: Severity }[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => severityRank(f.severity) >= severityRank(failOn));
}
