import * as fs from 'node:fs';
import { parseTree, printParseErrorCode, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import type { Range } from '../../engine/finding';
import { SourceFile } from '../../engine/source-file';
import { clientOfPath, type McpClient } from './clients';
import { jsonString, nestingDepth, propertyNode, type JsonString } from './json';

/** A `KEY: value` pair of `env` or `headers`. */
export interface KeyedString {
  key: string;
  keyRange: Range;
  value: JsonString;
}

export type Transport = 'stdio' | 'http' | 'sse' | 'unknown';

/** One server entry of an MCP config, with where each part is written. */
export interface McpServer {
  name: string;
  nameRange: Range;
  /** The entry's value, `{ … }`. */
  range: Range;
  /** Location of the entry in the document (`['mcpServers', 'supabase']`), for `jsonc-parser`'s `modify`. */
  path: JSONPath;
  transport: Transport;
  command?: JsonString;
  /** String arguments, in order (other value types are skipped). */
  args: JsonString[];
  /** Location of the `args` array (existing or where it would go). */
  argsPath: JSONPath;
  env: KeyedString[];
  headers: KeyedString[];
  /** `url`, Windsurf's `serverUrl` or Gemini's `httpUrl`. */
  url?: JsonString;
  /** Cline/Roo `alwaysAllow` and `autoApprove` tool lists. */
  autoApproved: JsonString[];
  /** Gemini's `trust: true`: every tool call runs without confirmation. */
  trust?: Range;
  disabled: boolean;
}

/** An entry of VS Code's `inputs`. */
export interface McpInput {
  id: string;
  range: Range;
  password: boolean;
}

export interface McpConfig {
  file: SourceFile;
  client: McpClient;
  servers: McpServer[];
  /** VS Code `inputs` (empty elsewhere). */
  inputs: McpInput[];
  /** Where a new `inputs` entry goes: after the last one, creating the array when missing. */
  newInputPath: JSONPath;
}

/** Why a file could not be read as a config: a message with the parser's words and where. */
export interface McpParseProblem {
  message: string;
  range: Range;
}

/** Deeper files are not parsed: the parser recurses, and no client config is nested that deep. */
export const MAX_NESTING = 256;

const SERVER_MAP_KEYS = ['mcpServers', 'servers', 'context_servers'];

/**
 * Reads an MCP config into its client kind and servers. Returns `undefined` for files that are valid
 * JSON(C) but hold no server map (the `*mcp*.json` files that turn out to be something else).
 */
export function readMcpConfig(file: SourceFile, client: McpClient | undefined = clientOfPath(file.path)): McpConfig | McpParseProblem | undefined {
  // Blank files are configs not written yet (editors create them empty).
  if (!client || file.text.trim() === '') return undefined;
  const depth = nestingDepth(file.text);
  if (depth > MAX_NESTING) {
    return { message: `${file.relativePath} is nested ${depth} levels deep (over ${MAX_NESTING}): not read as an MCP config.`, range: zeroRange() };
  }
  const errors: ParseError[] = [];
  const root = parseTree(file.text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const error = errors[0];
    const at = error ? file.lines.rangeOf(error.offset, error.offset + error.length) : zeroRange();
    const what = error ? printParseErrorCode(error.error) : 'no value';
    return {
      message: `${file.relativePath} is not valid JSON with comments (${what} at line ${at.start.line + 1}, column ${at.start.character + 1}): its MCP servers were not checked.`,
      range: at,
    };
  }
  if (root.type !== 'object') return undefined;
  const servers: McpServer[] = [];
  const maps = serverMaps(root, client);
  for (const [mapNode, mapPath] of maps) {
    for (const property of mapNode.children ?? []) {
      const server = readServer(file, property, mapPath);
      if (server) servers.push(server);
    }
  }
  if (servers.length === 0) return undefined;
  // VS Code settings keep inputs next to their servers: "mcp": { "servers", "inputs" }.
  const inputsParent = maps.every(([, mapPath]) => mapPath[0] === 'mcp') ? ['mcp'] : [];
  return { file, client, servers, ...readInputs(file, root, inputsParent) };
}

/** Reads a config from disk (for commands given a path, such as `probe-mcp`). */
export function readMcpConfigFile(absolutePath: string, client?: McpClient): McpConfig | McpParseProblem | undefined {
  const posix = absolutePath.replace(/\\/g, '/');
  const file = new SourceFile(posix, posix, fs.readFileSync(absolutePath, 'utf8').replace(/^\uFEFF/, ''));
  return readMcpConfig(file, client ?? clientOfPath(posix) ?? 'generic');
}

/** A server entry's values without positions: what a client would launch or connect to (variables not expanded). */
export interface ServerLaunch {
  name: string;
  transport: Transport;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
}

export function launchOf(server: McpServer): ServerLaunch {
  return {
    name: server.name,
    transport: server.transport,
    command: server.command?.value,
    args: server.args.map((a) => a.value),
    env: Object.fromEntries(server.env.map((e) => [e.key, e.value.value])),
    url: server.url?.value,
    headers: Object.fromEntries(server.headers.map((h) => [h.key, h.value.value])),
  };
}

export function isParseProblem(result: McpConfig | McpParseProblem | undefined): result is McpParseProblem {
  return result !== undefined && 'message' in result;
}

function serverMaps(root: Node, client: McpClient): [Node, JSONPath][] {
  const maps: [Node, JSONPath][] = [];
  for (const key of SERVER_MAP_KEYS) {
    const node = propertyNode(root, key);
    if (node?.type === 'object') maps.push([node, [key]]);
  }
  // VS Code user settings style: "mcp": { "servers": { … } }.
  const nested = propertyNode(propertyNode(root, 'mcp'), 'servers');
  if (nested?.type === 'object') maps.push([nested, ['mcp', 'servers']]);
  if (client === 'claude-code') {
    // ~/.claude.json keeps each project's local servers under projects.<path>.mcpServers.
    for (const project of propertyNode(root, 'projects')?.children ?? []) {
      const projectPath = project.children?.[0]?.value;
      const node = propertyNode(project.children?.[1], 'mcpServers');
      if (typeof projectPath === 'string' && node?.type === 'object') maps.push([node, ['projects', projectPath, 'mcpServers']]);
    }
  }
  return maps;
}

function readServer(file: SourceFile, property: Node, mapPath: JSONPath): McpServer | undefined {
  const [keyNode, entry] = property.children ?? [];
  if (typeof keyNode?.value !== 'string' || entry?.type !== 'object') return undefined;
  const name = keyNode.value;
  const path = [...mapPath, name];
  // Zed nests the launch under "command": { "path", "args", "env" }.
  const zedCommand = propertyNode(entry, 'command');
  const launch = zedCommand?.type === 'object' ? zedCommand : entry;
  const launchPath = zedCommand?.type === 'object' ? [...path, 'command'] : path;
  const commandKey = launch === entry ? 'command' : 'path';
  const command = jsonString(file, propertyNode(launch, commandKey), [...launchPath, commandKey]);
  const urlKey = ['url', 'serverUrl', 'httpUrl'].find((k) => propertyNode(entry, k)?.type === 'string');
  const url = urlKey ? jsonString(file, propertyNode(entry, urlKey), [...path, urlKey]) : undefined;
  if (!command && !url) return undefined;
  const argsPath = [...launchPath, 'args'];
  const args = (propertyNode(launch, 'args')?.children ?? [])
    .map((node, i) => jsonString(file, node, [...argsPath, i]))
    .filter((s): s is JsonString => s !== undefined);
  const trustNode = propertyNode(entry, 'trust');
  return {
    name,
    nameRange: file.lines.rangeOf(keyNode.offset, keyNode.offset + keyNode.length),
    range: file.lines.rangeOf(entry.offset, entry.offset + entry.length),
    path,
    transport: transportOf(entry, urlKey, Boolean(command)),
    command,
    args,
    argsPath,
    env: keyedStrings(file, propertyNode(launch, 'env'), [...launchPath, 'env']),
    headers: keyedStrings(file, propertyNode(entry, 'headers'), [...path, 'headers']),
    url,
    autoApproved: ['alwaysAllow', 'autoApprove'].flatMap((key) =>
      (propertyNode(entry, key)?.children ?? [])
        .map((node, i) => jsonString(file, node, [...path, key, i]))
        .filter((s): s is JsonString => s !== undefined),
    ),
    trust: trustNode?.value === true ? file.lines.rangeOf(trustNode.offset, trustNode.offset + trustNode.length) : undefined,
    disabled: propertyNode(entry, 'disabled')?.value === true,
  };
}

function transportOf(entry: Node, urlKey: string | undefined, hasCommand: boolean): Transport {
  const declared = propertyNode(entry, 'type')?.value ?? propertyNode(entry, 'transport')?.value;
  if (declared === 'stdio') return 'stdio';
  if (declared === 'sse') return 'sse';
  if (declared === 'http' || declared === 'streamable-http' || declared === 'streamableHttp') return 'http';
  if (hasCommand) return 'stdio';
  if (urlKey === 'httpUrl') return 'http';
  if (urlKey) return /\/sse\/?(?:\?|$)/.test(String(propertyNode(entry, urlKey)?.value)) ? 'sse' : 'http';
  return 'unknown';
}

function keyedStrings(file: SourceFile, object: Node | undefined, path: JSONPath): KeyedString[] {
  if (object?.type !== 'object') return [];
  const out: KeyedString[] = [];
  for (const property of object.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (typeof keyNode?.value !== 'string') continue;
    const value = jsonString(file, valueNode, [...path, keyNode.value]);
    if (value) out.push({ key: keyNode.value, keyRange: file.lines.rangeOf(keyNode.offset, keyNode.offset + keyNode.length), value });
  }
  return out;
}

function readInputs(file: SourceFile, root: Node, parent: string[]): { inputs: McpInput[]; newInputPath: JSONPath } {
  const inputs: McpInput[] = [];
  const list = propertyNode(parent.reduce<Node | undefined>((node, key) => propertyNode(node, key), root), 'inputs');
  const entries = list?.type === 'array' ? (list.children ?? []) : [];
  for (const node of entries) {
    const id = propertyNode(node, 'id')?.value;
    if (typeof id === 'string') {
      inputs.push({ id, range: file.lines.rangeOf(node.offset, node.offset + node.length), password: propertyNode(node, 'password')?.value === true });
    }
  }
  return { inputs, newInputPath: [...parent, 'inputs', entries.length] };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
