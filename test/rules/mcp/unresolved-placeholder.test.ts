import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const VSCODE = `{
  "inputs": [{ "type": "promptString", "id": "github-token", "password": true }],
  "servers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${input:gh-token}" }
    }
  }
}
`;

const DESKTOP = `{
  "mcpServers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref={{PROJECT_REF}}"],
      "env": { "SUPABASE_ACCESS_TOKEN": "\${SUPABASE_ACCESS_TOKEN}" }
    }
  }
}
`;

const CURSOR = `{
  "mcpServers": {
    "linear": { "url": "https://mcp.linear.app/mcp", "headers": { "Authorization": "Bearer \${LINEAR_API_KEY}" } }
  }
}
`;

const CLAUDE_CODE = `{
  "mcpServers": {
    "sentry": { "command": "npx", "args": ["-y", "@sentry/mcp-server@0.17.1"], "env": { "SENTRY_ACCESS_TOKEN": "\${env:SENTRY_ACCESS_TOKEN}" } }
  }
}
`;

ruleTester('mcp/unresolved-placeholder', {
  valid: [
    {
      name: "each client's own syntax",
      files: {
        '.vscode/mcp.json': `{
  "inputs": [{ "type": "promptString", "id": "gh", "password": true }],
  "servers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${input:gh}", "HOME_DIR": "\${userHome}", "X": "\${env:X}" } },
    "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "\${workspaceFolder}"] }
  }
}
`,
        '.mcp.json': `{ "mcpServers": { "api": { "command": "node", "args": ["\${CLAUDE_PROJECT_DIR}/mcp/server.js"], "env": { "API_URL": "\${API_URL:-https://api.example.com}" } } } }
`,
        '.cursor/mcp.json': `{ "mcpServers": { "api": { "command": "node", "args": ["\${workspaceFolder}/mcp/server.js"], "env": { "API_KEY": "\${env:API_KEY}" } } } }
`,
        'claude_desktop_config.json': `{
  "mcpServers": {
    "atlassian": {
      "command": "npx",
      "args": ["-y", "mcp-remote@0.1.29", "https://mcp.atlassian.com/v1/sse", "--header", "Authorization: Bearer \${ATLASSIAN_TOKEN}"],
      "env": { "ATLASSIAN_TOKEN": "<set in your keychain wrapper>" }
    }
  }
}
`,
        'mcp_config.json': `{ "mcpServers": { "api": { "serverUrl": "https://api.example.com/mcp", "headers": { "Authorization": "Bearer \${env:API_KEY}" } } } }
`,
      },
    },
  ],
  invalid: [
    {
      name: 'VS Code: an input id without its inputs entry',
      files: { '.vscode/mcp.json': VSCODE },
      findings: [{ ...where(VSCODE, '${input:gh-token}'), message: ['"github"', '"gh-token"'] }],
    },
    {
      name: 'Claude Desktop: a {{template}} and a ${VAR} it never expands',
      files: { 'claude_desktop_config.json': DESKTOP },
      findings: [
        { ...where(DESKTOP, '{{PROJECT_REF}}'), message: 'templates' },
        { ...where(DESKTOP, '${SUPABASE_ACCESS_TOKEN}'), message: 'Claude Desktop does not expand' },
      ],
    },
    {
      name: 'Cursor: ${VAR} without env:',
      files: { '.cursor/mcp.json': CURSOR },
      findings: [{ ...where(CURSOR, '${LINEAR_API_KEY}'), message: '${env:NAME}' }],
    },
    {
      name: 'Claude Code: ${env:VAR} is VS Code syntax',
      files: { '.mcp.json': CLAUDE_CODE },
      findings: [{ ...where(CLAUDE_CODE, '${env:SENTRY_ACCESS_TOKEN}'), message: 'use ${NAME}' }],
    },
  ],
});
