import { isProjectScoped } from '../../languages/mcp/identify';
import { supabaseSettingRule } from './_supabase-setting';

/** What the fix inserts: the user fills in their project's ref (Project Settings → General). */
const PROJECT_REF_PLACEHOLDER = 'YOUR_PROJECT_REF';

export const supabaseNotProjectScoped = supabaseSettingRule({
  meta: {
    id: 'mcp/supabase-not-project-scoped',
    defaultSeverity: 'warning',
    description: 'The Supabase MCP server is not limited to one project, so the agent reaches every project of the account.',
  },
  flag: '--project-ref',
  parameter: 'project_ref',
  isSet: isProjectScoped,
  flagText: `--project-ref=${PROJECT_REF_PLACEHOLDER}`,
  parameterValue: PROJECT_REF_PLACEHOLDER,
  fixTitle: 'Scope it to one project',
  safe: false,
  problem: 'without a project scope: the agent can list, read and change every project and organization of the account',
  advice: { flag: '--project-ref=<your project ref>', parameter: 'project_ref=<your project ref>' },
});
