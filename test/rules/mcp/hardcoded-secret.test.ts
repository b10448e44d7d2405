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

const NAMED = `{
  "mcpServers": {
    "search": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search@0.6.2"], "env": { "BRAVE_API_KEY": "BSAqK3v9Xw2LmN8pR4tY7uZ1" } },
    "tickets": { "url": "https://tickets.example.com/mcp", "headers": { "X-Api-Key": "9f86d081884c7d659a2feaa0c55ad015" } },
    "figma": { "command": "npx", "args": ["-y", "figma-developer-mcp@0.5.2", "--figma-api-key=figd_Q7vX2kLm9PzR4tW8yB3nC6dF", "--stdio"] },
    "notion": { "command": "npx", "args": ["-y", "notion-mcp@1.0.0", "--token", "ntn_48217306591aBcDeFgHiJkLmNoPqRs", "--port", "3000"] }
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
      name: 'credential names with values that are not credentials',
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "search": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-brave-search@0.6.2"],
      "env": { "BRAVE_API_KEY": "\${BRAVE_API_KEY}", "GOOGLE_APPLICATION_CREDENTIALS": "/Users/ana/keys/gcp-2024-service.json", "AUTH_TOKEN": "" }
    },
    "files": {
      "command": "npx",
      "args": ["-y", "files-mcp@1.0.0", "--token-file", "/Users/ana/.config/files/token-2024.txt", "--api-key=\${env:FILES_KEY}", "--secret", "true"]
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
      name: 'prefix-less keys known by their env, header or option name',
      files: { '.cursor/mcp.json': NAMED },
      findings: [
        {
          ...where(NAMED, 'BSAqK3v9Xw2LmN8pR4tY7uZ1'),
          message: ['a credential (BSAqK3…) written in its env BRAVE_API_KEY'],
          fix: { output: { '.cursor/mcp.json': NAMED.replace('BSAqK3v9Xw2LmN8pR4tY7uZ1', '${env:BRAVE_API_KEY}') } },
        },
        {
          ...where(NAMED, '9f86d081884c7d659a2feaa0c55ad015'),
          // Fixes apply in turn: the first one is already in the file.
          fix: {
            output: {
              '.cursor/mcp.json': NAMED.replace('BSAqK3v9Xw2LmN8pR4tY7uZ1', '${env:BRAVE_API_KEY}').replace('9f86d081884c7d659a2feaa0c55ad015', '${env:TICKETS_X_API_KEY}'),
            },
          },
        },
        { ...where(NAMED, 'figd_Q7vX2kLm9PzR4tW8yB3nC6dF'), message: 'argument 3' },
        { ...where(NAMED, 'ntn_48217306591aBcDeFgHiJkLmNoPqRs'), message: 'argument 4' },
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
