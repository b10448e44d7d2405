import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEVERITIES } from '../../engine/finding';
import { endRunningServers, probeConfig, ProbeUsageError } from '../../probe';
import { TerminalConsent } from '../../probe/consent';
import { oneOf, parseCommandLine, UsageError } from '../args';
import { formatJson } from '../format/json';
import { formatText } from '../format/text';
import type { Command } from '../main';
import { useColor, writeReport } from '../output';
import { packageVersion } from '../version';
import { failingFindings } from './scan';

const FORMATS = ['text', 'json'] as const;
const FAIL_ON = [...SEVERITIES, 'never'] as const;
const DEFAULT_TIMEOUT_SECONDS = 20;

export const command: Command = {
  summary: 'Start or contact the servers of an MCP config and check what they offer the agent',
  usage: `Usage: supaguard probe-mcp CONFIG [--server NAME] [--yes] [--pin] [--format text|json] [--timeout SECONDS] [--fail-on error|warning|info|never]

Starts each stdio server of CONFIG (or connects to each HTTP server), lists its tools, prompts and resources,
and reports hidden instructions, tools naming other servers' tools, write tools without read-only mode,
tools changed since pinned, and, for servers on this machine, HTTP without authentication or Origin checks.
Each full command line is shown and confirmed first, unless --yes. Secrets written in CONFIG are not used.
--pin records the tools' definitions in .supaguard/mcp-pins.json; later probes report changes.
--timeout limits start-up and each request (default ${DEFAULT_TIMEOUT_SECONDS} s). Every started server is ended.
Exit code: 0 when nothing at or above --fail-on (default error), 1 when something is, 2 on a usage or internal error.`,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, {
      server: { type: 'string', short: 's' },
      yes: { type: 'boolean', short: 'y' },
      pin: { type: 'boolean' },
      format: { type: 'string', short: 'f' },
      timeout: { type: 'string' },
      'fail-on': { type: 'string' },
    });
    const format = oneOf('format', values.format, FORMATS, 'text');
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON, 'error');
    const timeoutMs = timeoutOf(values.timeout);
    if (positionals.length !== 1) throw new UsageError('give exactly one MCP config file (run `supaguard probe-mcp --help`)');
    const configFile = path.resolve(positionals[0]);
    if (!fs.statSync(configFile, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`config file not found: ${positionals[0]}`);

    if (!values.yes && !process.stdin.isTTY) {
      throw new UsageError('probing starts the servers of the config: confirm each on a terminal, or pass --yes to start them without asking');
    }
    const consent = values.yes ? undefined : new TerminalConsent();
    // Interrupted mid-probe: the servers started so far are ended before exiting.
    const interrupted = (signal: NodeJS.Signals) => void endRunningServers().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
    let probed;
    try {
      probed = await probeConfig({
        configFile,
        server: values.server,
        confirm: async (target) => consent?.confirm(target, displayPath(configFile)) ?? true,
        pin: Boolean(values.pin),
        timeoutMs,
        environment: process.env,
        clientVersion: packageVersion(),
        progress: process.stderr.isTTY ? (message) => process.stderr.write(`supaguard: ${message}\n`) : undefined,
      });
    } catch (error) {
      throw error instanceof ProbeUsageError ? new UsageError(`${error.message}: ${positionals[0]}`) : error;
    } finally {
      consent?.close();
      process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    }
    const { result, pinned } = probed;
    for (const name of pinned) process.stderr.write(`supaguard: pinned the tools of "${name}" in .supaguard/mcp-pins.json\n`);
    writeReport(format === 'json' ? formatJson(result) : formatText(result, useColor(process.stdout)), undefined);
    return failingFindings(result.findings, failOn) ? 1 : 0;
  },
};

/** The config as the user would type it: relative to the current folder when inside it. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function timeoutOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`--timeout must be a number of seconds between 0 and 600 (got "${value}")`);
  return Math.round(seconds * 1000);
}
