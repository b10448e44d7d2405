import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Prompt, Resource, Tool } from '@modelcontextprotocol/sdk/types.js';
import { redactSecrets } from '../engine/secrets';
import type { Launch } from './environment';
import { endProcessTree } from './process-tree';
import { printable } from './text';

/** What a server offers an agent: everything a model reads. */
export interface ServerSurface {
  instructions?: string;
  tools: Tool[];
  prompts: Prompt[];
  resources: Resource[];
}

export type ProbeOutcome = { ok: true; surface: ServerSurface } | { ok: false; reason: string };

export interface ConnectOptions {
  /** Limit for start-up and `initialize`, and separately for each list request. */
  timeoutMs: number;
  cwd: string;
  clientVersion: string;
}

const MAX_PAGES = 50;

/** Servers started and not yet ended, so an interrupted probe can still end them. */
const running = new Set<number>();

/** Remembers the server's process id as soon as it is spawned, so the whole tree can be ended whatever happens. */
class TrackedStdioTransport extends StdioClientTransport {
  startedPid: number | undefined;
  async start(): Promise<void> {
    await super.start();
    this.startedPid = this.pid ?? undefined;
    if (this.startedPid !== undefined) running.add(this.startedPid);
  }
}

/** Ends every server still running (when the probe itself is interrupted). */
export async function endRunningServers(): Promise<void> {
  await Promise.all([...running].map((pid) => endProcessTree(pid, 200)));
}

/** Starts or connects to one server, lists what it offers, and always ends it. */
export async function listServerSurface(launch: Launch, options: ConnectOptions): Promise<ProbeOutcome> {
  if (launch.command) return listOverStdio(launch.command, launch, options);
  try {
    return await listOverHttp(new URL(launch.url!), launch.headers, options);
  } catch (error) {
    return { ok: false, reason: `its url is not valid (${describeError(error)})` };
  }
}

async function listOverStdio(command: string, launch: Launch, options: ConnectOptions): Promise<ProbeOutcome> {
  const transport = new TrackedStdioTransport({ command, args: launch.args, env: launch.env, cwd: options.cwd, stderr: 'pipe' });
  let stderrTail = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
  });
  const client = newClient(options);
  const failure = watchForFailure(client, () => {
    const said = lastLine(stderrTail);
    return `it exited before answering${said ? `; its last output: "${said}"` : ''}`;
  });
  try {
    return await Promise.race([session(client, transport, options), failure.promise]);
  } catch (error) {
    return { ok: false, reason: failure.reason() ?? startFailure(error, command, options, lastLine(stderrTail)) };
  } finally {
    failure.dispose();
    if (transport.startedPid !== undefined) {
      await endProcessTree(transport.startedPid);
      running.delete(transport.startedPid);
    }
    await client.close().catch(() => undefined);
  }
}

async function listOverHttp(url: URL, headers: Record<string, string>, options: ConnectOptions): Promise<ProbeOutcome> {
  const attempt = async (transport: Transport): Promise<ProbeOutcome> => {
    const client = newClient(options);
    const failure = watchForFailure(client);
    try {
      return await Promise.race([session(client, transport, options), failure.promise]);
    } finally {
      failure.dispose();
      await client.close().catch(() => undefined);
    }
  };
  const requestInit = { headers };
  try {
    return await attempt(new StreamableHTTPClientTransport(url, { requestInit }));
  } catch (streamableError) {
    // Servers from before the 2025-03-26 protocol speak HTTP+SSE only.
    try {
      return await attempt(new SSEClientTransport(url, { requestInit }));
    } catch {
      return { ok: false, reason: `it did not answer over Streamable HTTP or SSE at ${redactSecrets(url.origin)} (${describeError(streamableError)})` };
    }
  }
}

function newClient(options: ConnectOptions): Client {
  return new Client({ name: 'supaguard-probe', version: options.clientVersion }, { capabilities: {} });
}

async function session(client: Client, transport: Transport, options: ConnectOptions): Promise<ProbeOutcome> {
  await client.connect(transport, { timeout: options.timeoutMs, maxTotalTimeout: options.timeoutMs });
  const capabilities = client.getServerCapabilities() ?? {};
  const request = { timeout: options.timeoutMs, maxTotalTimeout: options.timeoutMs };
  const tools = capabilities.tools ? await paginate((cursor) => client.listTools({ cursor }, request), (r) => r.tools) : [];
  const prompts = capabilities.prompts ? await paginate((cursor) => client.listPrompts({ cursor }, request), (r) => r.prompts) : [];
  const resources = capabilities.resources
    ? await paginate((cursor) => client.listResources({ cursor }, request), (r) => r.resources)
    : [];
  const instructions = client.getInstructions();
  return { ok: true, surface: { tools, prompts, resources, ...(instructions ? { instructions } : {}) } };
}

async function paginate<Page extends { nextCursor?: string }, Item>(
  list: (cursor: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[],
): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await list(cursor);
    all.push(...items(result));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}

/** Lines of non-protocol output tolerated on stdout: clients skip a stray banner, but not a stream of logs. */
const GARBAGE_LINES_TOLERATED = 4;

/**
 * Resolves as soon as the server shows it is not speaking MCP (repeated garbage on stdout, a message over the
 * transport's size limit) or, for a process, exits, instead of waiting for the request time limit.
 * `exited` describes an exit.
 */
function watchForFailure(client: Client, exited?: () => string) {
  let reason: string | undefined;
  let garbage: string | undefined;
  let garbageLines = 0;
  let settle: (outcome: ProbeOutcome) => void = () => undefined;
  const promise = new Promise<ProbeOutcome>((resolve) => (settle = resolve));
  const fail = (why: string) => {
    reason ??= why;
    settle({ ok: false, reason });
  };
  client.onerror = (error) => {
    if (/ReadBuffer exceeded/.test(error.message)) fail('it sent a message over the 10 MB limit');
    if (!(error instanceof SyntaxError || error.name === 'ZodError' || /JSON/.test(error.message))) return;
    garbage ??= `it printed output that is not MCP JSON-RPC (${printable(error.message, 120)})`;
    if (++garbageLines > GARBAGE_LINES_TOLERATED) fail(garbage);
  };
  if (exited) client.onclose = () => fail(garbage ? `${garbage}, then ${exited().replace(/^it /, '')}` : exited());
  return {
    promise,
    reason: () => reason ?? garbage,
    dispose: () => {
      client.onerror = undefined;
      client.onclose = undefined;
    },
  };
}

function startFailure(error: unknown, command: string, options: ConnectOptions, stderr: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `its command "${printable(redactSecrets(command), 80)}" was not found`;
  const message = describeError(error);
  if (/timed out|timeout/i.test(message)) {
    return `it did not answer within ${options.timeoutMs / 1000} s (${message})${stderr ? `; its last output: "${stderr}"` : ''}`;
  }
  return `${message}${stderr ? `; its last output: "${stderr}"` : ''}`;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return printable(redactSecrets(message.split('\n')[0]), 200);
}

function lastLine(text: string): string {
  const line = text.trim().split('\n').filter((l) => l.trim()).pop() ?? '';
  return printable(redactSecrets(line), 160);
}
