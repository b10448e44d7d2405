import { execFileSync } from 'node:child_process';

/**
 * The process and all its descendants. The SDK's stdio client starts servers in our own process group
 * (`npx` → `sh` → `node`), so ending a server means walking its tree, not signalling a group.
 */
export function processTree(rootPid: number): number[] {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', timeout: 5000 });
  } catch {
    return [rootPid];
  }
  const children = new Map<number, number[]>();
  for (const row of table.split('\n')) {
    const [pid, ppid] = row.trim().split(/\s+/).map(Number);
    if (Number.isInteger(pid) && Number.isInteger(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    if (tree.includes(pid)) return;
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return tree;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pids: readonly number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  }
}

/** Ends a process and its descendants: SIGTERM, then SIGKILL for whatever is still alive after `graceMs`. */
export async function endProcessTree(rootPid: number, graceMs = 1000): Promise<void> {
  if (process.platform === 'win32') {
    try {
      execFileSync('taskkill', ['/pid', String(rootPid), '/T', '/F'], { stdio: 'ignore', timeout: 5000 });
    } catch {
      // Already gone.
    }
    return;
  }
  const pids = processTree(rootPid);
  signal(pids, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  signal(pids.filter(isAlive), 'SIGKILL');
}
