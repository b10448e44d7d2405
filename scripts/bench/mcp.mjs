// MCP configs: reading (jsonc parse + server model) and linting with every mcp/* rule,
// for a typical project config and for a very large generated one.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { SourceFile } = require('../../server/out/engine/source-file.js');
const { readMcpConfig } = require('../../server/out/languages/mcp/index.js');
const { lint } = require('../../server/out/engine/runner.js');
const { defaultConfig } = require('../../server/out/engine/config.js');

const typical = JSON.stringify(
  {
    mcpServers: {
      supabase: { command: 'npx', args: ['-y', '@supabase/mcp-server-supabase@0.5.9', '--read-only', '--project-ref=kqzvbdpwmjxtlrhanfsy'] },
      github: { command: 'docker', args: ['run', '-i', '--rm', '-p', '8080:8080', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server:v0.13.0'] },
      remote: { url: 'http://tools.example.net/mcp?token=abcdef0123456789', headers: { 'X-Team': 'core' } },
      kb: { command: 'node', args: ['kb.js', '--host', '0.0.0.0'], env: { LOG_LEVEL: 'info' } },
    },
  },
  null,
  2,
);
const servers = Array.from({ length: 20_000 }, (_, i) => `    "tool-${i}": { "command": "npx", "args": ["-y", "tool-${i}@1.0.0", "--host", "127.0.0.1"], "env": { "TOOL_HOST": "localhost" } }`);
const large = `{\n  "mcpServers": {\n${servers.join(',\n')}\n  }\n}\n`;

function measure(name, text, runs) {
  const config = defaultConfig();
  let read = 0;
  let linted = 0;
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    readMcpConfig(new SourceFile('/bench/.mcp.json', '.mcp.json', text));
    read += performance.now() - started;
    started = performance.now();
    lint({ root: '/bench', config, files: [new SourceFile('/bench/.mcp.json', '.mcp.json', text)] });
    linted += performance.now() - started;
  }
  const kb = (text.length / 1024).toFixed(0);
  console.log(`${name} (${kb} KB): read ${(read / runs).toFixed(2)} ms, lint ${(linted / runs).toFixed(2)} ms (mean of ${runs})`);
}

measure('typical config', typical, 200);
measure('20,000 servers', large, 3);
