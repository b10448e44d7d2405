// The subcommands the editor extension runs, imported statically so the extension's bundle
// (dist/supaguard.js) holds them: `main.ts` finds commands by reading its folder, which a bundle has not got.
import type { Command } from './main';
import { main } from './main';
import { command as mcp } from './commands/mcp';
import { command as probeMcp } from './commands/probe-mcp';
import { command as verify } from './commands/verify';

export const EDITOR_COMMANDS: Record<string, Command> = { mcp, 'probe-mcp': probeMcp, verify };

if (require.main === module) {
  main(process.argv.slice(2), EDITOR_COMMANDS).then((code) => {
    process.exitCode = code;
  });
}
