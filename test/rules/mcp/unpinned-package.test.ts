import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const CURSOR = `{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] },
    "supabase": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@latest", "--read-only", "--project-ref=abcdefghijklmnopqrst"] },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] },
    "git": { "command": "uvx", "args": ["--from", "mcp-server-git", "mcp-server-git", "--repository", "."] }
  }
}
`;

ruleTester('mcp/unpinned-package', {
  valid: [
    {
      name: 'pinned npm and Python packages, local scripts, and docker',
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] },
    "git": { "command": "uvx", "args": ["--from", "mcp-server-git==2025.7.1", "mcp-server-git"] },
    "local": { "command": "node", "args": ["./mcp/server.js"] },
    "script": { "command": "npx", "args": ["tsx", "./mcp/server.ts"] }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'no version, @latest, and uvx with and without --from',
      files: { '.cursor/mcp.json': CURSOR },
      findings: [
        { ...where(CURSOR, '"@modelcontextprotocol/server-github"'), severity: 'info', message: ['"github"', 'with no version', '@<version>'] },
        { ...where(CURSOR, '"@supabase/mcp-server-supabase@latest"'), message: 'at @latest' },
        { ...where(CURSOR, '"mcp-server-fetch"'), message: 'mcp-server-fetch==<version>' },
        { ...where(CURSOR, '"mcp-server-git"') },
      ],
    },
  ],
});
