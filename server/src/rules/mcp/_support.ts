import type { Fix, TextEdit } from '../../engine/finding';
import { CLIENT_NAMES, variableSyntaxOf, type JsonString, type McpConfig, type McpServer } from '../../languages/mcp';
import { modifyEdits, replaceInString } from '../../languages/mcp/json';

/** A string value of a server entry and how to name it in a message. */
export interface StringSite {
  str: JsonString;
  /** `env SUPABASE_KEY`, `argument 3`, `header Authorization`, `url`, `command`. */
  where: string;
  kind: 'command' | 'arg' | 'env' | 'header' | 'url';
  /** The env or header name, or the option an argument is the value of (`figma-api-key`). */
  key?: string;
  /** Where the value starts in the string: after `--option=` for an inline option value, else 0. */
  valueStart: number;
}

export function stringSites(server: McpServer): StringSite[] {
  const sites: StringSite[] = [];
  if (server.command) sites.push({ str: server.command, where: 'command', kind: 'command', valueStart: 0 });
  server.args.forEach((str, i) => sites.push({ str, where: `argument ${i + 1}`, kind: 'arg', ...optionOf(str.value, server.args[i - 1]?.value) }));
  for (const e of server.env) sites.push({ str: e.value, where: `env ${e.key}`, kind: 'env', key: e.key, valueStart: 0 });
  for (const h of server.headers) sites.push({ str: h.value, where: `header ${h.key}`, kind: 'header', key: h.key, valueStart: 0 });
  if (server.url) sites.push({ str: server.url, where: 'url', kind: 'url', valueStart: 0 });
  return sites;
}

/** `--name=value` → name; `value` after a bare `--name` → name. */
function optionOf(arg: string, previous: string | undefined): { key?: string; valueStart: number } {
  const inline = /^--?([A-Za-z][\w-]*)=/.exec(arg);
  if (inline) return { key: inline[1], valueStart: inline[0].length };
  const before = previous !== undefined && !arg.startsWith('-') ? /^--?([A-Za-z][\w-]*)$/.exec(previous) : null;
  return before ? { key: before[1], valueStart: 0 } : { valueStart: 0 };
}

/**
 * A reference, in the client's own syntax, that the client replaces with a value kept outside the file,
 * plus the edits that declare it (VS Code's `inputs` entry). Undefined when the client expands nothing.
 */
export function externalReference(config: McpConfig, variable: string, description: string): { text: string; edits: TextEdit[] } | undefined {
  if (config.client === 'vscode') {
    const id = variable.toLowerCase().replace(/_/g, '-');
    if (config.inputs.some((input) => input.id === id)) return { text: `\${input:${id}}`, edits: [] };
    const input = { type: 'promptString', id, description, password: true };
    const edits = modifyEdits(config.file, config.newInputPath, input, { isArrayInsertion: true });
    return edits && { text: `\${input:${id}}`, edits };
  }
  const syntax = variableSyntaxOf(config.client);
  const text = syntax?.envReference?.(variable);
  return text ? { text, edits: [] } : undefined;
}

/** A fix replacing decoded characters `start`..`end` of a string with a reference kept outside the file. */
export function moveOutFix(
  config: McpConfig,
  str: JsonString,
  span: { start: number; end: number },
  variable: string,
  description: string,
): Fix | undefined {
  const reference = externalReference(config, variable, description);
  if (!reference) return undefined;
  const where = config.client === 'vscode' ? `a VS Code input (${reference.text})` : `environment variable ${variable} (${reference.text})`;
  return {
    title: `Read it from ${where}`,
    safe: false,
    edits: [replaceInString(config.file, str, span.start, span.end, reference.text), ...reference.edits],
  };
}

/** Why there is no fix, for clients that expand no variables. */
export function noExpansionNote(config: McpConfig): string {
  if (config.client === 'claude-desktop') {
    return 'Claude Desktop does not expand variables in its config, so move the server to a launcher script or a client that reads it from the environment';
  }
  return `move it out of the file in a way ${CLIENT_NAMES[config.client]} supports (an environment variable or a secret store)`;
}

export function serverLabel(server: McpServer): string {
  return `MCP server "${server.name}"`;
}

/** `SUPABASE_SERVICE_ROLE_KEY`-style name from any text. */
export function constantName(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SECRET';
}
