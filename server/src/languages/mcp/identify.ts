import type { JsonString } from './json';
import { containerRunOptions, flagValue, launchedPackage, packageArgument, supabaseServer, urlSites, type PackageRef, type SupabaseServer, type UrlSite } from './launch';
import type { McpServer } from './model';

/** What a server entry runs, as far as its config tells. */
export type ServerIdentity =
  | { kind: 'supabase'; via: SupabaseServer['via']; readOnly: boolean; projectScoped: boolean }
  | { kind: 'inspector'; version?: string }
  | { kind: 'mcp-remote'; version?: string; target?: UrlSite }
  | { kind: 'postgres'; connectionString: JsonString }
  | { kind: 'container' }
  | { kind: 'package'; package: PackageRef }
  | { kind: 'remote'; url: string }
  | { kind: 'local' };

const CONNECTION_STRING = /^postgres(?:ql)?:\/\//;

export function identifyServer(server: McpServer): ServerIdentity {
  const supabase = supabaseServer(server);
  if (supabase) return { kind: 'supabase', via: supabase.via, readOnly: isReadOnly(supabase), projectScoped: isProjectScoped(supabase) };
  const inspector = packageArgument(server, '@modelcontextprotocol/inspector');
  if (inspector) return { kind: 'inspector', version: inspector.version };
  const remote = packageArgument(server, 'mcp-remote');
  if (remote) return { kind: 'mcp-remote', version: remote.version, target: urlSites(server).find((s) => !s.isServerUrl) };
  const connectionString = [...server.args, ...server.env.map((e) => e.value)].find((s) => CONNECTION_STRING.test(s.value));
  if (connectionString) return { kind: 'postgres', connectionString };
  if (containerRunOptions(server)) return { kind: 'container' };
  const pkg = launchedPackage(server);
  if (pkg) return { kind: 'package', package: pkg };
  if (server.url && !server.command) return { kind: 'remote', url: server.url.value };
  return { kind: 'local' };
}

/** `--read-only` (not `=false`) or `read_only=true`: the server offers no tool that writes. */
export function isReadOnly(supabase: SupabaseServer): boolean {
  if (supabase.via === 'url') return supabase.site.url.searchParams.get('read_only') === 'true';
  const flag = flagValue(supabase.flags, '--read-only');
  return flag.present && flag.value !== 'false';
}

/** `--project-ref=…` or `project_ref=…`: the server reaches one project, not the whole account. */
export function isProjectScoped(supabase: SupabaseServer): boolean {
  if (supabase.via === 'url') return Boolean(supabase.site.url.searchParams.get('project_ref'));
  const flag = flagValue(supabase.flags, '--project-ref');
  return flag.present && flag.value !== '';
}
