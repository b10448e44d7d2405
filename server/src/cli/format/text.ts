import type { Severity } from '../../engine/finding';
import type { ScanResult } from '../../engine/scan';
import { countBySeverity, relativePath } from './report';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** ESLint-style: findings grouped by file, `line:col  severity  message  rule`, then a summary line. */
export function formatText(result: ScanResult, color: boolean): string {
  const paint = (code: keyof typeof COLORS, text: string) => (color ? `${COLORS[code]}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  const byFile = new Map<string, typeof result.findings>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    lines.push(paint('bold', relativePath(file, result.root)));
    for (const f of findings) {
      const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`.padEnd(8);
      const severity = paint(f.severity, f.severity.padEnd(7));
      const fixable = f.fixes?.length ? paint('dim', ' (fixable)') : '';
      lines.push(`  ${paint('dim', where)} ${severity} ${f.message}  ${paint('dim', f.ruleId)}${fixable}`);
    }
    lines.push('');
  }
  for (const s of result.skipped) lines.push(paint('dim', `${s.file}: ${s.message}`));
  if (result.skipped.length) lines.push('');
  lines.push(summaryLine(result, paint));
  return lines.join('\n');
}

function summaryLine(result: ScanResult, paint: (code: Severity | 'bold', text: string) => string): string {
  const counts = countBySeverity(result.findings);
  const total = result.findings.length;
  const scanned = `${result.files.length} file${result.files.length === 1 ? '' : 's'} scanned`;
  if (total === 0) return `✔ No problems found (${scanned}).`;
  const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.info} info`];
  const mark = counts.error ? paint('error', '✖') : counts.warning ? paint('warning', '⚠') : paint('info', 'ℹ');
  return `${mark} ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${scanned}.`;
}
