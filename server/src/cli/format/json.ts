import type { ScanResult } from '../../engine/scan';
import { relativeFinding, statsOf } from './report';

/** SPEC §5: `{version, findings, errors, stats}`, as an object (the MCP server's structured results). */
export function jsonReport(result: ScanResult) {
  return {
    version: 1,
    findings: result.findings.map((f) => relativeFinding(f, result.root)),
    errors: result.skipped.map((s) => ({ file: s.file, message: s.message })),
    stats: statsOf(result),
  };
}

export function formatJson(result: ScanResult): string {
  return JSON.stringify(jsonReport(result), null, 2);
}
