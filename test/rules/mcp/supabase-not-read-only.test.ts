import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const PACKAGE = `{
  "mcpServers": {
    "supabase": {
      "command": "npx",
      "args": [
        "-y",
        "@supabase/mcp-server-supabase@0.5.9",
        "--project-ref=abcdefghijklmnopqrst"
      ],
      "env": { "SUPABASE_ACCESS_TOKEN": "\${SUPABASE_ACCESS_TOKEN}" }
    }
  }
}
`;

const HOSTED = `{
  "servers": {
    "supabase": { "type": "http", "url": "https://mcp.supabase.com/mcp?project_ref=abcdefghijklmnopqrst" }
  }
}
`;

const WINDOWS = `{
  "mcpServers": {
    "supabase": { "command": "cmd", "args": ["/c", "npx", "-y", "@supabase/mcp-server-supabase@latest", "--read-only=false", "--project-ref", "abcdefghijklmnopqrst"] }
  }
}
`;

ruleTester('mcp/supabase-not-read-only', {
  valid: [
    {
      name: 'the package with --read-only, the hosted url with read_only=true, other servers',
      files: {
        '.cursor/mcp.json': `{
  "mcpServers": {
    "supabase": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@0.5.9", "--read-only", "--project-ref=abcdefghijklmnopqrst"] },
    "supabase-hosted": { "url": "https://mcp.supabase.com/mcp?project_ref=abcdefghijklmnopqrst&read_only=true" },
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'the npx package: --read-only inserted after it, in the array layout',
      files: { '.mcp.json': PACKAGE },
      findings: [
        {
          ...where(PACKAGE, '"@supabase/mcp-server-supabase@0.5.9"'),
          message: ['"supabase"', 'read-only', '--read-only'],
          fix: {
            safe: true,
            output: { '.mcp.json': PACKAGE.replace('"@supabase/mcp-server-supabase@0.5.9",', '"@supabase/mcp-server-supabase@0.5.9",\n        "--read-only",') },
          },
        },
      ],
    },
    {
      name: 'the hosted url: read_only=true appended',
      files: { '.vscode/mcp.json': HOSTED },
      findings: [
        {
          ...where(HOSTED, 'https://mcp.supabase.com/mcp?project_ref=abcdefghijklmnopqrst'),
          fix: { safe: true, output: { '.vscode/mcp.json': HOSTED.replace('abcdefghijklmnopqrst"', 'abcdefghijklmnopqrst&read_only=true"') } },
        },
      ],
    },
    {
      name: 'cmd /c npx with --read-only=false',
      files: { 'claude_desktop_config.json': WINDOWS },
      findings: [
        {
          ...where(WINDOWS, '"@supabase/mcp-server-supabase@latest"'),
          fix: { output: { 'claude_desktop_config.json': WINDOWS.replace('--read-only=false', '--read-only') } },
        },
      ],
    },
  ],
});
