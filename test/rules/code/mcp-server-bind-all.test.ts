import { ruleTester } from '../../support/rule-tester';

const mcpServer = (listen: string) => `import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'chat-tools', version: '1.0.0' });
const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableDnsRebindingProtection: true,
    allowedHosts: ['127.0.0.1', 'localhost'],
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

${listen}
`;

ruleTester('code/mcp-server-bind-all', {
  valid: [
    { name: 'loopback host', files: { 'mcp-server.ts': mcpServer(`app.listen(3333, '127.0.0.1');`) } },
    {
      name: 'a web server that is not an MCP server may listen publicly',
      files: { 'server.ts': `import express from 'express';\nconst app = express();\napp.listen(8080, '0.0.0.0');\n` },
    },
  ],
  invalid: [
    {
      name: "listen(port, '0.0.0.0')",
      files: { 'mcp-server.ts': mcpServer(`app.listen(3333, '0.0.0.0', () => console.log('MCP server ready'));`) },
      findings: [
        {
          line: 19,
          column: 18,
          endColumn: 27,
          fix: { safe: true, output: { 'mcp-server.ts': mcpServer(`app.listen(3333, '127.0.0.1', () => console.log('MCP server ready'));`) } },
        },
      ],
    },
    {
      name: 'a HOST constant with a 0.0.0.0 default',
      files: {
        'src/mcp/http.ts': `import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const HOST = process.env.MCP_HOST ?? "0.0.0.0";
const server = new McpServer({ name: 'workspace', version: '0.3.0' });
createServer((req, res) => res.end()).listen({ port: 8787, host: HOST });
export { server };
`,
      },
      findings: [{ line: 4, column: 38, message: '0.0.0.0' }],
    },
    {
      name: "createMcpExpressApp({ host: '::' })",
      files: {
        'tools/server.mjs': `import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
const app = createMcpExpressApp({ host: '::', allowedHosts: ['tools.internal'] });
app.listen(4000);
`,
      },
      findings: [{ line: 2, message: '::' }],
    },
  ],
});
