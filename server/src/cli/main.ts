import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../engine/config';
import { redactSecrets } from '../engine/secrets';
import { UsageError } from './args';
import { packageVersion } from './version';

export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS_DIR = path.join(__dirname, 'commands');

/** Each subcommand is one module in `commands/`, loaded only when called. */
function loadCommand(name: string): Command | undefined {
  if (!/^[a-z][a-z-]*$/.test(name) || !fs.existsSync(path.join(COMMANDS_DIR, `${name}.js`)) && !fs.existsSync(path.join(COMMANDS_DIR, `${name}.ts`))) {
    return undefined;
  }
  return require(path.join(COMMANDS_DIR, name)).command as Command;
}

function commandNames(): string[] {
  const names = fs.readdirSync(COMMANDS_DIR).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'));
  return [...new Set(names.map((f) => f.replace(/\.(js|ts)$/, '')))].sort();
}

function helpText(bundled?: Record<string, Command>): string {
  const lines = ['Usage: supaguard <command> [options]', '', 'Commands:'];
  for (const name of bundled ? Object.keys(bundled) : commandNames()) lines.push(`  ${name.padEnd(16)} ${(bundled?.[name] ?? loadCommand(name))!.summary}`);
  lines.push('', 'Run `supaguard <command> --help` for its options.');
  return lines.join('\n');
}


/**
 * Runs the command line; resolves to the exit code (0 clean, 1 findings at --fail-on, 2 usage or internal error).
 * `bundled` replaces the `commands/` folder where there is none (the editor extension's bundle).
 */
export async function main(argv: string[], bundled?: Record<string, Command>): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      process.stdout.write(`${helpText(bundled)}\n`);
      return name ? 0 : 2;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const command = bundled ? (Object.hasOwn(bundled, name) ? bundled[name] : undefined) : loadCommand(name);
    if (!command) throw new UsageError(`unknown command "${name}" (run \`supaguard help\`)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`supaguard: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`supaguard: internal error: ${redactSecrets(message.split('\n')[0])}\n`);
      if (process.env.SUPAGUARD_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    }
    return 2;
  }
}
