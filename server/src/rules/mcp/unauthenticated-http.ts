import { metadataOnly } from '../../engine/rule';

export const unauthenticatedHttp = metadataOnly(
  {
    id: 'mcp/unauthenticated-http',
    defaultSeverity: 'error',
    description: 'A local HTTP MCP server answers initialize without credentials.',
    mode: 'probe',
  },
  'mcp',
);
