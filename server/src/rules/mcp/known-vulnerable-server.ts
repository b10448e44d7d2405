import * as semver from 'semver';
import type { Rule } from '../../engine/rule';
import type { McpUnit } from '../../languages/mcp';
import { packageArgument } from '../../languages/mcp/launch';
import { serverLabel, stringSites } from './_support';

/** Packages with published vulnerabilities, and the first fixed version. */
const VULNERABLE: { name: string; fixed: string; advisory: string }[] = [
  {
    name: 'mcp-remote',
    fixed: '0.1.16',
    advisory: 'CVE-2025-6514: a malicious remote server can run commands on your machine through the OAuth authorization url',
  },
  {
    name: '@modelcontextprotocol/inspector',
    fixed: '0.14.1',
    advisory: 'CVE-2025-49596: any website you visit can run commands on your machine through its unauthenticated proxy',
  },
];

const OMIT_AUTH = /^DANGEROUSLY_OMIT_AUTH(?:=(.*))?$/;

export const knownVulnerableServer: Rule<McpUnit> = {
  meta: {
    id: 'mcp/known-vulnerable-server',
    defaultSeverity: 'error',
    description: 'An MCP server or proxy version with a published vulnerability, or the Inspector with its authentication turned off.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      for (const known of VULNERABLE) {
        const found = packageArgument(server, known.name);
        if (!found?.version || !isBelow(found.version, known.fixed)) continue;
        report({
          message: `${serverLabel(server)} runs ${known.name}@${found.version}, before ${known.fixed} (${known.advisory}); use ${known.name}@${known.fixed} or later.`,
          range: found.arg.range,
        });
      }
      for (const site of stringSites(server)) {
        const assignment = site.kind === 'env' && site.key === 'DANGEROUSLY_OMIT_AUTH' ? site.str.value : OMIT_AUTH.exec(site.str.value)?.[1];
        if (assignment === undefined || /^(?:|false|0|no|off)$/i.test(assignment.trim())) continue;
        report({
          message: `${serverLabel(server)} sets DANGEROUSLY_OMIT_AUTH: the MCP Inspector's proxy then runs commands for any web page or process that reaches it; remove it.`,
          range: site.str.range,
        });
      }
    }
  },
};

/** Whether a version or range can only resolve to versions before `fixed` (tags like `latest` cannot be judged). */
function isBelow(version: string, fixed: string): boolean {
  if (semver.valid(version)) return semver.lt(version, fixed);
  const range = semver.validRange(version);
  return range !== null && !semver.intersects(range, `>=${fixed}`);
}
