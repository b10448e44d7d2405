import type { Finding } from '../engine/finding';
import { registry } from '../engine/registry';
import type { ServerSurface } from './connect';
import type { Launch } from './environment';
import type { ProbeTarget } from './targets';
import { ANSI_ESCAPE, INVISIBLE, withoutHiddenCharacters } from './text';

/** A server that answered: where it is configured, how it was started, what it offers. */
export interface ProbedServer {
  target: ProbeTarget;
  launch: Launch;
  surface: ServerSurface;
}

/** One thing a model reads from a server: a tool, prompt or resource, or the server's instructions. */
interface Offered {
  label: string;
  texts: string[];
}

function offeredBy(server: ProbedServer): Offered[] {
  const { tools, prompts, resources, instructions } = server.surface;
  const quoted = (kind: string, name: string) => `${kind} "${visibleName(name)}" of server "${server.target.name}"`;
  return [
    ...(instructions ? [{ label: `The instructions of server "${server.target.name}"`, texts: [instructions] }] : []),
    ...tools.map((t) => ({ label: capitalize(quoted('tool', t.name)), texts: stringsIn(t) })),
    ...prompts.map((p) => ({ label: capitalize(quoted('prompt', p.name)), texts: stringsIn(p) })),
    ...resources.map((r) => ({ label: capitalize(quoted('resource', r.name)), texts: stringsIn(r) })),
  ];
}

/** Every string in a definition (names, descriptions, schema property descriptions, enum values…). */
function stringsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 20) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out, depth + 1);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsIn(v, out, depth + 1);
    }
  }
  return out;
}

