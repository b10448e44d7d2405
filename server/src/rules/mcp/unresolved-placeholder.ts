import type { Rule } from '../../engine/rule';
import { CLIENT_NAMES, variableSyntaxOf, type McpConfig, type McpUnit } from '../../languages/mcp';
import { substringRange } from '../../languages/mcp/json';
import { serverLabel, stringSites } from './_support';

const TEMPLATE = /\{\{\s*[A-Za-z_][\w.-]*\s*\}\}/g;
const REFERENCE = /\$\{([^}]*)\}/g;

export const unresolvedPlaceholder: Rule<McpUnit> = {
  meta: {
    id: 'mcp/unresolved-placeholder',
    defaultSeverity: 'error',
    description: 'A value holds a template or variable the client never fills in, so the server gets the literal text.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    const syntax = variableSyntaxOf(config.client);
    for (const server of config.servers) {
      // `mcp-remote --header "Authorization: Bearer ${AUTH}"` with AUTH in env: the server expands it itself.
      const ownVariables = new Set(server.env.map((e) => e.key));
      for (const site of stringSites(server)) {
        const flag = (start: number, text: string, why: string) =>
          report({
            message: `${serverLabel(server)} gets ${text} in its ${site.where} literally: ${why}.`,
            range: substringRange(config.file, site.str, start, start + text.length),
          });
        for (const m of site.str.value.matchAll(TEMPLATE)) {
          flag(m.index, m[0], 'no MCP client fills in {{…}} templates; put the real value in, or a variable this client expands');
        }
        for (const m of site.str.value.matchAll(REFERENCE)) {
          const inner = m[1];
          if (site.kind === 'arg' && ownVariables.has(inner)) continue;
          if (config.client === 'vscode' && inner.startsWith('input:')) {
            const id = inner.slice('input:'.length);
            if (!config.inputs.some((input) => input.id === id)) flag(m.index, m[0], `no entry of "inputs" has the id "${id}"; add one (type promptString, password true for secrets)`);
          } else if (syntax && !syntax.expands(inner)) {
            flag(m.index, m[0], `${CLIENT_NAMES[config.client]} does not expand this syntax; ${howToRefer(config)}`);
          }
        }
      }
    }
  },
};

function howToRefer(config: McpConfig): string {
  const reference = variableSyntaxOf(config.client)?.envReference?.('NAME');
  if (config.client === 'vscode') return 'use ${env:NAME} or ${input:id} with an "inputs" entry';
  return reference ? `use ${reference}` : 'it expands no variables: launch the server through a script that reads them from the environment';
}
