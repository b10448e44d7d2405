import { metadataOnly } from '../../engine/rule';

export const probeFailed = metadataOnly(
  {
    id: 'mcp/probe-failed',
    defaultSeverity: 'warning',
    description: 'An MCP server could not be probed (it crashed, hung, or did not speak MCP), so its tools were not checked.',
    mode: 'probe',
  },
  'mcp',
);
