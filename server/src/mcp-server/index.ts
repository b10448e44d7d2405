import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createSupaguardServer } from './server';

export { createSupaguardServer } from './server';
export { cliLaunch, mcpServerLaunch } from './launch';

/** Serves the tools on stdin/stdout until the client goes away. Never a network port. */
export async function serveOverStdio(workspace: string, version: string): Promise<void> {
  const server = createSupaguardServer(workspace, version);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  await closed;
}
