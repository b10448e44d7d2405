import { ruleTester } from '../../support/rule-tester';
import { SB_SECRET_KEY, SUPABASE_ACCESS_TOKEN, supabaseJwt } from '../../support/keys';
import { where } from './where';

const SERVICE_ROLE = supabaseJwt('service_role');
const LOCAL_SERVICE_ROLE = supabaseJwt('service_role', 'default', 'supabase-demo');

const VSCODE = `{
  // Shared with the team: secrets come from inputs
  "servers": {
    "supabase": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst"],
      "env": {
        "SUPABASE_ACCESS_TOKEN": "\${SUPABASE_ACCESS_TOKEN}"
      }
    }
  }
}
`;

const VSCODE_WITH_INPUTS = `{
  "inputs": [
    { "type": "promptString", "id": "github-token", "description": "GitHub token", "password": true }
  ],
  "servers": {
    "stripe": {
      "command": "npx",
      "args": ["-y", "@stripe/mcp@0.2.4", "--tools=all"],
      "env": { "STRIPE_SECRET_KEY": "sk_live_51HxQpLmNoPqRsTuVwXyZaB" }
    }
  }
}
`;

const CURSOR = `{
  "mcpServers": {
    "db": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://postgres.abcdefghijklmnopqrst:Kx9vT2mQw7Lp@aws-0-eu-central-1.pooler.supabase.com:6543/postgres"]
    }
  }
}
`;

const CLAUDE_CODE = `{
  "mcpServers": {
    "supabase": {
      "type": "http",
      "url": "https://mcp.supabase.com/mcp?project_ref=abcdefghijklmnopqrst&read_only=true",
      "headers": { "Authorization": "Bearer ${SB_SECRET_KEY}" }
    }
  }
}
`;

const DESKTOP = `{
  "mcpServers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst"],
      "env": { "SUPABASE_ACCESS_TOKEN": "\${SUPABASE_ACCESS_TOKEN}" }
    }
  }
}
`;

const SETTINGS = `{
  "editor.formatOnSave": true,
  "mcp": {
    "servers": {
      "supabase": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst", "--access-token=${SUPABASE_ACCESS_TOKEN}"] }
    }
  }
}
`;

