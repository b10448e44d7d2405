import type { Fix } from '../../engine/finding';
import type { Rule, RuleMeta } from '../../engine/rule';
import type { JsonString, McpConfig, McpServer, McpUnit } from '../../languages/mcp';
import { modifyEdits, replaceInString, substringRange } from '../../languages/mcp/json';
import { supabaseServer, type SupabaseServer, type UrlSite } from '../../languages/mcp/launch';
import { serverLabel } from './_support';

/** A setting the Supabase MCP server takes as a flag of its npm package or a query parameter of its hosted url. */
export interface SupabaseSetting {
  meta: RuleMeta;
  /** `--read-only`, `--project-ref`. */
  flag: string;
  /** `read_only`, `project_ref`. */
  parameter: string;
  isSet(supabase: SupabaseServer): boolean;
  /** What the fix writes: `--read-only` / `read_only=true`; `--project-ref=…` / `project_ref=…`. */
  flagText: string;
  parameterValue: string;
  fixTitle: string;
  safe: boolean;
  /** What is wrong, after the server's label. */
  problem: string;
  /** How to set it in the message, per form. */
  advice: { flag: string; parameter: string };
}

/** A rule reporting the Supabase MCP server when `setting` is missing, with a fix adding it. */
export function supabaseSettingRule(setting: SupabaseSetting): Rule<McpUnit> {
  return {
    meta: setting.meta,
    language: 'mcp',
    check({ unit, report }) {
      const { config } = unit;
      for (const server of config.servers) {
        const supabase = supabaseServer(server);
        if (!supabase || setting.isSet(supabase)) continue;
        const message = `${serverLabel(server)} is the Supabase MCP server ${setting.problem}`;
        if (supabase.via === 'package') {
          const fix = replaceFlag(config, supabase.flags, setting) ?? insertArgumentAfter(config, server, supabase.arg, setting);
          report({ message: `${message}; add ${setting.advice.flag}.`, range: supabase.arg.range, fixes: fix ? [fix] : [] });
        } else {
          report({
            message: `${message}; add ${setting.advice.parameter} to the url.`,
            range: substringRange(config.file, supabase.site.str, supabase.site.start, supabase.site.end),
            fixes: [setQueryParameter(config, supabase.site, setting)],
          });
        }
      }
    },
  };
}

/** `--read-only=false` becomes `--read-only`. */
function replaceFlag(config: McpConfig, flags: JsonString[], setting: SupabaseSetting): Fix | undefined {
  const existing = flags.find((a) => a.value.startsWith(`${setting.flag}=`));
  if (!existing) return undefined;
  return { title: setting.fixTitle, safe: setting.safe, edits: [replaceInString(config.file, existing, 0, existing.value.length, setting.flagText)] };
}

/** Inserts the flag right after the package argument, in the array's own layout. */
function insertArgumentAfter(config: McpConfig, server: McpServer, after: JsonString, setting: SupabaseSetting): Fix | undefined {
  const index = after.path.at(-1);
  if (typeof index !== 'number' || !server.args.includes(after)) return undefined;
  const edits = modifyEdits(config.file, [...server.argsPath, index + 1], setting.flagText, { isArrayInsertion: true });
  return edits && { title: setting.fixTitle, safe: setting.safe, edits };
}

/** Replaces the parameter's value, or appends `name=value` to the query. */
function setQueryParameter(config: McpConfig, site: UrlSite, setting: SupabaseSetting): Fix {
  const { parameter: name, parameterValue: value } = setting;
  const text = site.str.value.slice(site.start, site.end);
  const existing = new RegExp(`([?&]${name}=)([^&#]*)`).exec(text);
  const fix = (start: number, end: number, newText: string): Fix => ({
    title: setting.fixTitle,
    safe: setting.safe,
    edits: [replaceInString(config.file, site.str, start, end, newText)],
  });
  if (existing) {
    const start = site.start + existing.index + existing[1].length;
    return fix(start, start + existing[2].length, value);
  }
  const hash = text.indexOf('#');
  const end = site.start + (hash >= 0 ? hash : text.length);
  const separator = text.includes('?') ? (/[?&]$/.test(text.slice(0, end - site.start)) ? '' : '&') : '?';
  return fix(end, end, `${separator}${name}=${value}`);
}
