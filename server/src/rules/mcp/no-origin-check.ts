import { metadataOnly } from '../../engine/rule';

export const noOriginCheck = metadataOnly(
  {
    id: 'mcp/no-origin-check',
    defaultSeverity: 'error',
    description: 'A local HTTP MCP server accepts a request with a foreign Origin (DNS rebinding).',
    mode: 'probe',
  },
  'mcp',
);
