import { ruleTester } from '../../support/rule-tester';

const server = (transportOptions: string, appLine = 'const app = express();') => `import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const mcp = new McpServer({ name: 'chat-tools', version: '1.0.0' });
${appLine}
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport(${transportOptions});
  await mcp.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3333, '127.0.0.1');
`;

ruleTester('code/mcp-server-no-host-check', {
  valid: [
    {
      name: 'DNS-rebinding protection with allowed hosts',
      files: { 'mcp-server.ts': server(`{ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3333', 'localhost:3333'] }`) },
    },
    {
      name: "the SDK's createMcpExpressApp on its loopback default",
      files: {
        'mcp-server.ts': server(`{ sessionIdGenerator: undefined }`, 'const app = createMcpExpressApp();').replace(
          "import express from 'express';",
          "import express from 'express';\nimport { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';",
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'no options about hosts',
      files: { 'mcp-server.ts': server(`{ sessionIdGenerator: () => crypto.randomUUID() }`) },
      findings: [{ line: 10, column: 25, endColumn: 54, message: 'StreamableHTTPServerTransport' }],
    },
    {
      name: 'allowedHosts without enableDnsRebindingProtection (the list is then ignored)',
      files: { 'mcp-server.ts': server(`{ sessionIdGenerator: undefined, allowedHosts: ['localhost'] }`) },
      findings: [{ line: 10 }],
    },
    {
      name: 'createMcpExpressApp on 0.0.0.0 without allowedHosts',
      files: {
        'mcp-server.ts': server(`{ sessionIdGenerator: undefined }`, `const app = createMcpExpressApp({ host: '0.0.0.0' });`).replace(
          "import express from 'express';",
          "import express from 'express';\nimport { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';",
        ),
      },
      findings: [{ line: 11 }],
    },
  ],
});
