import type { ScanResult } from '../../engine/scan';
import { relativeFinding, statsOf } from './report';

/**
 * SPEC §5: `{version, findings, errors, stats}`, as an object (the MCP server's structured results);
 * `extraStats` (verified mode's) are added to `stats`.
 */
export function jsonReport(result: ScanResult, extraStats?: Record<string, unknown>) {
  return {
    version: 1,
    findings: result.findings.map((f) => relativeFinding(f, result.root)),
    errors: result.skipped.map((s) => ({ file: s.file, message: s.message })),
    stats: { ...statsOf(result), ...extraStats },
  };
}

export function formatJson(result: ScanResult, extraStats?: Record<string, unknown>): string {
  return JSON.stringify(jsonReport(result, extraStats), null, 2);
}
