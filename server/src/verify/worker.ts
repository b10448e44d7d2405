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

// One warm database per project (by its migrations folder), kept for as long as this worker lives.
const warm = new Map<string, WarmProjectVerifier>();

parentPort?.on('message', async (request: WorkerRequest) => {
  try {
    const verification =
      request.kind === 'cold'
        ? await verifyProject(request.project, request.options)
        : await warmVerifierOf(request.project).verify(request.project, request.editedPath);
    parentPort!.postMessage({ verification });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});

function warmVerifierOf(project: ReplayProject): WarmProjectVerifier {
  const key = project.files[0] ? path.posix.dirname(project.files[0].path) : project.folder;
  let verifier = warm.get(key);
  if (!verifier) warm.set(key, (verifier = new WarmProjectVerifier()));
  return verifier;
}
