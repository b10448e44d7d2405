import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const CURSOR = `{
  "mcpServers": {
    "analytics": {
      "url": "https://mcp.analytics.example.com/mcp?workspace=acme&api_key=\${env:ANALYTICS_KEY}"
    }
  }
}
`;

const WINDSURF = `{
  "mcpServers": {
    "tickets": { "serverUrl": "https://tickets.example.com/sse?token=f3a9c1d7e5b24a6c8e0f" }
  }
}
`;

const DESKTOP = `{
  "mcpServers": {
    "docs": { "command": "npx", "args": ["-y", "mcp-remote@0.1.29", "https://docs.example.com/mcp?access_token=f3a9c1d7e5b24a6c8e0f"] }
  }
}
`;

ruleTester('mcp/token-in-url', {
  valid: [
    {
      name: 'the hosted Supabase url (project_ref and read_only are not credentials) and a token in a header',
      files: {
        '.vscode/mcp.json': `{
  "servers": {
    "supabase": { "type": "http", "url": "https://mcp.supabase.com/mcp?project_ref=abcdefghijklmnopqrst&read_only=true" },
    "docs": { "type": "http", "url": "https://docs.example.com/mcp?auth=oauth&key=false" },
    "tickets": { "type": "http", "url": "https://tickets.example.com/mcp", "headers": { "Authorization": "Bearer \${input:tickets}" } }
  },
  "inputs": [{ "type": "promptString", "id": "tickets", "password": true }]
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a variable api_key in a Cursor url moves to an Authorization header',
      files: { '.cursor/mcp.json': CURSOR },
      findings: [
        {
          ...where(CURSOR, 'api_key=${env:ANALYTICS_KEY}'),
          message: ['"analytics"', '"api_key"'],
          fix: {
            safe: false,
            output: {
              '.cursor/mcp.json': `{
  "mcpServers": {
    "analytics": {
      "url": "https://mcp.analytics.example.com/mcp?workspace=acme",
      "headers": {
        "Authorization": "Bearer \${env:ANALYTICS_KEY}"
      }
    }
  }
}
`,
            },
          },
        },
      ],
    },
    {
      name: 'a literal token in a Windsurf serverUrl moves to a header that reads an env variable',
      files: { 'mcp_config.json': WINDSURF },
      findings: [
        {
          ...where(WINDSURF, 'token=f3a9c1d7e5b24a6c8e0f'),
          fix: {
            output: {
              'mcp_config.json': `{
  "mcpServers": {
    "tickets": { "serverUrl": "https://tickets.example.com/sse", "headers": { "Authorization": "Bearer \${env:TICKETS_TOKEN}" } }
  }
}
`,
            },
          },
        },
      ],
    },
    {
      name: 'a token in an mcp-remote url argument (no fix: arguments take no headers entry)',
      files: { 'claude_desktop_config.json': DESKTOP },
      findings: [{ ...where(DESKTOP, 'access_token=f3a9c1d7e5b24a6c8e0f'), message: '"access_token"' }],
    },
  ],
});
