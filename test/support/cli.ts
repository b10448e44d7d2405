import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './project';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built command line as users do (`bin/supaguard.js`), without a terminal. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'supaguard.js'), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
