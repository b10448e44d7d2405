import * as path from 'node:path';

/** How to start `supaguard mcp` for a workspace: for editors registering it as an MCP server (stdio). */
export function mcpServerLaunch(workspace: string): { command: string; args: string[] } {
  const bin = path.join(__dirname, '..', '..', '..', 'bin', 'supaguard.js');
  return { command: process.execPath, args: [bin, 'mcp', '--root', workspace] };
}
