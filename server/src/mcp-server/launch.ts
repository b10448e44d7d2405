import * as path from 'node:path';

/**
 * How to start `supaguard mcp` for a workspace: for editors registering it as an MCP server (stdio).
 * `packageRoot` is the folder holding `bin/supaguard.js` (the extension's install folder when bundled).
 */
export function mcpServerLaunch(workspace: string, packageRoot = path.join(__dirname, '..', '..', '..')) {
  return {
    command: process.execPath,
    args: [path.join(packageRoot, 'bin', 'supaguard.js'), 'mcp', '--root', workspace],
    // In an editor's extension host process.execPath is Electron; this makes it run as plain Node.
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}
