import { parentPort } from 'node:worker_threads';
import type { ReplayProject } from './history';
import { verifyProject, type VerifyOptions } from './verify';

/**
 * Verification runs in a worker thread: PGlite executes a migration's `DO` block on the thread that
 * called it and cannot be interrupted (`statement_timeout` has no timer there), so the only way to stop
 * an endless loop is to terminate the thread.
 */
parentPort?.on('message', async ({ project, options }: { project: ReplayProject; options: VerifyOptions }) => {
  try {
    parentPort!.postMessage({ verification: await verifyProject(project, options) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
