import * as fs from 'node:fs';
import * as path from 'node:path';
import { serveOverStdio } from '../../mcp-server';
import { parseCommandLine, UsageError } from '../args';
import type { Command } from '../main';
import { packageVersion } from '../version';

export const command: Command = {
  summary: 'Serve scan, explain_rule, service_role_inventory and checklist as MCP tools on stdio',
  usage: `Usage: supaguard mcp [--root DIR]

An MCP server on stdin/stdout (never a network port) for agents to check their own work. Its tools read only
the workspace: the current folder, or DIR. Register it in an MCP client as:
  { "command": "npx", "args": ["supaguard", "mcp"] }`,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, { root: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]} (use --root DIR for the workspace)`);
    const workspace = path.resolve(values.root ?? process.cwd());
    if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`workspace folder not found: ${values.root}`);
    await serveOverStdio(workspace, packageVersion());
    return 0;
  },
};
