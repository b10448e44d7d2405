import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';
import { readSourceText } from '../engine/discovery';
import { LineIndex } from '../engine/text';
import type { ProbeTarget } from './targets';

/** The keys clients keep their servers under: most clients, VS Code, Zed, VS Code settings. */
const SERVER_CONTAINERS = [['mcpServers'], ['servers'], ['context_servers'], ['mcp', 'servers']];

/** The servers of an MCP config file (any client's format), with the range of each server's key. */
export function readProbeTargets(file: string): ProbeTarget[] {
  const text = readSourceText(file);
  if (typeof text !== 'string') return [];
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!tree) return [];
  const lines = new LineIndex(text);
  const targets: ProbeTarget[] = [];
  for (const location of SERVER_CONTAINERS) {
    const container = findNodeAtLocation(tree, location);
    if (container?.type !== 'object') continue;
    for (const property of container.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || value?.type !== 'object') continue;
      const range = lines.rangeOf(key.offset, key.offset + key.length);
      targets.push({ name: String(key.value), file, range, ...connectionOf(getNodeValue(value)) });
    }
  }
  return targets;
}

function connectionOf(entry: Record<string, unknown>): Omit<ProbeTarget, 'name' | 'file' | 'range'> {
  // Zed nests the command: `"command": {"path", "args", "env"}`.
  const nested = isRecord(entry.command) ? entry.command : undefined;
  const command = nested ? nested.path : entry.command;
  const url = entry.url ?? entry.serverUrl ?? entry.httpUrl;
  return {
    ...(typeof command === 'string' ? { command } : {}),
    ...(stringArray(nested?.args ?? entry.args) ? { args: stringArray(nested?.args ?? entry.args) } : {}),
    ...(stringRecord(nested?.env ?? entry.env) ? { env: stringRecord(nested?.env ?? entry.env) } : {}),
    ...(typeof url === 'string' ? { url } : {}),
    ...(stringRecord(entry.headers) ? { headers: stringRecord(entry.headers) } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : undefined;
}
