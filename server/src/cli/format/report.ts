import * as path from 'node:path';
import type { Finding, Fix, RelatedLocation } from '../../engine/finding';
import type { ScanResult } from '../../engine/scan';

/** A finding as front ends print it: `file` relative to the scanned root, `/`-separated. */
export function relativeFinding(finding: Finding, root: string): Finding {
  const rel = (file: string) => relativePath(file, root);
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: rel(finding.file),
    range: finding.range,
    fixes: (finding.fixes ?? []).map((fix: Fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, file: rel(e.file) })) })),
    related: (finding.related ?? []).map((r: RelatedLocation) => ({ ...r, file: rel(r.file) })),
  };
}

export function relativePath(file: string, root: string): string {
  const rel = path.posix.relative(root, file);
  return rel.startsWith('..') || path.posix.isAbsolute(rel) ? file : rel;
}

export function countBySeverity(findings: readonly Finding[]) {
  return {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
}

export function statsOf(result: ScanResult) {
  return {
    files: result.files.length,
    filesByLanguage: result.filesByLanguage,
    findings: countBySeverity(result.findings),
    suppressed: result.suppressed,
    skipped: result.skipped.length,
    durationMs: result.durationMs,
  };
}