ruleTester('mcp/hardcoded-secret', {
  valid: [
    {
      name: 'Claude Code: the token comes from ${VAR}',
      files: { '.mcp.json': VSCODE.replace('"servers"', '"mcpServers"').replace('  // Shared with the team: secrets come from inputs\n', '') },
    },
    {
      name: 'VS Code: a ${input:…} with its inputs entry, and the anon key (public)',
      files: {
        '.vscode/mcp.json': `{
  "inputs": [{ "type": "promptString", "id": "supabase-token", "password": true }],
  "servers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst"],
      "env": { "SUPABASE_ACCESS_TOKEN": "\${input:supabase-token}", "SUPABASE_ANON_KEY": "${supabaseJwt('anon')}" }
    }
  }
}
`,
      },
    },
    {
      name: 'placeholders and the local postgres:postgres connection',
      files: {
        '.cursor/mcp.json': `{
  "mcpServers": {
    "db": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://postgres:postgres@127.0.0.1:54322/postgres"] },
    "gh": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "<your-token>" } }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'VS Code: moved to a new password input, created with the inputs array, comment kept',
      files: { '.vscode/mcp.json': VSCODE.replace('${SUPABASE_ACCESS_TOKEN}', SUPABASE_ACCESS_TOKEN) },
      findings: [
        {
          ...where(VSCODE.replace('${SUPABASE_ACCESS_TOKEN}', SUPABASE_ACCESS_TOKEN), SUPABASE_ACCESS_TOKEN),
          message: ['"supabase"', 'a Supabase access token', 'sbp_0a…', 'env SUPABASE_ACCESS_TOKEN'],
          fix: {
            title: 'VS Code input',
            safe: false,
            output: {
              '.vscode/mcp.json': VSCODE.replace('${SUPABASE_ACCESS_TOKEN}', '${input:supabase-access-token}').replace(
                '    }\n  }\n}\n',
                `    }
  },
  "inputs": [
    {
      "type": "promptString",
      "id": "supabase-access-token",
      "description": "A Supabase access token for MCP server supabase",
      "password": true
    }
  ]
}
`,
              ),
            },
          },
        },
      ],
    },
    {
      name: 'VS Code: appended to an existing inputs array',
      files: { '.vscode/mcp.json': VSCODE_WITH_INPUTS },
      findings: [
        {
          ...where(VSCODE_WITH_INPUTS, 'sk_live_51HxQpLmNoPqRsTuVwXyZaB'),
          fix: {
            output: {
              '.vscode/mcp.json': VSCODE_WITH_INPUTS.replace('sk_live_51HxQpLmNoPqRsTuVwXyZaB', '${input:stripe-secret-key}').replace(
                '"password": true }\n',
                `"password": true },
    {
      "type": "promptString",
      "id": "stripe-secret-key",
      "description": "A Stripe secret key for MCP server stripe",
      "password": true
    }
`,
              ),
            },
          },
        },
      ],
    },
    {
      name: 'VS Code settings: the input goes into "mcp.inputs", next to the servers',
      files: { '.vscode/settings.json': SETTINGS },
      findings: [
        {
          ...where(SETTINGS, SUPABASE_ACCESS_TOKEN),
          fix: {
            output: {
              '.vscode/settings.json': SETTINGS.replace(SUPABASE_ACCESS_TOKEN, '${input:supabase-access-token}').replace(
                '    }\n  }\n}\n',
                `    },
    "inputs": [
      {
        "type": "promptString",
        "id": "supabase-access-token",
        "description": "A Supabase access token for MCP server supabase",
        "password": true
      }
    ]
  }
}
`,
              ),
            },
          },
        },
      ],
    },
    {
      name: 'Cursor: only the password of a connection string moves to ${env:…}',
      files: { '.cursor/mcp.json': CURSOR },
      findings: [
        {
          ...where(CURSOR, 'Kx9vT2mQw7Lp'),
          message: 'a database password',
          fix: { output: { '.cursor/mcp.json': CURSOR.replace('Kx9vT2mQw7Lp', '${env:DATABASE_PASSWORD}') } },
        },
      ],
    },
    {
      name: 'Claude Code: a secret key in a Bearer header moves to ${VAR}',
      files: { '.mcp.json': CLAUDE_CODE },
      findings: [
        {
          ...where(CLAUDE_CODE, SB_SECRET_KEY),
          message: 'header Authorization',
          fix: { output: { '.mcp.json': CLAUDE_CODE.replace(SB_SECRET_KEY, '${SUPABASE_SECRET_KEY}') } },
        },
      ],
    },
    {
      name: 'Claude Desktop: no fix, the message says it expands nothing',
      files: { 'claude_desktop_config.json': DESKTOP.replace('${SUPABASE_ACCESS_TOKEN}', SUPABASE_ACCESS_TOKEN) },
      findings: [{ line: 6, message: 'Claude Desktop does not expand variables' }],
    },
    {
      name: 'the local development key is reported as info',
      files: {
        '.mcp.json': `{ "mcpServers": { "local": { "command": "node", "args": ["server.js"], "env": { "SUPABASE_SERVICE_ROLE_KEY": "${LOCAL_SERVICE_ROLE}" } } } }
`,
      },
      findings: [{ line: 1, severity: 'info', message: 'the local development service-role key' }],
    },
    {
      name: 'a service-role key in Windsurf env',
      files: {
        'mcp_config.json': `{
  "mcpServers": {
    "admin": { "command": "node", "args": ["admin-mcp.js"], "env": { "SUPABASE_SERVICE_ROLE_KEY": "${SERVICE_ROLE}" } }
  }
}
`,
      },
      findings: [{ line: 3, message: 'service-role key', fix: { output: { 'mcp_config.json': `{
  "mcpServers": {
    "admin": { "command": "node", "args": ["admin-mcp.js"], "env": { "SUPABASE_SERVICE_ROLE_KEY": "\${env:SUPABASE_SERVICE_ROLE_KEY}" } }
  }
}
` } } }],
    },
  ],
});
