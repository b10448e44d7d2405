import type { Fix } from '../../engine/finding';
import type { JsonString, McpConfig, McpServer } from '../../languages/mcp';
import { modifyEdits, replaceInString } from '../../languages/mcp/json';
import type { UrlSite } from '../../languages/mcp/launch';

/** Inserts an argument right after `after` in the server's `args` (the package argument). */
export function insertArgumentAfter(config: McpConfig, server: McpServer, after: JsonString, argument: string, title: string, safe: boolean): Fix | undefined {
  const index = after.path.at(-1);
  if (typeof index !== 'number' || !server.args.includes(after)) return undefined;
  return { title, safe, edits: modifyEdits(config.file, [...server.argsPath, index + 1], argument, { isArrayInsertion: true }) };
}

/** Sets `name=value` in a url's query: replaces an existing value, or appends the parameter. */
export function addQueryParameter(config: McpConfig, site: UrlSite, name: string, value: string, title: string, safe: boolean): Fix {
  const text = site.str.value.slice(site.start, site.end);
  const existing = new RegExp(`([?&]${name}=)([^&#]*)`).exec(text);
  if (existing) {
    const start = site.start + existing.index + existing[1].length;
    return { title, safe, edits: [replaceInString(config.file, site.str, start, start + existing[2].length, value)] };
  }
  const hash = text.indexOf('#');
  const end = site.start + (hash >= 0 ? hash : text.length);
  const separator = text.includes('?') ? (/[?&]$/.test(text.slice(0, end - site.start)) ? '' : '&') : '?';
  return { title, safe, edits: [replaceInString(config.file, site.str, end, end, `${separator}${name}=${value}`)] };
}
