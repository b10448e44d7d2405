import type { Fix } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import type { McpConfig, McpServer, McpUnit } from '../../languages/mcp';
import { modifyEdits, replaceInString, substringRange } from '../../languages/mcp/json';
import { urlSites, type UrlSite } from '../../languages/mcp/launch';
import { constantName, externalReference, serverLabel } from './_support';

const CREDENTIAL_PARAMETER =
  /^(?:token|access[_-]?token|auth[_-]?token|id[_-]?token|refresh[_-]?token|private[_-]?token|api[_-]?key|apikey|key|x-api-key|secret|client[_-]?secret|password|passwd|pwd|auth|jwt|bearer|session|sig|signature|credentials?)$/i;
const VARIABLE = /^\$\{[^}]+\}$/;
/** Switch values (`auth=none`, `key=false`) carry no credential. */
const NOT_A_CREDENTIAL = /^(?:true|false|none|null|0|1|yes|no|on|off|oauth)$/i;

export const tokenInUrl: Rule<McpUnit> = {
  meta: {
    id: 'mcp/token-in-url',
    defaultSeverity: 'error',
    description: 'A credential is passed as a query parameter of an MCP server url, where logs and proxies record it.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      for (const site of urlSites(server)) {
        const urlText = site.str.value.slice(site.start, site.end);
        for (const m of urlText.matchAll(/[?&]([^=&#]+)=([^&#]*)/g)) {
          const [pair, name, value] = m;
          if (!CREDENTIAL_PARAMETER.test(safeDecode(name)) || value.length === 0 || NOT_A_CREDENTIAL.test(value)) continue;
          const start = site.start + m.index + 1;
          const fix = site.isServerUrl ? moveToHeaderFix(config, server, site, { start: start - 1, end: start + pair.length - 1 }, value) : undefined;
          report({
            message:
              `${serverLabel(server)} sends a credential in the "${name}" query parameter of its url: urls end up in server logs, ` +
              'proxies and shell history; send it in a header instead.',
            range: substringRange(config.file, site.str, start, start + pair.length - 1),
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
};

/** Removes `?name=value` / `&name=value` from the url and sends the value as `Authorization: Bearer …`. */
function moveToHeaderFix(config: McpConfig, server: McpServer, site: UrlSite, pair: { start: number; end: number }, value: string): Fix | undefined {
  if (server.headers.some((h) => /^authorization$/i.test(h.key))) return undefined;
  let reference = { text: value, edits: [] as Fix['edits'] };
  if (!VARIABLE.test(value)) {
    const external = externalReference(config, constantName(`${server.name}_TOKEN`), `Access token for MCP server ${server.name}`);
    if (!external) return undefined;
    reference = external;
  }
  const header = modifyEdits(config.file, [...server.path, 'headers', 'Authorization'], `Bearer ${reference.text}`);
  if (!header) return undefined;
  const url = site.str.value;
  const isFirst = url[pair.start] === '?';
  const followed = url[pair.end] === '&';
  // `?a=1&token=x` → `?a=1`; `?token=x&a=1` → `?a=1`; `?token=x` → ``.
  const removal = isFirst && followed ? { start: pair.start + 1, end: pair.end + 1 } : pair;
  return {
    title: 'Send the credential in an Authorization header',
    safe: false,
    edits: [
      replaceInString(config.file, site.str, removal.start, removal.end, ''),
      ...header,
      ...reference.edits,
    ],
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
