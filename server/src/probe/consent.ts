import * as readline from 'node:readline';
import { redact, redactSecrets } from '../engine/secrets';
import type { ProbeTarget } from './targets';
import { printable } from './text';

const CREDENTIAL_NAME = /token|key|secret|passw|pwd|auth|credential|cookie|session/i;
const REFERENCE_ONLY = /^\s*(?:\$\{[^}]+\}|\{env:[^}]+\})\s*$/;

/** A config value as it may be shown: a reference as written, a literal cut to its first characters. */
function shownValue(value: string): string {
  return REFERENCE_ONLY.test(value) ? value : redact(value);
}

/** One argument as it may be shown: secrets redacted, and the value after a credential flag too. */
function shownArgs(args: readonly string[]): string[] {
  return args.map((arg, i) => {
    const inline = /^(--?[A-Za-z0-9_-]+)=(.*)$/.exec(arg);
    if (inline && CREDENTIAL_NAME.test(inline[1])) return `${inline[1]}=${shownValue(inline[2])}`;
    if (i > 0 && /^--?[A-Za-z0-9_-]+$/.test(args[i - 1]) && CREDENTIAL_NAME.test(args[i - 1])) return shownValue(arg);
    return redactSecrets(arg);
  });
}

function quoted(word: string): string {
  return /^[\w@%+=:,./${}~…-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** What will be run or contacted, as the person deciding needs to see it, with no secret in it. */
export function describeTarget(target: ProbeTarget): string {
  const lines: string[] = [];
  if (target.command) {
    lines.push(`  command: ${printable([target.command, ...shownArgs(target.args ?? [])].map(quoted).join(' '), 2000)}`);
  } else if (target.url) {
    const url = target.url.replace(/([?&][^=&#]*=)([^&#]*)/g, (_, key: string, value: string) => (CREDENTIAL_NAME.test(key) ? `${key}${shownValue(value)}` : `${key}${value}`));
    lines.push(`  url: ${printable(redactSecrets(url), 2000)}`);
  }
  const env = Object.entries(target.env ?? {});
  if (env.length) lines.push(`  environment: ${printable(env.map(([k, v]) => `${k}=${shownValue(v)}`).join(' '), 2000)}`);
  const headers = Object.entries(target.headers ?? {});
  if (headers.length) lines.push(`  headers: ${printable(headers.map(([k, v]) => `${k}: ${shownValue(v)}`).join(', '), 2000)}`);
  return lines.join('\n');
}

/** Asks on the terminal, one server at a time; anything but yes (or the end of input) is no. */
export class TerminalConsent {
  private readonly terminal = readline.createInterface({ input: process.stdin, output: process.stderr });
  // Lines typed ahead of a question are kept for it, not lost.
  private readonly answers = this.terminal[Symbol.asyncIterator]();

  async confirm(target: ProbeTarget, configLabel: string): Promise<boolean> {
    const action = target.command ? 'start' : 'connect to';
    process.stderr.write(`\nProbing will ${action} MCP server "${printable(target.name, 100)}" from ${configLabel}:\n${describeTarget(target)}\n`);
    process.stderr.write(`${capitalize(action)} it? [y/N] `);
    const answer = await this.answers.next();
    return !answer.done && /^y(es)?$/i.test(answer.value.trim());
  }

  close(): void {
    this.terminal.close();
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
