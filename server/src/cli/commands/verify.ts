import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyTree, type VerifiedScan } from '../../verify';
import { parseCommandLine } from '../args';
import type { Command } from '../main';
import { formatJson } from '../format/json';
import { relativePath } from '../format/report';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import { useColor, writeReport } from '../output';
import { packageVersion } from '../version';
import { failingFindings, REPORT_OPTIONS, reportSettings } from './scan';

export const command: Command = {
  summary: 'Replay each Supabase project’s migrations in an embedded Postgres and probe RLS across users',
  usage: `Usage: supaguard verify [paths…] [--format text|json|sarif] [--output FILE] [--emit-pgtap DIR] [--fail-on error|warning|info|never] [--config FILE]

Runs the static scan, then replays every Supabase project's migration history into an embedded Postgres
(PGlite) with a Supabase stand-in, checks the catalog, and probes every exposed table as two users and as
anon. Adds sql/migration-fails, sql/rls-cross-user-leak and sql/rls-anon-leak findings, and drops static
findings the database refutes. --emit-pgtap DIR writes the probes as pgTAP tests (for supabase/tests/).
Exit code: 0 when nothing at or above --fail-on (default error), 1 when something is, 2 on a usage or internal error.`,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, { ...REPORT_OPTIONS, 'emit-pgtap': { type: 'string' } });
    const { format, failOn, target } = reportSettings(values, positionals);
    const verified = await verifyTree({
      ...target,
      configFile: values.config,
      onProgress: progressWriter(),
      emitPgtap: values['emit-pgtap'] !== undefined,
    });
    if (values['emit-pgtap'] !== undefined) writePgtap(verified, values['emit-pgtap']);
    writeReport(formatVerified(verified, format, values.output), values.output);
    return failingFindings(verified.result.findings, failOn) ? 1 : 0;
  },
};

/** The scan formatters, with verified mode's numbers in the JSON stats and a summary after the text report. */
export function formatVerified(verified: VerifiedScan, format: 'text' | 'json' | 'sarif', outputFile?: string): string {
  const { result, summary } = verified;
  const withErrors = {
    ...result,
    skipped: [
      ...result.skipped,
      ...summary.projects.filter((p) => p.error).map((p) => ({ file: p.folder || '.', message: `not verified: ${p.error}` })),
    ],
  };
  if (format === 'json') return formatJson(withErrors, { verify: summaryStats(verified) });
  if (format === 'sarif') return formatSarif(withErrors, packageVersion());
  return `${formatText(withErrors, useColor(process.stdout, outputFile))}\n${verifyLines(verified).join('\n')}`;
}

function summaryStats({ result, summary }: VerifiedScan) {
  return {
    confirmed: summary.confirmed,
    refuted: summary.refuted,
    refutedFindings: summary.refutedFindings.map((f) => ({ ...f, file: relativePath(f.file, result.root) })),
    projects: summary.projects.map(({ pgtap: _pgtap, ...p }) => ({
      ...p,
      skippedStatements: p.skippedStatements.map((s) => ({ ...s, file: relativePath(s.file, result.root) })),
    })),
  };
}

function verifyLines({ result, summary }: VerifiedScan): string[] {
  const lines: string[] = [];
  for (const p of summary.projects) {
    const name = p.folder || '.';
    if (p.error) {
      lines.push(`Verified mode: ${name} not verified: ${p.error}`);
      continue;
    }
    const s = p.stats!;
    lines.push(
      `Verified mode: ${name}: ${s.statements} statements replayed (${s.failedStatements} failed), ` +
        `${s.tablesProbed} tables probed with ${s.probes} probes, ${s.leaks} leaking, in ${s.durationMs} ms.`,
    );
    for (const t of p.skippedTables) lines.push(`  skipped table ${t.table}: ${t.reason}`);
    for (const st of p.skippedStatements) lines.push(`  skipped statement ${relativePath(st.file, result.root)}:${st.line}: ${st.reason}`);
  }
  lines.push(`Static findings confirmed by the database: ${summary.confirmed}; refuted (dropped): ${summary.refuted}.`);
  return lines;
}

function writePgtap({ summary }: VerifiedScan, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const p of summary.projects) {
    if (!p.pgtap) continue;
    const name = `${(p.folder || 'project').replace(/[^\w-]+/g, '_')}_supaguard_rls.test.sql`;
    fs.writeFileSync(path.join(dir, p.folder ? name : 'supaguard_rls.test.sql'), p.pgtap);
  }
}

/** Progress on stderr, only on a terminal. */
function progressWriter(): ((message: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (message) => process.stderr.write(`\r\x1b[K${message}`);
}
