import * as os from 'node:os';
import * as path from 'node:path';
import { classifyNamedSecret, containsSecret } from '../engine/secrets';
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

// `${env:NAME}` (VS Code, Cursor, Windsurf), `${NAME}` / `${NAME:-default}` (Claude Code, Gemini), editor
// variables (`${workspaceFolder}`, `${userHome}`, `${input:id}`), and `{env:NAME}`.
const REFERENCE = /\$\{([^}]+)\}|\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const NAME_WITH_DEFAULT = /^(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

type Expansion = { value: string } | { missing: string };

/**
 * Expands the variable references of one config value the way its client does, from `environment`.
 * A reference the client does not expand reaches the server as written, as it would from the client.
 */
export function expand(raw: string, environment: NodeJS.ProcessEnv, root: string, expands?: (inner: string) => boolean): Expansion {
  let missing: string | undefined;
  const value = raw.replace(REFERENCE, (whole: string, inner: string | undefined, braceEnv: string | undefined) => {
    if (inner === undefined) {
      if (expands) return whole; // `{env:NAME}` is no known client's syntax: only expanded when the client is unknown
      inner = `env:${braceEnv}`;
    } else if (expands && !expands(inner)) {
      return whole;
    }
    const editor = editorVariable(inner, root);
    if (editor !== undefined) return editor;
    const named = NAME_WITH_DEFAULT.exec(inner);
    const found = named ? environment[named[1]] ?? named[2] : undefined;
    if (found === undefined) {
      missing ??= named ? `${named[1]} (not set in this environment)` : `\${${inner}} (only the editor can fill it in)`;
      return whole;
    }
    return found;
  });
  return missing ? { missing } : { value };
}

function editorVariable(inner: string, root: string): string | undefined {
  if (inner === 'workspaceFolder' || inner === 'cwd') return root;
  if (inner === 'workspaceFolderBasename') return path.basename(root);
  if (inner === 'userHome') return os.homedir();
  if (inner === 'pathSeparator' || inner === '/') return path.sep;
  return undefined;
}

/**
 * True when a config value holds a secret written literally (a reference is not a secret): by its shape, or,
 * for a value named like a credential (`NOTION_TOKEN`, `--api-key`), by its name.
 */
function literalSecret(raw: string, name?: string): boolean {
  const literal = raw.replace(REFERENCE, '');
  return containsSecret(literal) || (name !== undefined && classifyNamedSecret(name, literal) !== undefined);
}

/** The option an argument is the value of: `--api-key=VALUE`, or `--api-key VALUE`. */
function optionOf(args: readonly string[], index: number): { name?: string; value: string } {
  const inline = /^--?([A-Za-z][\w-]*)=([\s\S]*)$/.exec(args[index]);
  if (inline) return { name: inline[1], value: inline[2] };
  const previous = index > 0 ? /^--?([A-Za-z][\w-]*)$/.exec(args[index - 1]) : null;
  return { name: previous?.[1], value: args[index] };
}

/**
 * Resolves a server's launch the way its client would, from the process environment.
 * A secret written literally in the config is never used: it stays a finding of the static scan.
 */
export function resolveLaunch(target: ProbeTarget, environment: NodeJS.ProcessEnv, root: string): Launch {
  const notes: string[] = [];
  let blocked: string | undefined;
  const line = (raw: string, what: string, secret = literalSecret(raw)): string => {
    if (secret) {
      blocked ??= `its ${what} holds a secret written in the config, which the probe does not use (move it to the environment)`;
      return raw;
    }
    const expanded = expand(raw, environment, root, target.expands);
    if ('missing' in expanded) {
      blocked ??= `its ${what} refers to ${expanded.missing}`;
      return raw;
    }
    return expanded.value;
  };
  const named = (entries: Record<string, string> | undefined, what: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(entries ?? {})) {
      if (literalSecret(raw, name)) {
        notes.push(`${what} ${name} is not passed: it holds a secret written in the config`);
        continue;
      }
      const expanded = expand(raw, environment, root, target.expands);
      if ('missing' in expanded) notes.push(`${what} ${name} is not passed: it refers to ${expanded.missing}`);
      else out[name] = expanded.value;
    }
    return out;
  };
  const launch: Launch = {
    ...(target.command !== undefined ? { command: line(target.command, 'command') } : {}),
    args: (target.args ?? []).map((arg, i, all) => {
      const { name, value } = optionOf(all, i);
      return line(arg, 'command line', literalSecret(arg) || (name !== undefined && literalSecret(value, name.replace(/-/g, '_'))));
    }),
    env: named(target.env, 'environment variable'),
    ...(target.url !== undefined ? { url: line(target.url, 'url') } : {}),
    headers: named(target.headers, 'header'),
    notes,
  };
  if (!launch.command && !launch.url) blocked ??= 'it has neither a command nor a url';
  return blocked ? { ...launch, blocked } : launch;
}
