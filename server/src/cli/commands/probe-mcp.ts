import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEVERITIES } from '../../engine/finding';
import { scan } from '../../engine/scan';
import { TerminalConsent } from '../../probe/consent';
import { probeServers, projectRootOf } from '../../probe';
import { readProbeTargets } from '../../probe/read-config';
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

    const allTargets = readProbeTargets(configFile);
    if (!allTargets.length) throw new UsageError(`no MCP servers found in ${positionals[0]} (looked for mcpServers, servers and context_servers)`);
    const targets = values.server ? allTargets.filter((t) => t.name === values.server) : allTargets;
    if (values.server && !targets.length) {
      throw new UsageError(`no server named "${values.server}" in ${positionals[0]} (servers: ${allTargets.map((t) => t.name).join(', ') || 'none'})`);
    }
    if (!values.yes && targets.length && !process.stdin.isTTY) {
      throw new UsageError('probing starts the servers of the config: confirm each on a terminal, or pass --yes to start them without asking');
    }

    const root = projectRootOf(configFile);
    const consent = values.yes ? undefined : new TerminalConsent();
    const showProgress = Boolean(process.stderr.isTTY);
    let report;
    try {
      report = await probeServers({
        root,
        targets,
        allTargets,
        confirm: async (target) => consent?.confirm(target, displayPath(configFile)) ?? true,
        pin: Boolean(values.pin),
        timeoutMs,
        environment: process.env,
        clientVersion: packageVersion(),
        progress: showProgress ? (message) => process.stderr.write(`supaguard: ${message}\n`) : undefined,
      });
    } finally {
      consent?.close();
    }
    for (const name of report.pinned) process.stderr.write(`supaguard: pinned the tools of "${name}" in .supaguard/mcp-pins.json\n`);

    // The config's static findings come too: a secret written in it stays a finding even though the probe did not use it.
    const result = await scan({ root, paths: [configFile], extraFindings: report.findings });
    result.skipped.push(...report.skipped);
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
