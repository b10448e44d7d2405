import type { Rule } from '../../engine/rule';
import type { McpUnit } from '../../languages/mcp';
import { replaceInString, substringRange } from '../../languages/mcp/json';
import { isLoopbackHost, urlSites } from '../../languages/mcp/launch';
import { serverLabel, stringSites } from './_support';

const DATABASE_URI = /\bpostgres(?:ql)?:\/\/(?:[^@\s/]+@)?([^/:?\s]+)[^\s]*?[?&](sslmode=disable)\b/g;

export const insecureTransport: Rule<McpUnit> = {
  meta: {
    id: 'mcp/insecure-transport',
    defaultSeverity: 'error',
    description: 'An MCP server is reached over plain http:// or ws:// (or a database without TLS) across the network.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      for (const site of urlSites(server)) {
        const scheme = site.url.protocol.slice(0, -1);
        if ((scheme !== 'http' && scheme !== 'ws') || isLocal(site.url.hostname)) continue;
        report({
          message:
            `${serverLabel(server)} is reached over unencrypted ${scheme}:// at ${site.url.host}: anyone on the path can read ` +
            `and change its tool calls and credentials; use ${scheme}s://.`,
          range: substringRange(config.file, site.str, site.start, site.end),
          fixes: [{ title: `Use ${scheme}s://`, safe: false, edits: [replaceInString(config.file, site.str, site.start, site.start + scheme.length, `${scheme}s`)] }],
        });
      }
      for (const site of stringSites(server)) {
        for (const m of site.str.value.matchAll(DATABASE_URI)) {
          if (isLocal(m[1])) continue;
          const start = m.index + m[0].length - m[2].length;
          report({
            message: `${serverLabel(server)} connects to the database at ${m[1]} with sslmode=disable: its password and every query cross the network unencrypted; use sslmode=require.`,
            range: substringRange(config.file, site.str, start, start + m[2].length),
            fixes: [{ title: 'Use sslmode=require', safe: false, edits: [replaceInString(config.file, site.str, start, start + m[2].length, 'sslmode=require')] }],
          });
        }
      }
    }
  },
};

/**
 * This machine (`0.0.0.0` as a destination too: mcp/bind-all-interfaces reports it), or a one-label name
 * such as `kong` or `db`: a container or compose service on the local network, not a route across the internet.
 */
function isLocal(hostname: string): boolean {
  return isLoopbackHost(hostname) || hostname === '0.0.0.0' || hostname === '[::]' || /^[A-Za-z][A-Za-z0-9_-]*$/.test(hostname);
}
