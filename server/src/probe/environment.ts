import * as os from 'node:os';
import { containsSecret } from '../engine/secrets';
import type { ProbeTarget } from './targets';

/** What the probe actually starts or connects to, after variable expansion and dropping literal secrets. */
export interface Launch {
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  /** Parts of the config that were not used, and why (names only, never values). */
  notes: string[];
  /** Set when the server cannot be probed as configured. */
  blocked?: string;
}

// `${env:NAME}` (VS Code, Cursor, Windsurf), `${NAME}` / `${NAME:-default}` (Claude Code), `{env:NAME}`,
// `${workspaceFolder}`, `${userHome}`, `${input:id}` (VS Code prompts: only the editor can answer those).
const REFERENCE = /\$\{(env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{input:([^}]+)\}|\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

type Expansion = { value: string } | { missing: string };

/**
 * Expands the variable references of one config value the way MCP clients do, from `environment`.
 * Only referenced values come from the environment; a literal in the config is used as written.
 */
export function expand(raw: string, environment: NodeJS.ProcessEnv, root: string): Expansion {
  let missing: string | undefined;
  const value = raw.replace(REFERENCE, (whole, envPrefix, name, fallback, input, braceEnv) => {
    if (input !== undefined) {
      missing ??= `\${input:${input}} (an editor prompt)`;
      return whole;
    }
    const variable = (name ?? braceEnv) as string;
    if (!envPrefix && braceEnv === undefined && variable === 'workspaceFolder') return root;
    if (!envPrefix && braceEnv === undefined && variable === 'userHome') return os.homedir();
    const found = environment[variable] ?? fallback;
    if (found === undefined) missing ??= `${variable} (not set in this environment)`;
    return found ?? whole;
  });
  return missing ? { missing } : { value };
}

/** True when a config value holds a secret written literally (a reference is not a secret). */
function literalSecret(raw: string): boolean {
  return containsSecret(raw.replace(REFERENCE, ''));
}

/**
 * Resolves a server's launch the way its client would, from the process environment.
 * A secret written literally in the config is never used: it stays a finding of the static scan.
 */
export function resolveLaunch(target: ProbeTarget, environment: NodeJS.ProcessEnv, root: string): Launch {
  const notes: string[] = [];
  let blocked: string | undefined;
  const line = (raw: string, what: string): string => {
    if (literalSecret(raw)) {
      blocked ??= `its ${what} holds a secret written in the config, which the probe does not use (move it to the environment)`;
      return raw;
    }
    const expanded = expand(raw, environment, root);
    if ('missing' in expanded) {
      blocked ??= `its ${what} refers to ${expanded.missing}`;
      return raw;
    }
    return expanded.value;
  };
  const named = (entries: Record<string, string> | undefined, what: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(entries ?? {})) {
      if (literalSecret(raw)) {
        notes.push(`${what} ${name} is not passed: it holds a secret written in the config`);
        continue;
      }
      const expanded = expand(raw, environment, root);
      if ('missing' in expanded) notes.push(`${what} ${name} is not passed: it refers to ${expanded.missing}`);
      else out[name] = expanded.value;
    }
    return out;
  };
  const launch: Launch = {
    ...(target.command !== undefined ? { command: line(target.command, 'command') } : {}),
    args: (target.args ?? []).map((a) => line(a, 'command line')),
    env: named(target.env, 'environment variable'),
    ...(target.url !== undefined ? { url: line(target.url, 'url') } : {}),
    headers: named(target.headers, 'header'),
    notes,
  };
  if (!launch.command && !launch.url) blocked ??= 'it has neither a command nor a url';
  return blocked ? { ...launch, blocked } : launch;
}
