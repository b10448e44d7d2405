import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const CLINE = `{
  "mcpServers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--project-ref=abcdefghijklmnopqrst"],
      "env": { "SUPABASE_ACCESS_TOKEN": "\${env:SUPABASE_ACCESS_TOKEN}" },
      "disabled": false,
      "alwaysAllow": ["list_tables", "execute_sql", "apply_migration"]
    }
  }
}
`;

const GEMINI = `{
  "theme": "GitHub",
  "mcpServers": {
    "postgres": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://readonly@db.internal.example.com/app"],
      "trust": true
    }
  }
}
`;

ruleTester('mcp/auto-approve', {
  valid: [
    {
      name: 'read tools auto-approved, and trust on a read-only Supabase server or an unknown one',
      files: {
        '.roo/mcp.json': `{
  "mcpServers": {
    "supabase": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst"], "alwaysAllow": ["list_tables", "get_logs", "search_docs"] },
    "blog": { "command": "npx", "args": ["-y", "@acme/blog-mcp@1.2.0"], "alwaysAllow": ["get_post", "list_posts", "query_docs"] }
  }
}
`,
        '.gemini/settings.json': `{
  "mcpServers": {
    "supabase": { "httpUrl": "https://mcp.supabase.com/mcp?project_ref=abcdefghijklmnopqrst&read_only=true", "trust": true },
    "weather": { "command": "uvx", "args": ["weather-mcp==1.0.2"], "trust": true },
    "db": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://readonly@db.internal.example.com/app"], "trust": false }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'Cline: SQL and migration tools always allowed',
      files: { 'cline_mcp_settings.json': CLINE },
      findings: [
        { ...where(CLINE, '"execute_sql"'), message: ['"supabase"', '"execute_sql"'] },
        { ...where(CLINE, '"apply_migration"') },
      ],
    },
    {
      name: 'Gemini: trust on a database server',
      files: { '.gemini/settings.json': GEMINI },
      findings: [{ ...where(GEMINI, 'true'), message: 'trust: true' }],
    },
  ],
});
