import type { Rule } from '../../engine/rule';
import type { McpServer, McpUnit } from '../../languages/mcp';
import { identifyServer } from '../../languages/mcp/identify';
import { commandLine } from '../../languages/mcp/launch';
import { serverLabel } from './_support';

/** Tool names that write, delete, deploy or run SQL or commands. */
const WRITE_TOOL =
  /(?:^|[_\-.]|(?<=[a-z])(?=[A-Z]))(?:execute|exec|run|apply|write|create|update|delete|drop|insert|upsert|remove|deploy|push|merge|alter|truncate|modify|edit|move|rename|patch|send|reset|restore|pause|rebuild|migrate|migration|sql|command|shell|bash|terminal|install|kill|grant|revoke)(?=$|[_\-.A-Z]|s$|s[_\-.])|^query$/i;

/** Servers known to offer write or SQL tools when they are not in read-only mode. */
const WRITE_CAPABLE = /supabase|postgres|mysql|sqlite|mongo|redis|neon|prisma|server-filesystem|filesystem|github|gitlab|desktop-commander|shell|terminal/i;

export const autoApprove: Rule<McpUnit> = {
  meta: {
    id: 'mcp/auto-approve',
    defaultSeverity: 'warning',
    description: 'Write or SQL tools of an MCP server run without asking (alwaysAllow, autoApprove, trust: true).',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      for (const tool of server.autoApproved) {
        if (!WRITE_TOOL.test(tool.value) && tool.value !== '*') continue;
        report({
          message:
            `${serverLabel(server)} auto-approves "${tool.value}", a tool that writes or runs SQL or commands: an injected ` +
            'instruction in any document the agent reads can call it without you seeing it; approve it per call.',
          range: tool.range,
        });
      }
      if (server.trust && hasWriteTools(server)) {
        report({
          message:
            `${serverLabel(server)} is trusted (trust: true), so every tool call runs without confirmation, and this server ` +
            'has write or SQL tools; remove trust or run the server read-only.',
          range: server.trust,
        });
      }
    }
  },
};

function hasWriteTools(server: McpServer): boolean {
  const identity = identifyServer(server);
  if (identity.kind === 'supabase') return !identity.readOnly;
  if (identity.kind === 'postgres') return true;
  const described = [server.name, ...commandLine(server).map((a) => a.value), server.url?.value ?? ''].join(' ');
  return WRITE_CAPABLE.test(described);
}
