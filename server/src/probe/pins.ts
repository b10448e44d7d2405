import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Finding } from '../engine/finding';
import { at, visibleName, type ProbedServer } from './inspect';

/** `.supaguard/mcp-pins.json`: per server, per tool, a hash of the definition a person reviewed. */
export interface PinFile {
  version: 1;
  servers: Record<string, { tools: Record<string, string> }>;
}

export const PINS_PATH = path.join('.supaguard', 'mcp-pins.json');

export function pinsFile(root: string): string {
  return path.join(root, PINS_PATH);
}

export function readPins(root: string): PinFile {
  try {
    const parsed = JSON.parse(fs.readFileSync(pinsFile(root), 'utf8'));
    if (parsed?.version === 1 && parsed.servers && typeof parsed.servers === 'object') return parsed as PinFile;
  } catch {
    // No pins yet, or a file that is not ours: nothing is pinned.
  }
  return { version: 1, servers: {} };
}

/** Replaces the pins of the given servers, keeping the others'. */
export function writePins(root: string, previous: PinFile, servers: readonly ProbedServer[]): void {
  const next: PinFile = { version: 1, servers: { ...previous.servers } };
  for (const server of servers) next.servers[server.target.name] = { tools: toolHashes(server.surface.tools) };
  fs.mkdirSync(path.dirname(pinsFile(root)), { recursive: true });
  fs.writeFileSync(pinsFile(root), `${JSON.stringify(next, null, 2)}\n`);
}

/** What a model sees of a tool: changing any of it can change what the agent does. */
export function toolHash(tool: Tool): string {
  const { name, title, description, inputSchema, outputSchema, annotations } = tool;
  return `sha256:${createHash('sha256').update(canonicalJson({ name, title, description, inputSchema, outputSchema, annotations })).digest('hex')}`;
}

function toolHashes(tools: readonly Tool[]): Record<string, string> {
  return Object.fromEntries([...tools].sort((a, b) => a.name.localeCompare(b.name)).map((t) => [t.name, toolHash(t)]));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Tools whose definition changed, or that appeared, since the server was pinned (a "rug pull"). */
export function changedToolFindings(server: ProbedServer, pins: PinFile): Finding[] {
  const pinned = pins.servers[server.target.name]?.tools;
  if (!pinned) return [];
  const findings: Finding[] = [];
  for (const tool of server.surface.tools) {
    const name = visibleName(tool.name);
    const was = pinned[tool.name];
    if (was === undefined) {
      findings.push(at(server, 'mcp/tool-changed', `Tool "${name}" of server "${server.target.name}" is new since the server was pinned: review it, then re-pin with --pin.`));
    } else if (was !== toolHash(tool)) {
      findings.push(at(server, 'mcp/tool-changed', `The definition of tool "${name}" of server "${server.target.name}" changed since it was pinned: review what it now tells the agent, then re-pin with --pin.`));
    }
  }
  return findings;
}
