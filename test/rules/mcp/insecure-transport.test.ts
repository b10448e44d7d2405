import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const VSCODE = `{
  "servers": {
    // staging box in the office network
    "inventory": { "type": "http", "url": "http://10.0.4.12:8080/mcp" }
  }
}
`;

const PROXY = `{
  "mcpServers": {
    "wiki": { "command": "npx", "args": ["-y", "mcp-remote@0.1.29", "http://wiki.internal.example.com/sse", "--allow-http"] }
  }
}
`;

const DATABASE = `{
  "mcpServers": {
    "db": { "command": "uvx", "args": ["postgres-mcp==0.3.0", "--access-mode=restricted"], "env": { "DATABASE_URI": "postgresql://readonly:\${env:DB_PASSWORD}@db.example.com:5432/app?sslmode=disable" } }
  }
}
`;

ruleTester('mcp/insecure-transport', {
  valid: [
    {
      name: 'https remotes, and plain http on loopback',
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "remote": { "type": "http", "url": "https://mcp.example.com/mcp" },
    "local": { "type": "http", "url": "http://127.0.0.1:3845/mcp" },
    "dev": { "type": "sse", "url": "http://localhost:8931/sse" },
    "compose": { "command": "docker", "args": ["run", "-i", "--rm", "--network", "supabase_default", "acme/mcp:1.2.0", "--api", "http://kong:8000"] },
    "db": { "command": "uvx", "args": ["postgres-mcp==0.3.0"], "env": { "DATABASE_URI": "postgresql://postgres:postgres@localhost:54322/postgres?sslmode=disable" } }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'http to a network address, fixed to https',
      files: { '.vscode/mcp.json': VSCODE },
      findings: [
        {
          ...where(VSCODE, 'http://10.0.4.12:8080/mcp'),
          message: ['"inventory"', 'http://', '10.0.4.12:8080'],
          fix: { safe: false, output: { '.vscode/mcp.json': VSCODE.replace('http://10.0.4.12', 'https://10.0.4.12') } },
        },
      ],
    },
    {
      name: 'an http url handed to mcp-remote',
      files: { 'claude_desktop_config.json': PROXY },
      findings: [{ ...where(PROXY, 'http://wiki.internal.example.com/sse') }],
    },
    {
      name: 'a remote database with sslmode=disable',
      files: { '.mcp.json': DATABASE },
      findings: [
        {
          ...where(DATABASE, 'sslmode=disable'),
          message: 'db.example.com',
          fix: { output: { '.mcp.json': DATABASE.replace('sslmode=disable', 'sslmode=require') } },
        },
      ],
    },
  ],
});
