import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { ReplayProject } from './history';
import { verifyProject, type VerifyOptions } from './verify';
import { WarmProjectVerifier } from './warm';

/**
 * Verification runs in a worker thread: PGlite executes a migration's `DO` block on the thread that
 * called it and cannot be interrupted (`statement_timeout` has no timer there), so the only way to stop
 * an endless loop is to terminate the thread.
 */
export type WorkerRequest =
  | { kind: 'cold'; project: ReplayProject; options: VerifyOptions }
  | { kind: 'warm'; project: ReplayProject; editedPath?: string };

// Warm databases by project (its migrations folder), most recently used last. Each holds a whole
// Postgres in memory, so a workspace with many projects keeps only the few being worked on.
const MAX_WARM_PROJECTS = 3;
const warm = new Map<string, WarmProjectVerifier>();

parentPort?.on('message', async (request: WorkerRequest) => {
  const key = request.kind === 'warm' ? warmKeyOf(request.project) : '';
  try {
    const verification =
      request.kind === 'cold'
        ? await verifyProject(request.project, request.options)
        : await (await warmVerifier(key)).verify(request.project, request.editedPath);
    parentPort!.postMessage({ verification });
  } catch (error) {
    // A check that broke off may leave its database half replayed: the next one starts cold.
    await forget(key);
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});

function warmKeyOf(project: ReplayProject): string {
  return project.files[0] ? path.posix.dirname(project.files[0].path) : project.folder;
}

async function warmVerifier(key: string): Promise<WarmProjectVerifier> {
  const verifier = warm.get(key) ?? new WarmProjectVerifier();
  warm.delete(key);
  warm.set(key, verifier);
  for (const stale of [...warm.keys()].slice(0, Math.max(0, warm.size - MAX_WARM_PROJECTS))) await forget(stale);
  return verifier;
}

async function forget(key: string): Promise<void> {
  const verifier = warm.get(key);
  warm.delete(key);
  await verifier?.dispose().catch(() => undefined);
}
