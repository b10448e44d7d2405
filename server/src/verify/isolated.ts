import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReplayProject } from './history';
import type { ProjectVerification, VerifyOptions } from './verify';

export type IsolatedOutcome = { verification: ProjectVerification } | { error: string };

/** Time one project may take; a hostile or endless migration is stopped after it. */
export const DEFAULT_PROJECT_TIMEOUT_MS = 180_000;

/** Verifies a project in a worker thread that is terminated if it runs past `timeoutMs`. */
export function verifyIsolated(
  project: ReplayProject,
  options: VerifyOptions = {},
  timeoutMs = DEFAULT_PROJECT_TIMEOUT_MS,
): Promise<IsolatedOutcome> {
  const script = workerScript();
  const worker = new Worker(script, { execArgv: script.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [] });
  return new Promise<IsolatedOutcome>((resolve) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ error: `verification stopped after ${Math.round(timeoutMs / 1000)} s (a migration may loop forever)` });
    }, timeoutMs);
    const settle = (outcome: IsolatedOutcome) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    worker.once('message', settle);
    worker.once('error', (error) => settle({ error: error.message }));
    worker.once('exit', (code) => settle({ error: `the verification worker exited (code ${code})` }));
    worker.postMessage({ project, options });
  });
}

/** The compiled worker, or its TypeScript source when running from source (tests). */
function workerScript(): string {
  const compiled = path.join(__dirname, 'worker.js');
  return fs.existsSync(compiled) ? compiled : path.join(__dirname, 'worker.ts');
}
