import { isReadOnly } from '../../languages/mcp/identify';
import { supabaseSettingRule } from './_supabase-setting';

export const supabaseNotReadOnly = supabaseSettingRule({
  meta: {
    id: 'mcp/supabase-not-read-only',
    defaultSeverity: 'warning',
    description: 'The Supabase MCP server runs without read-only mode, so the agent can change data and schema.',
  },
  flag: '--read-only',
  parameter: 'read_only',
  isSet: isReadOnly,
  flagText: '--read-only',
  parameterValue: 'true',
  fixTitle: 'Run it read-only',
  safe: true,
  problem: 'without read-only mode: the agent can run any SQL, apply migrations and change data on your behalf',
  advice: { flag: '--read-only', parameter: 'read_only=true' },
});
