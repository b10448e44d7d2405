import { ruleTester } from '../../support/rule-tester';
import { where } from './where';

const KB = `{
  // Local knowledge base, shared with the team
  "mcpServers": {
    "kb": { "command": "node", "args": ["dist/server.js", "--host", "0.0.0.0"] }
  }
}
`;
const SEARCH = `{
  "servers": {
    "search": {
      "type": "stdio",
      "command": "python",
      "args": ["-m", "search_mcp", "--bind=::"],
      "env": { "SEARCH_HOST": "0.0.0.0" }
    }
  }
}
`;
const GITHUB = `{
  "mcpServers": {
    "github": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "-p", "8080:8080", "ghcr.io/github/github-mcp-server:v0.4.0"]
    }
  }
}
`;
const WINDSURF = `{ "mcpServers": { "local": { "serverUrl": "http://0.0.0.0:8080/mcp" } } }
`;

ruleTester('mcp/bind-all-interfaces', {
  valid: [
    {
      name: 'a server bound to localhost through args and env',
      files: {
        '.mcp.json': `{
  "mcpServers": {
    "notes": { "command": "node", "args": ["server.js", "--host", "127.0.0.1", "--port", "3001"], "env": { "MCP_HOST": "localhost" } }
  }
}
`,
      },
    },
    {
      name: 'a docker server publishing on 127.0.0.1, with 0.0.0.0 inside the container',
      files: {
        '.cursor/mcp.json': `{
  "mcpServers": {
    "browser": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "-p", "127.0.0.1:8931:8931", "mcr.microsoft.com/playwright/mcp", "--host", "0.0.0.0", "--port", "8931"]
    }
  }
}
`,
      },
    },
    {
      name: 'a port that merely contains zeros, and a HOSTNAME that is a machine name',
      files: {
        '.mcp.json': `{ "mcpServers": { "api": { "command": "uvx", "args": ["mcp-proxy==0.8.0", "--port", "8000"], "env": { "HOSTNAME": "build-01" } } } }
`,
      },
    },
  ],
  invalid: [
    {
      name: '--host 0.0.0.0 in args, fixed to 127.0.0.1 keeping the comment',
      files: {
        '.mcp.json': KB,
      },
      findings: [
        {
          ...where(KB, '0.0.0.0'),
          message: ['"kb"', '0.0.0.0'],
          fix: {
            safe: true,
            output: {
              '.mcp.json': `{
  // Local knowledge base, shared with the team
  "mcpServers": {
    "kb": { "command": "node", "args": ["dist/server.js", "--host", "127.0.0.1"] }
  }
}
`,
            },
          },
        },
      ],
    },
    {
      name: '--bind=:: and HOST env, each on its own span',
      files: {
        '.vscode/mcp.json': SEARCH,
      },
      findings: [
        where(SEARCH, '::'),
        {
          ...where(SEARCH, '0.0.0.0'),
          message: 'env SEARCH_HOST',
          fix: {
            output: {
              '.vscode/mcp.json': `{
  "servers": {
    "search": {
      "type": "stdio",
      "command": "python",
      "args": ["-m", "search_mcp", "--bind=::"],
      "env": { "SEARCH_HOST": "127.0.0.1" }
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
      name: 'docker -p without an address publishes on every interface',
      files: {
        '.mcp.json': GITHUB,
      },
      findings: [
        {
          ...where(GITHUB, '8080:8080'),
          message: 'container port 8080:8080',
          fix: {
            safe: true,
            output: {
              '.mcp.json': `{
  "mcpServers": {
    "github": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "-p", "127.0.0.1:8080:8080", "ghcr.io/github/github-mcp-server:v0.4.0"]
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
      name: 'a url on 0.0.0.0',
      files: {
        'mcp_config.json': WINDSURF,
      },
      findings: [where(WINDSURF, '0.0.0.0')],
    },
  ],
});
