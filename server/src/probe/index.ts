import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Skipped } from '../engine/discovery';
import type { Finding } from '../engine/finding';
import { scan, type ScanResult } from '../engine/scan';
import { listServerSurface } from './connect';
import { resolveLaunch } from './environment';
import { httpFindings } from './http-checks';
import { at, poisoningFindings, shadowingFindings, writeToolFindings, type ProbedServer } from './inspect';
import { changedToolFindings, readPins, writePins } from './pins';
import { ProbeUsageError, readProbeTargets } from './read-config';
import type { ProbeTarget } from './targets';
import { withoutHiddenCharacters } from './text';

export { endRunningServers } from './connect';
export { describeTarget } from './consent';
export { ProbeUsageError } from './read-config';
export type { ProbeTarget } from './targets';

export interface ProbeRequest {
  /** Where pins live (`.supaguard/mcp-pins.json`) and stdio servers start. */
  root: string;
  /** The servers to probe. */
  targets: readonly ProbeTarget[];
  /** Every server of the config, probed or not (for shadowing: the names of the others). */
  allTargets: readonly ProbeTarget[];
  /** Asked before each server is started or contacted; false skips it. */
  confirm(target: ProbeTarget): Promise<boolean>;
  pin: boolean;
  timeoutMs: number;
  environment: NodeJS.ProcessEnv;
  clientVersion: string;
  progress?(message: string): void;
}

export interface ProbeReport {
  findings: Finding[];
  /** Servers not probed, and why (declined, or not probeable as configured). */
  skipped: Skipped[];
  /** Servers whose tools were pinned (with `pin`). */
  pinned: string[];
}

/** Starts or contacts each server, lists what it offers, and turns what it shows into probe findings. */
export async function probeServers(request: ProbeRequest): Promise<ProbeReport> {
  const findings: Finding[] = [];
  const skipped: Skipped[] = [];
  const probed: ProbedServer[] = [];
  for (const target of request.targets) {
    const launch = resolveLaunch(target, request.environment, request.root);
    const where = path.relative(request.root, target.file).split(path.sep).join('/') || target.file;
    const skip = (message: string) => skipped.push({ file: where, message: withoutHiddenCharacters(message) });
    if (launch.blocked) {
      skip(`server "${target.name}" not probed: ${launch.blocked}`);
      continue;
    }
    if (!(await request.confirm(target))) {
      skip(`server "${target.name}" not probed: not confirmed`);
      continue;
    }
    request.progress?.(withoutHiddenCharacters(`probing ${target.name}…`));
    for (const note of launch.notes) skip(`server "${target.name}": ${note}`);
    const outcome = await listServerSurface(launch, { timeoutMs: request.timeoutMs, cwd: request.root, clientVersion: request.clientVersion });
    if (!outcome.ok) {
      findings.push(at({ target }, 'mcp/probe-failed', `Server "${target.name}" could not be probed, so its tools were not checked: ${outcome.reason}.`));
      continue;
    }
    const server: ProbedServer = { target, launch, surface: outcome.surface };
    probed.push(server);
    findings.push(...(await httpFindings(server, request.timeoutMs)));
  }

  const pins = readPins(request.root);
  const toolsOfOthers = new Map<string, string[]>();
  for (const t of request.allTargets) {
    const pinned = Object.keys(pins.servers[t.name]?.tools ?? {});
    if (pinned.length) toolsOfOthers.set(t.name, pinned);
  }
  for (const server of probed) toolsOfOthers.set(server.target.name, server.surface.tools.map((t) => t.name));
  for (const server of probed) {
    findings.push(...poisoningFindings(server), ...shadowingFindings(server, toolsOfOthers), ...writeToolFindings(server));
    if (!request.pin) findings.push(...changedToolFindings(server, pins));
  }
  if (request.pin && probed.length) writePins(request.root, pins, probed);
  return { findings, skipped, pinned: request.pin ? probed.map((s) => s.target.name) : [] };
}

export interface ProbeConfigRequest extends Pick<ProbeRequest, 'confirm' | 'pin' | 'timeoutMs' | 'environment' | 'clientVersion' | 'progress'> {
  configFile: string;
  /** Only this server (by name). */
  server?: string;
}

/**
 * `supaguard probe-mcp` for any front end: probes the servers of a config, then runs the findings through the
 * engine's pipeline with the config's own static findings (severities, suppressions, redaction).
 */
export async function probeConfig(request: ProbeConfigRequest): Promise<{ result: ScanResult; pinned: string[] }> {
  const allTargets = readProbeTargets(request.configFile);
  if (!allTargets.length) throw new ProbeUsageError('no MCP servers found in the config (looked for mcpServers, servers and context_servers)');
  // A disabled server is probed only when asked for by name: its client does not start it either.
  const targets = request.server ? allTargets.filter((t) => t.name === request.server) : allTargets.filter((t) => !t.disabled);
  if (!targets.length) {
    const names = allTargets.map((t) => t.name).join(', ');
    throw new ProbeUsageError(
      request.server ? `no server named "${request.server}" in the config (servers: ${names})` : `every server of the config is disabled; name one with --server to probe it (servers: ${names})`,
    );
  }
  const root = projectRootOf(request.configFile);
  const report = await probeServers({ ...request, root, targets, allTargets });
  // A secret written in the config stays a finding of the static scan, even though the probe did not use it.
  const result = await scan({ root, paths: [request.configFile], extraFindings: report.findings });
  result.skipped.push(...report.skipped);
  return { result, pinned: report.pinned };
}

const CLIENT_FOLDERS = new Set(['.vscode', '.cursor', '.windsurf', '.gemini', '.roo', '.zed', '.claude', '.codeium', '.kiro']);

/**
 * The project a config belongs to: the nearest folder above it with a `.supaguard` folder, a `supaguard.jsonc`
 * or a `.git`; else the config's folder (or its parent, for a client folder like `.vscode`).
 */
export function projectRootOf(configFile: string): string {
  const start = path.dirname(path.resolve(configFile));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (['.supaguard', 'supaguard.jsonc', '.git'].some((marker) => fs.existsSync(path.join(dir, marker)))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return CLIENT_FOLDERS.has(path.basename(start)) ? path.dirname(start) : start;
}
