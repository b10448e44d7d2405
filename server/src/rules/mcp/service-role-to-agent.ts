import type { Range } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { decodeJwtPayload, findSecrets } from '../../engine/secrets';
import type { McpServer, McpUnit } from '../../languages/mcp';
import { substringRange } from '../../languages/mcp/json';
import { supabaseServer } from '../../languages/mcp/launch';
import { serverLabel, stringSites } from './_support';

const SERVICE_NAME = /SERVICE_?ROLE|SERVICE_?KEY/i;
const SECRET_KEY_NAME = /SECRET_?KEY/i;
const SUPABASE_NAME = /SUPABASE|(?:^|_)SB_/i;
const REFERENCE = /\$\{(?:env:|input:)?([^}:]+)(?::-[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export const serviceRoleToAgent: Rule<McpUnit> = {
  meta: {
    id: 'mcp/service-role-to-agent',
    defaultSeverity: 'warning',
    description: 'An MCP server (and so an AI agent) gets a Supabase service-role or secret key, which bypasses Row Level Security.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      const flag = (range: Range, how: string, severity?: 'info') =>
        report({
          message:
            `${serverLabel(server)} is handed ${how}: an agent holding it bypasses Row Level Security and can read and change every row; ` +
            'give it a user-scoped key, or a read-only, project-scoped server.',
          range,
          // The CLI's well-known local key only opens `supabase start` databases.
          severity,
        });
      const isSecretName = (name: string) => SERVICE_NAME.test(name) || (SECRET_KEY_NAME.test(name) && (SUPABASE_NAME.test(name) || isDatabaseServer(server)));
      for (const site of stringSites(server)) {
        const literal = findSecrets(site.str.value).find(
          (secret) =>
            secret.kind === 'supabase-secret-key' ||
            (secret.kind === 'supabase-jwt' && decodeJwtPayload(secret.value)?.role === 'service_role'),
        );
        if (literal) {
          flag(substringRange(config.file, site.str, literal.start, literal.end), `${literal.label} in its ${site.where}`, literal.class === 'local' ? 'info' : undefined);
          continue;
        }
        if (site.kind === 'env' && site.key && isSecretName(site.key)) {
          flag(site.str.range, `a service-role key through env ${site.key}`);
          continue;
        }
        for (const m of site.str.value.matchAll(REFERENCE)) {
          const name = (m[1] ?? m[2]).replace(/-/g, '_');
          if (isSecretName(name)) flag(substringRange(config.file, site.str, m.index, m.index + m[0].length), `a service-role key through ${m[0]}`);
        }
        if (site.kind === 'arg') {
          // `--service-role-key …`, or `-e SUPABASE_SECRET_KEY` handing a variable to a container.
          const named = /^(?:--?([A-Za-z][A-Za-z-]*)|([A-Za-z_][A-Za-z0-9_]*))(?==|$)/.exec(site.str.value);
          const name = named && (named[1] ?? named[2]);
          if (name && isSecretName(name.replace(/-/g, '_'))) flag(site.str.range, `a service-role key through argument "${named[0]}"`);
        }
      }
    }
  },
};

function isDatabaseServer(server: McpServer): boolean {
  return supabaseServer(server) !== undefined || /postgres|supabase/i.test(server.name);
}
