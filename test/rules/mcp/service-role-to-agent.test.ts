import { ruleTester } from '../../support/rule-tester';
import { SB_SECRET_KEY, supabaseJwt } from '../../support/keys';
import { where } from './where';

const SERVICE_ROLE = supabaseJwt('service_role');

const LITERAL = `{
  "mcpServers": {
    "crm": {
      "command": "node",
      "args": ["./mcp/crm-server.js"],
      "env": { "SUPABASE_URL": "https://abcdefghijklmnopqrst.supabase.co", "SUPABASE_KEY": "${SERVICE_ROLE}" }
    }
  }
}
`;

const BY_NAME = `{
  "servers": {
    "crm": {
      "command": "node",
      "args": ["./mcp/crm-server.js", "--supabase-key", "\${env:SUPABASE_SERVICE_ROLE_KEY}"],
      "env": { "SUPABASE_SERVICE_KEY": "\${input:service-key}" }
    }
  },
  "inputs": [{ "type": "promptString", "id": "service-key", "password": true }]
}
`;

const DOCKER = `{
  "mcpServers": {
    "sync": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "SUPABASE_SECRET_KEY", "ghcr.io/acme/sync-mcp:1.4.0"] },
    "admin": { "command": "npx", "args": ["-y", "acme-admin-mcp@2.1.0", "--service-role-key=${SB_SECRET_KEY}"] }
  }
}
`;

ruleTester('mcp/service-role-to-agent', {
  valid: [
    {
      name: 'the anon key and a user access token, by literal and by name',
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "app": { "command": "node", "args": ["server.js"], "env": { "SUPABASE_ANON_KEY": "${supabaseJwt('anon')}", "SUPABASE_URL": "https://abcdefghijklmnopqrst.supabase.co" } },
    "supabase": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst"], "env": { "SUPABASE_ACCESS_TOKEN": "\${SUPABASE_ACCESS_TOKEN}" } }
  }
}
`,
      },
    },
    {
      name: 'a third-party secret key for its own server is not a Supabase key',
      files: {
        '.cursor/mcp.json': `{ "mcpServers": { "stripe": { "command": "npx", "args": ["-y", "@stripe/mcp@0.2.4"], "env": { "STRIPE_SECRET_KEY": "\${env:STRIPE_SECRET_KEY}" } } } }
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a service-role JWT under an innocent name',
      files: { 'claude_desktop_config.json': LITERAL },
      findings: [{ ...where(LITERAL, SERVICE_ROLE), message: ['"crm"', 'a Supabase service-role key', 'bypasses Row Level Security'] }],
    },
    {
      name: 'variables named like the service-role key, in args and env',
      files: { '.vscode/mcp.json': BY_NAME },
      findings: [
        { ...where(BY_NAME, '${env:SUPABASE_SERVICE_ROLE_KEY}'), message: '${env:SUPABASE_SERVICE_ROLE_KEY}' },
        { ...where(BY_NAME, '"${input:service-key}"'), message: 'env SUPABASE_SERVICE_KEY' },
      ],
    },
    {
      name: 'the local development key is info',
      files: {
        '.mcp.json': `{ "mcpServers": { "local": { "command": "node", "args": ["mcp/server.js"], "env": { "SUPABASE_URL": "http://127.0.0.1:54321", "SUPABASE_KEY": "${supabaseJwt('service_role', 'default', 'supabase-demo')}" } } } }
`,
      },
      findings: [{ line: 1, severity: 'info', message: 'the local development service-role key' }],
    },
    {
      name: 'docker -e with the secret key name, and a secret key in a flag',
      files: { '.mcp.json': DOCKER },
      findings: [
        { ...where(DOCKER, '"SUPABASE_SECRET_KEY"'), message: 'argument "SUPABASE_SECRET_KEY"' },
        { ...where(DOCKER, SB_SECRET_KEY), message: 'a Supabase secret key' },
      ],
    },
  ],
});
