import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const PACKAGE = `{
  "mcpServers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only"],
      "env": { "SUPABASE_ACCESS_TOKEN": "\${env:SUPABASE_ACCESS_TOKEN}" }
    }
  }
}
`;

const HOSTED = `{
  "mcpServers": {
    "supabase": { "type": "http", "url": "https://mcp.supabase.com/mcp" }
  }
}
`;

ruleTester('mcp/supabase-not-project-scoped', {
  valid: [
    {
      name: '--project-ref as one or two arguments, and project_ref in the url',
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "a": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst"] },
    "b": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--project-ref", "abcdefghijklmnopqrst", "--read-only"] },
    "c": { "type": "http", "url": "https://mcp.supabase.com/mcp?project_ref=abcdefghijklmnopqrst&read_only=true" }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'the npx package: a --project-ref placeholder is inserted (not safe: it must be filled in)',
      files: { '.cursor/mcp.json': PACKAGE },
      findings: [
        {
          ...where(PACKAGE, '"@supabase/mcp-server-supabase@0.5.9"'),
          message: ['"supabase"', 'every project'],
          fix: {
            safe: false,
            output: { '.cursor/mcp.json': PACKAGE.replace('"--read-only"]', '"--project-ref=YOUR_PROJECT_REF", "--read-only"]') },
          },
        },
      ],
    },
    {
      name: 'the hosted url without a query',
      files: { '.mcp.json': HOSTED },
      findings: [
        {
          ...where(HOSTED, 'https://mcp.supabase.com/mcp'),
          fix: { output: { '.mcp.json': HOSTED.replace('/mcp"', '/mcp?project_ref=YOUR_PROJECT_REF"') } },
        },
      ],
    },
  ],
});
