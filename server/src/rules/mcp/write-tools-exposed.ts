import { metadataOnly } from '../../engine/rule';

export const writeToolsExposed = metadataOnly(
  {
    id: 'mcp/write-tools-exposed',
    defaultSeverity: 'warning',
    description: 'A probed MCP server offers SQL-executing or schema-changing tools without read-only mode.',
    mode: 'probe',
  },
  'mcp',
);
