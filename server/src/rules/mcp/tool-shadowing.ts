import { metadataOnly } from '../../engine/rule';

export const toolShadowing = metadataOnly(
  {
    id: 'mcp/tool-shadowing',
    defaultSeverity: 'warning',
    description: 'A probed MCP server’s descriptions name another configured server’s tools.',
    mode: 'probe',
  },
  'mcp',
);
