import type { Rule } from '../../engine/rule';
import { classifyNamedSecret, findSecrets, redact, type SecretMatch } from '../../engine/secrets';
import type { McpServer, McpUnit } from '../../languages/mcp';
import { substringRange } from '../../languages/mcp/json';
import { constantName, moveOutFix, noExpansionNote, serverLabel, stringSites, type StringSite } from './_support';

/** Environment variable names for secrets found outside `env`, by shape. */
const VARIABLE_OF_KIND: Record<string, string> = {
  'supabase-secret-key': 'SUPABASE_SECRET_KEY',
  'supabase-access-token': 'SUPABASE_ACCESS_TOKEN',
  'postgres-password': 'DATABASE_PASSWORD',
  'anthropic-key': 'ANTHROPIC_API_KEY',
  'openai-key': 'OPENAI_API_KEY',
  'github-token': 'GITHUB_TOKEN',
  'stripe-key': 'STRIPE_SECRET_KEY',
};

export const hardcodedSecret: Rule<McpUnit> = {
  meta: {
    id: 'mcp/hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A secret (key, token, database password) is written in an MCP config instead of read from outside it.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      for (const site of stringSites(server)) {
        for (const secret of secretsIn(site)) {
          const variable = variableFor(server, site, secret);
          const fix = moveOutFix(config, site.str, secret, variable, `${capitalize(secret.label)} for MCP server ${server.name}`);
          const advice = fix ? `read it from ${config.client === 'vscode' ? 'an input' : `environment variable ${variable}`} instead` : noExpansionNote(config);
          report({
            message:
              `${serverLabel(server)} has ${secret.label} (${redact(secret.value)}) written in its ${site.where}: ` +
              `anyone who can read this file can use it; ${advice}.`,
            range: substringRange(config.file, site.str, secret.start, secret.end),
            severity: secret.class === 'local' ? 'info' : undefined,
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
};

/** Secrets by shape anywhere; by name in env, headers and option values (`BRAVE_API_KEY`, `X-Api-Key`, `--figma-api-key=…`). */
function secretsIn(site: StringSite): SecretMatch[] {
  const shaped = findSecrets(site.str.value).filter((s) => s.class !== 'public');
  if (shaped.length || !site.key) return shaped;
  const named = classifyNamedSecret(site.key.replace(/-/g, '_'), site.str.value.slice(site.valueStart));
  return named ? [{ ...named, start: named.start + site.valueStart, end: named.end + site.valueStart }] : [];
}

function variableFor(server: McpServer, site: StringSite, secret: SecretMatch): string {
  const wholeValue = secret.start === 0 && secret.end === site.str.value.length;
  if (site.kind === 'env' && site.key) return wholeValue ? site.key : `${constantName(site.key)}_${secret.kind === 'postgres-password' ? 'PASSWORD' : 'SECRET'}`;
  if (secret.kind === 'named-credential' && site.kind === 'arg' && site.key) return constantName(site.key);
  if (site.kind === 'header' && site.key && !/^authorization$/i.test(site.key)) return constantName(`${server.name}_${site.key}`);
  if (secret.kind === 'supabase-jwt') return secret.label.includes('service-role') ? 'SUPABASE_SERVICE_ROLE_KEY' : constantName(`${server.name}_JWT`);
  return VARIABLE_OF_KIND[secret.kind] ?? constantName(`${server.name}_TOKEN`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
