import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const REMOTE = `{
  "mcpServers": {
    "atlassian": { "command": "npx", "args": ["-y", "mcp-remote@0.1.10", "https://mcp.atlassian.com/v1/sse"] }
  }
}
`;

const INSPECTOR = `{
  "servers": {
    "inspector": {
      "command": "npx",
      "args": ["@modelcontextprotocol/inspector@0.13.0", "node", "build/index.js"],
      "env": { "DANGEROUSLY_OMIT_AUTH": "true" }
    }
  }
}
`;

const CONTAINER = `{ "mcpServers": { "inspector": { "command": "docker", "args": ["run", "--rm", "-e", "DANGEROUSLY_OMIT_AUTH=1", "-p", "127.0.0.1:6274:6274", "ghcr.io/modelcontextprotocol/inspector:0.17.0"] } } }
`;

ruleTester('mcp/known-vulnerable-server', {
  valid: [
    {
      name: 'fixed versions, ranges that reach them, tags, and DANGEROUSLY_OMIT_AUTH off',
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "a": { "command": "npx", "args": ["-y", "mcp-remote@0.1.16", "https://mcp.atlassian.com/v1/sse"] },
    "b": { "command": "npx", "args": ["-y", "mcp-remote@^0.1.10", "https://mcp.example.com/sse"] },
    "c": { "command": "npx", "args": ["-y", "mcp-remote@latest", "https://mcp.example.com/sse"] },
    "d": { "command": "npx", "args": ["@modelcontextprotocol/inspector@0.16.2", "node", "build/index.js"], "env": { "DANGEROUSLY_OMIT_AUTH": "false" } }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'mcp-remote before 0.1.16',
      files: { '.cursor/mcp.json': REMOTE },
      findings: [{ ...where(REMOTE, '"mcp-remote@0.1.10"'), message: ['"atlassian"', 'CVE-2025-6514', '0.1.16'] }],
    },
    {
      name: 'an old Inspector with its authentication off',
      files: { '.vscode/mcp.json': INSPECTOR },
      findings: [
        { ...where(INSPECTOR, '"@modelcontextprotocol/inspector@0.13.0"'), message: 'CVE-2025-49596' },
        { ...where(INSPECTOR, '"true"'), message: 'DANGEROUSLY_OMIT_AUTH' },
      ],
    },
    {
      name: 'DANGEROUSLY_OMIT_AUTH passed to a container',
      files: {
        '.mcp.json': CONTAINER,
      },
      findings: [where(CONTAINER, '"DANGEROUSLY_OMIT_AUTH=1"')],
    },
  ],
});
