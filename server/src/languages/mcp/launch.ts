import type { JsonString } from './json';
import type { McpServer } from './model';

/** A package a launcher (`npx`, `uvx`, …) fetches and runs. */
export interface PackageRef {
  launcher: string;
  name: string;
  /** Version or tag as written (`1.2.3`, `^0.1`, `latest`); undefined when none. */
  version?: string;
  /** The argument naming the package. */
  arg: JsonString;
}

const NODE_LAUNCHERS = new Set(['npx', 'bunx', 'pnpx', 'pnpm dlx', 'yarn dlx', 'npm exec']);
const PYTHON_LAUNCHERS = new Set(['uvx', 'uv tool run', 'pipx run']);

/** Launcher options that take a value in the next argument. */
const OPTIONS_WITH_VALUE = new Set([
  '-p', '--package', '--from', '--with', '--python', '--index', '--index-url', '--extra-index-url',
  '--with-requirements', '--spec', '--pip-args', '-w', '--cache', '--registry', '--prefix',
]);

/** The command line as the client runs it: command then arguments, with a Windows `cmd /c` wrapper removed. */
export function commandLine(server: McpServer): JsonString[] {
  const argv = server.command ? [server.command, ...server.args] : [...server.args];
  if (argv.length >= 2 && executableName(argv[0].value) === 'cmd' && /^\/[ck]$/i.test(argv[1].value)) return argv.slice(2);
  return argv;
}

/** `npx` for `/usr/local/bin/npx`, `npx.cmd` or `C:\\…\\npx.exe`. */
export function executableName(command: string): string {
  return (command.split(/[\\/]/).pop() ?? command).replace(/\.(?:cmd|exe|bat|ps1)$/i, '').toLowerCase();
}

/** The launcher and its argument list: `npx`, or two-word launchers like `pnpm dlx`. */
function launcherOf(argv: JsonString[]): { launcher: string; rest: JsonString[] } | undefined {
  if (argv.length === 0) return undefined;
  const first = executableName(argv[0].value);
  const two = argv.length > 1 ? `${first} ${argv[1].value}` : '';
  if (NODE_LAUNCHERS.has(two) || PYTHON_LAUNCHERS.has(two)) return { launcher: two, rest: argv.slice(2) };
  if (NODE_LAUNCHERS.has(first) || PYTHON_LAUNCHERS.has(first)) return { launcher: first, rest: argv.slice(1) };
  return undefined;
}

/** The package an `npx`/`uvx`-style command runs, if the server is launched that way from a registry. */
export function launchedPackage(server: McpServer): PackageRef | undefined {
  const launch = launcherOf(commandLine(server));
  if (!launch) return undefined;
  const isNode = NODE_LAUNCHERS.has(launch.launcher);
  // `npx -p pkg bin`, `uvx --from pkg tool`: the package is the option's value, not the first positional.
  let explicit: { spec: string; arg: JsonString } | undefined;
  for (let i = 0; i < launch.rest.length; i++) {
    const arg = launch.rest[i];
    if (!arg.value.startsWith('-')) return explicit ? parseSpec(launch.launcher, explicit.spec, explicit.arg) : parseSpec(launch.launcher, arg.value, arg);
    const [option, inline] = splitOption(arg.value);
    const valueArg = inline === undefined && OPTIONS_WITH_VALUE.has(option) ? launch.rest[++i] : undefined;
    const names = option === '--package' || option === '--from' || option === '--spec' || (option === '-p' && isNode);
    if (names && !explicit) {
      if (inline !== undefined) explicit = { spec: inline, arg };
      else if (valueArg) explicit = { spec: valueArg.value, arg: valueArg };
    }
  }
  return undefined;
}

function splitOption(value: string): [string, string | undefined] {
  const eq = value.indexOf('=');
  return value.startsWith('-') && eq > 0 ? [value.slice(0, eq), value.slice(eq + 1)] : [value, undefined];
}

function parseSpec(launcher: string, spec: string, arg: JsonString): PackageRef | undefined {
  // Local paths, git and tarball URLs are not registry packages.
  if (/^(?:\.|\/|~|[A-Za-z]:\\|file:|git(?:\+|:)|github:|https?:)/.test(spec) || spec === '') return undefined;
  if (PYTHON_LAUNCHERS.has(launcher)) {
    const m = /^([A-Za-z0-9._-]+(?:\[[^\]]*\])?)(?:(==|@|>=|~=)(.+))?$/.exec(spec);
    return m ? { launcher, name: m[1], version: m[3], arg } : undefined;
  }
  const m = /^(@[^/@\s]+\/[^@\s]+|[^@/\s]+)(?:@(.+))?$/.exec(spec);
  return m ? { launcher, name: m[1], version: m[2], arg } : undefined;
}

