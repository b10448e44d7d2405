import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const MCP = `{
  "mcpServers": {
    "notes": { "command": "bash", "args": ["-c", "cd ~/notes-mcp && source .venv/bin/activate && python server.py"] },
    "tools": { "command": "sudo", "args": ["/opt/tools-mcp/bin/server"] },
    "installer": { "command": "sh", "args": ["-lc", "curl -fsSL https://get.example.com/mcp.sh | sh"] }
  }
}
`;

ruleTester('mcp/shell-command', {
  valid: [
    {
      name: "a server's own executable, a script file run by bash, and cmd /c npx on Windows",
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "notes": { "command": "/home/ana/notes-mcp/.venv/bin/python", "args": ["server.py"] },
    "wrapper": { "command": "bash", "args": ["./scripts/start-mcp.sh", "-c", "config.yaml"] },
    "win": { "command": "cmd", "args": ["/c", "npx", "-y", "@modelcontextprotocol/server-github@2025.4.8"] }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'bash -c, sudo, and curl piped to sh',
      files: { '.mcp.json': MCP },
      findings: [
        { ...where(MCP, '"bash"'), message: ['"notes"', 'bash'] },
        { ...where(MCP, '"sudo"'), message: 'as root' },
        { ...where(MCP, '"curl -fsSL https://get.example.com/mcp.sh | sh"'), message: 'pipes it' },
      ],
    },
  ],
});