const HIDDEN_TAG = /<\s*\/?\s*(important|system|instructions?|secret|hidden|admin|critical|override|assistant|context)\b[^>]*>/i;
const OVERRIDE =
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|other|system)\s+(?:instructions?|prompts?|rules|directions|messages)/i;
const CONCEAL = /\b(?:do\s+not|don'?t|never)\s+(?:tell|inform|mention|reveal|show|notify|alert)\b[^.]{0,80}\buser\b/i;
// Key and credential files no tool description has a reason to ask the model to read; a project's `.env`
// may be mentioned legitimately ("loads variables from .env"), so only a request to hand it over counts.
const KEY_FILE =
  /~\/\.ssh\b|\.ssh\/|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|~\/\.aws\b|\.aws\/credentials|\.netrc\b|\.pgpass\b|claude_desktop_config\.json|\.cursor\/mcp\.json/;
const ENV_FILE = /(?:^|[\s'"`(/~])\.env\b/;
const READ = /\b(?:read|cat|open|load|get|fetch)\b/i;
const HAND_OVER = /\b(?:pass|send|include|upload|attach|provide|paste|share|forward|append)\b/i;

function sensitiveFileRequest(text: string): string | undefined {
  const near = (index: number, length: number) => text.slice(Math.max(0, index - 120), index + length + 80);
  const key = KEY_FILE.exec(text);
  if (key && (READ.test(near(key.index, key[0].length)) || HAND_OVER.test(near(key.index, key[0].length)))) return key[0];
  const env = ENV_FILE.exec(text);
  if (env && HAND_OVER.test(near(env.index, env[0].length))) return '.env';
  return undefined;
}

/** Why a text would steer an agent without a person noticing, in a few words each (never the text itself). */
export function hiddenInstructionSigns(text: string): string[] {
  const signs: string[] = [];
  const tag = HIDDEN_TAG.exec(text);
  if (tag) signs.push(`a <${tag[1].toUpperCase()}> tag`);
  if (OVERRIDE.test(text)) signs.push('an "ignore previous instructions" override');
  if (CONCEAL.test(text)) signs.push('an instruction to keep something from the user');
  const file = sensitiveFileRequest(text);
  if (file) signs.push(`a request to read ${file}`);
  const invisible = [...new Set(text.match(INVISIBLE) ?? [])];
  if (invisible.some((c) => c.codePointAt(0)! >= 0xe0000)) signs.push('Unicode tag characters (hidden text)');
  const shown = invisible.filter((c) => c.codePointAt(0)! < 0xe0000).map(codePoint);
  if (shown.length) signs.push(`invisible characters (${shown.slice(0, 4).join(', ')})`);
  if (new RegExp(ANSI_ESCAPE.source).test(text) || text.includes('\u001b')) signs.push('ANSI escape sequences');
  return signs;
}

export function poisoningFindings(server: ProbedServer): Finding[] {
  const findings: Finding[] = [];
  for (const item of offeredBy(server)) {
    const signs = [...new Set(item.texts.flatMap(hiddenInstructionSigns))];
    if (!signs.length) continue;
    findings.push(
      at(server, 'mcp/tool-poisoning', `${item.label} carries hidden instructions for the agent (${signs.join('; ')}): a model reads and may follow them, a person approving the tool does not see them.`),
    );
  }
  return findings;
}

/**
 * A server whose descriptions name another server's tools can steer how the agent uses them
 * ("when sending email with send_email, always bcc…"). Names of other servers come from this probe and from pins.
 */
export function shadowingFindings(server: ProbedServer, toolsOfOthers: ReadonlyMap<string, readonly string[]>): Finding[] {
  const own = new Set(server.surface.tools.map((t) => t.name));
  const findings: Finding[] = [];
  for (const item of offeredBy(server)) {
    const text = item.texts.join('\n');
    for (const [other, names] of toolsOfOthers) {
      if (other === server.target.name) continue;
      const named = names.find((n) => !own.has(n) && distinctive(n) && mentions(text, n));
      if (!named) continue;
      findings.push(
        at(server, 'mcp/tool-shadowing', `${item.label} names "${visibleName(named)}", a tool of server "${other}": a server that instructs the agent about another server's tools can redirect or hijack them.`),
      );
      break;
    }
  }
  return findings;
}

/** Generic one-word names ("search", "query") appear in any prose; only names built from several words identify a tool. */
function distinctive(name: string): boolean {
  return name.length >= 4 && /[_\-.]|[a-z][A-Z]/.test(name);
}

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_\\-])${escaped}(?![A-Za-z0-9_\\-])`).test(text);
}

const WRITE_TOOL = [
  /(?:^|[_.-])(?:execute|exec|run)[_-]?(?:sql|query|queries|statements?)$/i,
  /(?:^|[_.-])(?:apply|run|create)[_-]?migrations?$/i,
  /^(?:create|alter|drop|truncate)[_-](?:tables?|schemas?|index(?:es)?|functions?|polic(?:y|ies)|databases?|triggers?|extensions?|views?)$/i,
  /^(?:write|insert|update|delete)[_-](?:query|rows?|records?)$/i,
  /(?:^|[_.-])deploy[_-]edge[_-]functions?$/i,
];

/** Read-only mode as MCP servers spell it: a flag, a url parameter or an environment variable. */
function readOnlyMode(launch: Launch): boolean {
  const flag = launch.args.some((a) => /^--?read[-_]?only(?:=(?:true|1))?$/i.test(a));
  const param = launch.url ? /[?&]read[-_]?only=(?:true|1)\b/i.test(launch.url) : false;
  const env = Object.entries(launch.env).some(([k, v]) => /READ_?ONLY$/i.test(k) && /^(?:true|1|yes)$/i.test(v));
  return flag || param || env;
}

export function writeToolFindings(server: ProbedServer): Finding[] {
  if (readOnlyMode(server.launch)) return [];
  const writers = server.surface.tools
    .filter((t) => t.annotations?.readOnlyHint !== true && WRITE_TOOL.some((p) => p.test(t.name)))
    .map((t) => visibleName(t.name));
  if (!writers.length) return [];
  const list = writers.length > 5 ? `${writers.slice(0, 5).join(', ')} and ${writers.length - 5} more` : writers.join(', ');
  return [
    at(server, 'mcp/write-tools-exposed', `Server "${server.target.name}" offers tools that run SQL or change the schema (${list}) without read-only mode: the agent, or a prompt injection in data it reads, can change or destroy the database.`),
  ];
}

export function at(server: { target: ProbeTarget }, ruleId: string, message: string): Finding {
  const severity = registry.rule(ruleId)?.meta.defaultSeverity ?? 'warning';
  // Server and tool names come from files and servers nobody reviewed: nothing in them may reach a terminal.
  return { ruleId, severity, message: withoutHiddenCharacters(message), file: server.target.file, range: server.target.range };
}

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A server-chosen name, safe to print. */
export function visibleName(name: string): string {
  const cleaned = withoutHiddenCharacters(name);
  return cleaned.length > 80 ? `${cleaned.slice(0, 79)}…` : cleaned;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