/** An argument naming `name` as an npm package (`name`, `name@1.2.3`), with its version. */
export function packageArgument(server: McpServer, name: string): { arg: JsonString; version?: string } | undefined {
  for (const arg of commandLine(server)) {
    if (arg.value === name) return { arg };
    if (arg.value.startsWith(`${name}@`)) return { arg, version: arg.value.slice(name.length + 1) };
  }
  return undefined;
}

const SUPABASE_PACKAGE = '@supabase/mcp-server-supabase';
const SUPABASE_HOSTED_HOST = 'mcp.supabase.com';

/** A URL written in a server entry: its `url`, or one inside an argument (`mcp-remote https://…`). */
export interface UrlSite {
  str: JsonString;
  /** Decoded offsets of the URL within the string. */
  start: number;
  end: number;
  url: URL;
  /** The `url` key (true) or an argument (false): only the former can take a `headers` entry. */
  isServerUrl: boolean;
}

const URL_IN_TEXT = /\b(?:https?|wss?):\/\/[^\s"'<>`]+/gi;

export function urlSites(server: McpServer): UrlSite[] {
  const sites: UrlSite[] = [];
  const add = (str: JsonString, isServerUrl: boolean) => {
    for (const m of str.value.matchAll(URL_IN_TEXT)) {
      const url = parseUrl(m[0]);
      if (url) sites.push({ str, start: m.index, end: m.index + m[0].length, url, isServerUrl });
    }
  };
  if (server.url) add(server.url, true);
  for (const arg of server.args) add(arg, false);
  return sites;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === 'host.docker.internal';
}

/** How the Supabase MCP server is configured in this entry, if it is one. */
export type SupabaseServer =
  | { via: 'package'; arg: JsonString; flags: JsonString[] }
  | { via: 'url'; site: UrlSite };

export function supabaseServer(server: McpServer): SupabaseServer | undefined {
  const pkg = packageArgument(server, SUPABASE_PACKAGE);
  if (pkg) {
    const argv = commandLine(server);
    return { via: 'package', arg: pkg.arg, flags: argv.slice(argv.indexOf(pkg.arg) + 1) };
  }
  const site = urlSites(server).find((s) => s.url.hostname.toLowerCase() === SUPABASE_HOSTED_HOST);
  return site ? { via: 'url', site } : undefined;
}

/** The value of `--name value` or `--name=value` among arguments. */
export function flagValue(args: JsonString[], name: string): { present: boolean; value?: string } {
  for (let i = 0; i < args.length; i++) {
    const [option, inline] = splitOption(args[i].value);
    if (option !== name) continue;
    return { present: true, value: inline ?? (args[i + 1] && !args[i + 1].value.startsWith('-') ? args[i + 1].value : undefined) };
  }
  return { present: false };
}

/** Options of `docker run` that take a value (the rest are flags); the first positional after them is the image. */
const CONTAINER_OPTIONS_WITH_VALUE = new Set([
  '-a', '--attach', '--add-host', '--cap-add', '--cap-drop', '--cgroupns', '--cidfile', '--cpus', '--cpu-shares', '-c',
  '--device', '--dns', '-e', '--env', '--env-file', '--entrypoint', '--expose', '--gpus', '-h', '--hostname', '--ipc',
  '-l', '--label', '--link', '--log-driver', '--log-opt', '-m', '--memory', '--mount', '--name', '--network', '--net',
  '--pid', '--platform', '-p', '--publish', '--pull', '--restart', '--runtime', '--security-opt', '--shm-size',
  '--tmpfs', '--ulimit', '-u', '--user', '-v', '--volume', '--volumes-from', '-w', '--workdir', '--stop-signal',
]);

/** An option of `docker run` before the image, with its value (`-p 8080:80`, `-p=8080:80`, `-p8080:80`). */
export interface ContainerOption {
  option: string;
  /** The string holding the value, and the value's decoded offsets in it. */
  str?: JsonString;
  start: number;
  end: number;
  value?: string;
}

/** The options of a `docker run` / `podman run` server, or undefined for other servers. */
export function containerRunOptions(server: McpServer): ContainerOption[] | undefined {
  const argv = commandLine(server);
  if (argv.length < 2 || !['docker', 'podman'].includes(executableName(argv[0].value))) return undefined;
  const run = argv.findIndex((a) => a.value === 'run');
  if (run < 0) return undefined;
  const options: ContainerOption[] = [];
  for (let i = run + 1; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.value.startsWith('-')) break;
    const [option, inline] = splitOption(arg.value);
    if (inline !== undefined) {
      options.push({ option, str: arg, start: option.length + 1, end: arg.value.length, value: inline });
    } else if (/^-[pe]./.test(option)) {
      options.push({ option: option.slice(0, 2), str: arg, start: 2, end: arg.value.length, value: option.slice(2) });
    } else if (CONTAINER_OPTIONS_WITH_VALUE.has(option)) {
      const next = argv[++i];
      options.push({ option, str: next, start: 0, end: next?.value.length ?? 0, value: next?.value });
    } else {
      options.push({ option, start: 0, end: 0 });
    }
  }
  return options;
}
