import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import type { Finding } from '../engine/finding';
import { redactSecrets } from '../engine/secrets';
import { at, type ProbedServer } from './inspect';

/** An origin no real page has: a server that accepts it accepts any web page's requests. */
export const FOREIGN_ORIGIN = 'https://dns-rebinding.supaguard.invalid';

/** Loopback only: these checks knock on a local server's door, never on someone else's. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether the server lets a client in with these headers: a Streamable HTTP `initialize` that gets a result,
 * or, for the older HTTP+SSE protocol, an event stream that opens. `undefined` when the answer says neither.
 */
export async function accepts(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<boolean | undefined> {
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'supaguard-probe', version: '1' } },
  };
  const post = await request(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify(initialize),
  }, timeoutMs);
  if (!post) return undefined;
  if (post.status >= 200 && post.status < 300) {
    const session = post.headers.get('mcp-session-id');
    if (session) void request(url, { method: 'DELETE', headers: { ...headers, 'mcp-session-id': session } }, timeoutMs);
    return /"protocolVersion"/.test(post.body);
  }
  if (post.status !== 404 && post.status !== 405) return post.status === 401 || post.status === 403 ? false : undefined;
  const get = await request(url, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' } }, timeoutMs, true);
  if (!get) return undefined;
  return get.status >= 200 && get.status < 300 ? true : get.status === 401 || get.status === 403 ? false : undefined;
}

async function request(url: URL, init: RequestInit, timeoutMs: number, headersOnly = false) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: controller.signal });
    // An SSE answer never ends: read only until the first event (or not at all for a stream we only open).
    const body = headersOnly ? '' : await firstChunkOrAll(response);
    return { status: response.status, headers: response.headers, body };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function firstChunkOrAll(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < 65536) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (/"protocolVersion"/.test(text) && response.headers.get('content-type')?.includes('text/event-stream')) break;
  }
  return text;
}

/** The url with no credential in it: no user information, no `token=`/`api_key=`-like parameter. */
function withoutCredentials(url: URL): URL {
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  for (const name of [...bare.searchParams.keys()]) if (/token|key|secret|auth|passw|sig|session/i.test(name)) bare.searchParams.delete(name);
  return bare;
}

/** `mcp/unauthenticated-http` and `mcp/no-origin-check`, for a server reached over HTTP on this machine. */
export async function httpFindings(server: ProbedServer, timeoutMs: number): Promise<Finding[]> {
  if (!server.launch.url) return [];
  const url = new URL(server.launch.url);
  if (!isLoopback(url)) return [];
  const where = redactSecrets(url.origin + url.pathname);
  const findings: Finding[] = [];
  if (await accepts(withoutCredentials(url), {}, timeoutMs)) {
    findings.push(at(server, 'mcp/unauthenticated-http', `Server "${server.target.name}" at ${where} answers initialize without any credentials: any process on this machine, or a web page through DNS rebinding, can call its tools.`));
  }
  if (await accepts(url, { ...server.launch.headers, origin: FOREIGN_ORIGIN }, timeoutMs)) {
    findings.push(at(server, 'mcp/no-origin-check', `Server "${server.target.name}" at ${where} accepts a request from a foreign Origin (${FOREIGN_ORIGIN}): a web page can reach it through DNS rebinding; reject Origins it does not expect.`));
  }
  return findings;
}
