import * as path from 'node:path';

/** How an editor runs a Supaguard CLI script (`bin/supaguard.js`, or the extension's bundled `dist/supaguard.js`). */
export function cliLaunch(cliScript: string, args: string[]) {
  return {
    command: process.execPath,
    args: [cliScript, ...args],
    // In an editor's extension host process.execPath is Electron; this makes it run as plain Node.
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}

/**
 * How to start `supaguard mcp` for a workspace: for editors registering it as an MCP server (stdio).
 * `cliScript` defaults to this package's `bin/supaguard.js`.
 */
export function mcpServerLaunch(workspace: string, cliScript = path.join(__dirname, '..', '..', '..', 'bin', 'supaguard.js')) {
  return cliLaunch(cliScript, ['mcp', '--root', workspace]);
}
