import * as assert from 'node:assert/strict';
import type { Range } from '../../../server/src/engine/finding';
import { writeProject } from '../../support/project';
import { SourceFile } from '../../../server/src/engine/source-file';
import picomatch from 'picomatch';
import { clientOfPath, identifyServer, MCP_CONFIG_GLOBS, isParseProblem, launchOf, readMcpConfig, readMcpConfigFile, type McpClient, type McpConfig } from '../../../server/src/languages/mcp';

/** Reads a fixture as the scanner would, failing the test when it is not a config. */
function read(relativePath: string, text: string): McpConfig {
  const result = readMcpConfig(new SourceFile(`/project/${relativePath}`, relativePath, text));
  assert.ok(result && !isParseProblem(result), `${relativePath} was not read as an MCP config: ${JSON.stringify(result)}`);
  return result;
}

function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

/** One realistic config per client, as each client's documentation writes it. */
const FIXTURES: { path: string; client: McpClient; text: string; servers: Record<string, { command?: string; url?: string; args?: string[]; env?: string[]; headers?: string[]; transport: string }> }[] = [
  {
    path: 'Library/Application Support/Claude/claude_desktop_config.json',
    client: 'claude-desktop',
    text: `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "/Users/ana/Desktop"]
    }
  },
  "globalShortcut": "Alt+Space"
}
`,
    servers: { filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.7.1', '/Users/ana/Desktop'], transport: 'stdio' } },
  },
  {
    path: '.mcp.json',
    client: 'claude-code',
    text: `{
  "mcpServers": {
    "sentry": { "type": "http", "url": "https://mcp.sentry.dev/mcp" },
    "db": {
      "type": "stdio",
      "command": "\${HOME}/.local/bin/postgres-mcp",
      "args": ["--access-mode=restricted"],
      "env": { "DATABASE_URI": "\${DATABASE_URI}" }
    }
  }
}
`,
    servers: {
      sentry: { url: 'https://mcp.sentry.dev/mcp', transport: 'http' },
      db: { command: '${HOME}/.local/bin/postgres-mcp', args: ['--access-mode=restricted'], env: ['DATABASE_URI'], transport: 'stdio' },
    },
  },
  {
    path: '.claude.json',
    client: 'claude-code',
    text: `{
  "numStartups": 42,
  "mcpServers": { "context7": { "type": "http", "url": "https://mcp.context7.com/mcp" } },
  "projects": {
    "/Users/ana/code/shop": {
      "allowedTools": [],
      "mcpServers": { "stripe": { "type": "stdio", "command": "npx", "args": ["-y", "@stripe/mcp@0.2.4", "--tools=all"], "env": {} } }
    }
  }
}
`,
    servers: {
      context7: { url: 'https://mcp.context7.com/mcp', transport: 'http' },
      stripe: { command: 'npx', args: ['-y', '@stripe/mcp@0.2.4', '--tools=all'], transport: 'stdio' },
    },
  },
  {
    path: '.cursor/mcp.json',
    client: 'cursor',
    text: `{
  "mcpServers": {
    "linear": { "url": "https://mcp.linear.app/sse", "headers": { "Authorization": "Bearer \${env:LINEAR_API_KEY}" } }
  }
}
`,
    servers: { linear: { url: 'https://mcp.linear.app/sse', headers: ['Authorization'], transport: 'sse' } },
  },
  {
    path: '.vscode/mcp.json',
    client: 'vscode',
    text: `{
  // 💡 Inputs are prompted on first server start, then stored securely by VS Code.
  "inputs": [
    { "type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": true }
  ],
  "servers": {
    "Perplexity": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "server-perplexity-ask@0.1.3"],
      "env": { "PERPLEXITY_API_KEY": "\${input:perplexity-key}" },
    },
    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },
  },
}
`,
    servers: {
      Perplexity: { command: 'npx', args: ['-y', 'server-perplexity-ask@0.1.3'], env: ['PERPLEXITY_API_KEY'], transport: 'stdio' },
      github: { url: 'https://api.githubcopilot.com/mcp/', transport: 'http' },
    },
  },
  {
    path: '.codeium/windsurf/mcp_config.json',
    client: 'windsurf',
    text: `{
  "mcpServers": {
    "figma": { "serverUrl": "http://127.0.0.1:3845/sse" }
  }
}
`,
    servers: { figma: { url: 'http://127.0.0.1:3845/sse', transport: 'sse' } },
  },
  {
    path: 'globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    client: 'cline',
    text: `{
  "mcpServers": {
    "brave-search": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-brave-search@0.6.2"],
      "env": { "BRAVE_API_KEY": "" },
      "disabled": false,
      "autoApprove": ["brave_web_search"]
    }
  }
}
`,
    servers: { 'brave-search': { command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search@0.6.2'], env: ['BRAVE_API_KEY'], transport: 'stdio' } },
  },
  {
    path: '.roo/mcp.json',
    client: 'roo',
    text: `{
  "mcpServers": {
    "context7": { "type": "streamable-http", "url": "https://mcp.context7.com/mcp", "alwaysAllow": ["resolve-library-id"] }
  }
}
`,
    servers: { context7: { url: 'https://mcp.context7.com/mcp', transport: 'http' } },
  },
  {
    path: '.gemini/settings.json',
    client: 'gemini',
    text: `{
  "theme": "Default",
  "mcpServers": {
    "github": { "httpUrl": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer $GITHUB_PAT" }, "timeout": 5000 }
  }
}
`,
    servers: { github: { url: 'https://api.githubcopilot.com/mcp/', headers: ['Authorization'], transport: 'http' } },
  },
  {
    path: '.zed/settings.json',
    client: 'zed',
    text: `// Zed project settings
{
  "tab_size": 2,
  "context_servers": {
    "postgres": {
      "source": "custom",
      "command": { "path": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://localhost/app"], "env": { "PGSSLMODE": "disable" } }
    },
    "remote": { "source": "custom", "url": "https://mcp.example.com/mcp", "headers": { "X-Team": "core" } }
  }
}
`,
    servers: {
      postgres: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres@0.6.2', 'postgresql://localhost/app'], env: ['PGSSLMODE'], transport: 'stdio' },
      remote: { url: 'https://mcp.example.com/mcp', headers: ['X-Team'], transport: 'http' },
    },
  },
  {
    path: 'tools/agent-mcp.jsonc',
    client: 'generic',
    text: `{
  /* shared MCP servers for the agent runner */
  "mcpServers": { "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory@2025.4.25"] } }
}
`,
    servers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@2025.4.25'], transport: 'stdio' } },
  },
];

describe('MCP config formats', () => {
  for (const fixture of FIXTURES) {
    it(`reads ${fixture.client} (${fixture.path})`, () => {
      const config = read(fixture.path, fixture.text);
      assert.equal(config.client, fixture.client);
      assert.deepEqual(config.servers.map((s) => s.name), Object.keys(fixture.servers));
      for (const server of config.servers) {
        const expected = fixture.servers[server.name];
        assert.equal(textAt(fixture.text, server.nameRange), JSON.stringify(server.name));
        assert.ok(textAt(fixture.text, server.range).startsWith('{'), 'the range covers the entry');
        assert.equal(server.command?.value, expected.command);
        assert.equal(server.url?.value, expected.url);
        assert.deepEqual(server.args.map((a) => a.value), expected.args ?? []);
        for (const arg of server.args) assert.equal(textAt(fixture.text, arg.range), JSON.stringify(arg.value));
        assert.deepEqual(server.env.map((e) => e.key), expected.env ?? []);
        assert.deepEqual(server.headers.map((h) => h.key), expected.headers ?? []);
        assert.equal(server.transport, expected.transport);
      }
    });
  }

  it('keeps VS Code inputs and auto-approve lists', () => {
    const vscode = read('.vscode/mcp.json', FIXTURES.find((f) => f.client === 'vscode')!.text);
    assert.deepEqual(vscode.inputs.map((i) => [i.id, i.password]), [['perplexity-key', true]]);
    const cline = read('cline_mcp_settings.json', FIXTURES.find((f) => f.client === 'cline')!.text);
    assert.deepEqual(cline.servers[0].autoApproved.map((t) => t.value), ['brave_web_search']);
  });

  it('reads VS Code settings with "mcp.servers", and ignores settings without servers', () => {
    const settings = read('.vscode/settings.json', `{
  "editor.formatOnSave": true,
  "mcp": { "servers": { "playwright": { "command": "npx", "args": ["-y", "@playwright/mcp@0.0.41"] } } }
}
`);
    assert.deepEqual(settings.servers.map((s) => [s.name, s.path.join('.')]), [['playwright', 'mcp.servers.playwright']]);
    assert.equal(readMcpConfig(new SourceFile('/p/.vscode/settings.json', '.vscode/settings.json', '{ "editor.tabSize": 2 }')), undefined);
  });

  it('gives the probe its launch values, and reads a config straight from disk', () => {
    const fixture = FIXTURES.find((f) => f.path === '.mcp.json')!;
    const root = writeProject({ '.mcp.json': fixture.text });
    const config = readMcpConfigFile(`${root}/.mcp.json`);
    assert.ok(config && !isParseProblem(config));
    assert.equal(config.client, 'claude-code');
    assert.deepEqual(launchOf(config.servers[1]), {
      name: 'db',
      transport: 'stdio',
      command: '${HOME}/.local/bin/postgres-mcp',
      args: ['--access-mode=restricted'],
      env: { DATABASE_URI: '${DATABASE_URI}' },
      url: undefined,
      headers: {},
    });
  });

  it('identifies Supabase, Postgres, mcp-remote, the Inspector, containers, packages and remotes', () => {
    const config = read('.mcp.json', `{
  "mcpServers": {
    "a": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase", "--read-only=false", "--project-ref", "abcdefghijklmnopqrst"] },
    "b": { "type": "http", "url": "https://mcp.supabase.com/mcp?read_only=true" },
    "c": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://localhost/app"] },
    "d": { "command": "uvx", "args": ["postgres-mcp==0.3.0"], "env": { "DATABASE_URI": "postgres://app@db.internal/app" } },
    "e": { "command": "npx", "args": ["mcp-remote@0.1.29", "https://mcp.atlassian.com/v1/sse", "--transport", "sse-only"] },
    "f": { "command": "npx", "args": ["@modelcontextprotocol/inspector@0.16.2", "node", "build/index.js"] },
    "g": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/fetch:latest"] },
    "h": { "command": "uvx", "args": ["--from", "mcp-server-git==2025.7.1", "mcp-server-git"] },
    "i": { "type": "sse", "url": "https://mcp.example.com/sse" },
    "j": { "command": "/opt/tools/bin/mcp-tools", "args": ["--stdio"] }
  }
}
`);
    const summary = config.servers.map((server) => {
      const identity = identifyServer(server);
      switch (identity.kind) {
        case 'supabase': return `supabase ${identity.via} readOnly=${identity.readOnly} scoped=${identity.projectScoped}`;
        case 'postgres': return `postgres ${identity.connectionString.value}`;
        case 'mcp-remote': return `mcp-remote ${identity.version} ${identity.target?.url.host}`;
        case 'inspector': return `inspector ${identity.version}`;
        case 'package': return `package ${identity.package.launcher} ${identity.package.name} ${identity.package.version}`;
        case 'remote': return `remote ${identity.url}`;
        default: return identity.kind;
      }
    });
    assert.deepEqual(summary, [
      'supabase package readOnly=false scoped=true',
      'supabase url readOnly=true scoped=false',
      'postgres postgresql://localhost/app',
      'postgres postgres://app@db.internal/app',
      'mcp-remote 0.1.29 mcp.atlassian.com',
      'inspector 0.16.2',
      'container',
      'package uvx mcp-server-git 2025.7.1',
      'remote https://mcp.example.com/sse',
      'local',
    ]);
  });

  it('lists globs for editors that match exactly the files it claims', () => {
    const matches = picomatch([...MCP_CONFIG_GLOBS], { dot: true, nocase: true });
    for (const fixture of FIXTURES) assert.ok(matches(fixture.path), fixture.path);
    for (const other of ['package.json', '.vscode/launch.json', 'src/mcp.ts', 'supaguard.jsonc']) {
      assert.equal(matches(other), false, other);
      assert.equal(clientOfPath(other), undefined, other);
    }
  });

  it('claims paths by client, and other *mcp*.json files only by shape', () => {
    assert.equal(clientOfPath('C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json'), 'claude-desktop');
    assert.equal(clientOfPath('Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json'), 'roo');
    assert.equal(clientOfPath('mcphub/mcp_settings.json'), 'generic');
    assert.equal(clientOfPath('config/mcp-servers.json'), 'generic');
    assert.equal(clientOfPath('package.json'), undefined);
    assert.equal(clientOfPath('.vscode/settings.json'), 'vscode');
    assert.equal(clientOfPath('.vscode/launch.json'), undefined);
    const notConfig = readMcpConfig(new SourceFile('/p/mcp-schema.json', 'mcp-schema.json', '{ "$schema": "http://json-schema.org/draft-07/schema#", "type": "object" }'));
    assert.equal(notConfig, undefined);
  });
});
