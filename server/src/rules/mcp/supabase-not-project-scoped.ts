import type { Rule } from '../../engine/rule';
import type { McpUnit } from '../../languages/mcp';
import { substringRange } from '../../languages/mcp/json';
import { flagValue, supabaseServer } from '../../languages/mcp/launch';
import { serverLabel } from './support';
import { addQueryParameter, insertArgumentAfter } from './supabase-edits';

/** What the fix inserts: the user fills in their project's ref (Project Settings → General). */
const PROJECT_REF_PLACEHOLDER = 'YOUR_PROJECT_REF';

export const supabaseNotProjectScoped: Rule<McpUnit> = {
  meta: {
    id: 'mcp/supabase-not-project-scoped',
    defaultSeverity: 'warning',
    description: 'The Supabase MCP server is not limited to one project, so the agent reaches every project of the account.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      const supabase = supabaseServer(server);
      if (!supabase) continue;
      const message =
        `${serverLabel(server)} is the Supabase MCP server without a project scope: the agent can list, read and change ` +
        'every project and organization of the account';
      if (supabase.via === 'package') {
        if (flagValue(supabase.flags, '--project-ref').present) continue;
        const fix = insertArgumentAfter(config, server, supabase.arg, `--project-ref=${PROJECT_REF_PLACEHOLDER}`, 'Scope it to one project (--project-ref)', false);
        report({ message: `${message}; add --project-ref=<your project ref>.`, range: supabase.arg.range, fixes: fix ? [fix] : [] });
      } else {
        if (supabase.site.url.searchParams.get('project_ref')) continue;
        report({
          message: `${message}; add project_ref=<your project ref> to the url.`,
          range: substringRange(config.file, supabase.site.str, supabase.site.start, supabase.site.end),
          fixes: [addQueryParameter(config, supabase.site, 'project_ref', PROJECT_REF_PLACEHOLDER, 'Scope it to one project (project_ref)', false)],
        });
      }
    }
  },
};
