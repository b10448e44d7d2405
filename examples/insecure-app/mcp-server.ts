// An MCP server that gives AI agents the team's chat data over Streamable HTTP.
import express from 'express';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

const server = new McpServer({ name: 'team-chat', version: '0.1.0' });

server.tool('search_messages', 'Search chat messages', { query: z.string() }, async ({ query }) => {
  const { data } = await supabase.from('chat_messages').select('body, user_id').ilike('body', `%${query}%`);
  return { content: [{ type: 'text', text: JSON.stringify(data) }] };
});

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

const HOST = process.env.MCP_HOST ?? '0.0.0.0';
app.listen(3333, HOST, () => console.log(`team-chat MCP server on http://${HOST}:3333/mcp`));
