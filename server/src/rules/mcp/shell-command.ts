import type { Rule } from '../../engine/rule';
import type { McpUnit } from '../../languages/mcp';
import { commandLine, executableName } from '../../languages/mcp/launch';
import { serverLabel } from './_support';

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'fish', 'powershell', 'pwsh']);
const SHELL_COMMAND_FLAG = /^(?:-[a-z]*c[a-z]*|-command|-encodedcommand)$/i;
const PRIVILEGE = new Set(['sudo', 'doas', 'su']);
const PIPE_TO_SHELL = /\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+)?python3?\b/;

export const shellCommand: Rule<McpUnit> = {
  meta: {
    id: 'mcp/shell-command',
    defaultSeverity: 'warning',
    description: 'An MCP server is started through a shell string, sudo, or a downloaded script piped into a shell.',
  },
  language: 'mcp',
  check({ unit, report }) {
    for (const server of unit.config.servers) {
      const argv = commandLine(server);
      if (argv.length === 0) continue;
      const exe = executableName(argv[0].value);
      const piped = argv.find((a) => PIPE_TO_SHELL.test(a.value));
      let why: string | undefined;
      if (piped) why = 'downloads a script and pipes it into an interpreter, so whatever the download returns runs with your rights';
      else if (PRIVILEGE.has(exe)) why = `runs through ${exe}, so the server and every tool call an agent makes run as root`;
      else if (SHELLS.has(exe) && shellOptions(argv.slice(1)).some((a) => SHELL_COMMAND_FLAG.test(a))) {
        why = `runs a command string through ${exe}, so quoting, expansions and anything spliced into it run as shell code`;
      }
      if (!why) continue;
      report({
        message: `${serverLabel(server)} ${why}; start the server's own executable with its arguments.`,
        range: (piped ?? argv[0]).range,
      });
    }
  },
};

/** A shell's own options: those before the script path (later ones belong to the script). */
function shellOptions(args: { value: string }[]): string[] {
  const firstOperand = args.findIndex((a) => !a.value.startsWith('-'));
  return args.slice(0, firstOperand < 0 ? args.length : firstOperand).map((a) => a.value);
}
