import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT, writeProject } from './project';
import { runCli, runCliAsync } from './cli';
import type { Finding } from '../../server/src/engine/finding';

/** A fixture MCP server of `test/fixtures/mcp-servers/`, written with the SDK. */
export function fixtureServer(name: string): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', 'mcp-servers', `${name}.mjs`);
}

/** A project holding `.mcp.json` (Claude Code's format) with these servers; returns the project root. */
export function projectWithServers(servers: Record<string, object>, extraFiles: Record<string, string> = {}): string {
  return writeProject({ '.mcp.json': `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`, ...extraFiles });
}

/** A stdio server entry starting a fixture with node. */
export function nodeServer(fixture: string, ...args: string[]): object {
  return { command: process.execPath, args: [fixtureServer(fixture), ...args] };
}

export interface ProbeJson {
  version: number;
  findings: Finding[];
  errors: { file: string; message: string }[];
  stats: Record<string, unknown>;
}

/** `supaguard probe-mcp CONFIG --yes --format json …`, parsed. */
export function probeJson(config: string, ...args: string[]): ProbeJson & { status: number; stderr: string } {
  const result = runCli(['probe-mcp', config, '--yes', '--format', 'json', '--timeout', '20', ...args]);
  return parseProbe(result);
}

export async function probeJsonAsync(config: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  return parseProbe(await runCliAsync(['probe-mcp', config, '--yes', '--format', 'json', '--timeout', '20', ...args], { env }));
}

function parseProbe(result: { status: number; stdout: string; stderr: string }) {
  try {
    return { ...(JSON.parse(result.stdout) as ProbeJson), status: result.status, stderr: result.stderr };
  } catch {
    throw new Error(`probe-mcp printed no JSON (exit ${result.status}): ${result.stderr}${result.stdout}`);
  }
}

/** Starts `http.mjs` (`open`, `guarded` or `sse`) on a free port of 127.0.0.1. */
export async function startHttpFixture(mode: 'open' | 'guarded' | 'sse', env: NodeJS.ProcessEnv = {}): Promise<{ url: string; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, [fixtureServer('http'), mode], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(JSON.parse(line).port);
    });
    child.on('exit', (code) => reject(new Error(`http fixture exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, stop: () => child.kill() };
}

/**
 * Probes `http.mjs` behind a config as users write it: `open` without headers, `guarded` with its token
 * taken from the environment (Claude Code's `${NAME}`), in a header or in the url.
 */
export async function probeHttpFixture(mode: 'open' | 'guarded' | 'sse', tokenIn: 'header' | 'url' = 'header'): Promise<ProbeJson> {
  const env = { PROBE_HTTP_TOKEN: `probe-test-token-${process.pid}` };
  const server = await startHttpFixture(mode, env);
  try {
    const entry =
      mode !== 'guarded'
        ? { type: 'http', url: server.url }
        : tokenIn === 'url'
          ? { type: 'http', url: `${server.url}?token=\${PROBE_HTTP_TOKEN}` }
          : { type: 'http', url: server.url, headers: { Authorization: 'Bearer ${PROBE_HTTP_TOKEN}' } };
    const root = projectWithServers({ local: entry });
    return await probeJsonAsync(path.join(root, '.mcp.json'), env);
  } finally {
    server.stop();
  }
}
