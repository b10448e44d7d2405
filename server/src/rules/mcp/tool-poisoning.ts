import { metadataOnly } from '../../engine/rule';

export const toolPoisoning = metadataOnly(
  {
    id: 'mcp/tool-poisoning',
    defaultSeverity: 'error',
    description: 'A probed MCP server’s tool, prompt or resource hides instructions for the agent (tags, overrides, invisible Unicode, ANSI escapes).',
    mode: 'probe',
  },
  'mcp',
);
