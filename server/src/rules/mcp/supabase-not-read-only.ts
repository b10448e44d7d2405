import type { Fix } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import type { McpUnit } from '../../languages/mcp';
import { replaceInString, substringRange } from '../../languages/mcp/json';
import { flagValue, supabaseServer } from '../../languages/mcp/launch';
import { serverLabel } from './support';
import { addQueryParameter, insertArgumentAfter } from './supabase-edits';

export const supabaseNotReadOnly: Rule<McpUnit> = {
  meta: {
    id: 'mcp/supabase-not-read-only',
    defaultSeverity: 'warning',
    description: 'The Supabase MCP server runs without read-only mode, so the agent can change data and schema.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      const supabase = supabaseServer(server);
      if (!supabase) continue;
      const message =
        `${serverLabel(server)} is the Supabase MCP server without read-only mode: the agent can run any SQL, ` +
        'apply migrations and change data on your behalf';
      if (supabase.via === 'package') {
        const flag = flagValue(supabase.flags, '--read-only');
        if (flag.present && flag.value !== 'false') continue;
        const existing = supabase.flags.find((a) => a.value === '--read-only=false');
        const fix: Fix | undefined = existing
          ? { title: 'Run it read-only (--read-only)', safe: true, edits: [replaceInString(config.file, existing, 0, existing.value.length, '--read-only')] }
          : insertArgumentAfter(config, server, supabase.arg, '--read-only', 'Run it read-only (--read-only)', true);
        report({ message: `${message}; add --read-only.`, range: supabase.arg.range, fixes: fix ? [fix] : [] });
      } else {
        const value = supabase.site.url.searchParams.get('read_only');
        if (value === 'true') continue;
        report({
          message: `${message}; add read_only=true to the url.`,
          range: substringRange(config.file, supabase.site.str, supabase.site.start, supabase.site.end),
          fixes: [addQueryParameter(config, supabase.site, 'read_only', 'true', 'Run it read-only (read_only=true)', true)],
        });
      }
    }
  },
};
