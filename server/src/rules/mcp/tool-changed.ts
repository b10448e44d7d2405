import { metadataOnly } from '../../engine/rule';

export const toolChanged = metadataOnly(
  {
    id: 'mcp/tool-changed',
    defaultSeverity: 'warning',
    description: 'A probed MCP server’s tool definition differs from the one pinned in .supaguard/mcp-pins.json.',
    mode: 'probe',
  },
  'mcp',
);
