import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReplayProject } from './history';
import type { ProjectVerification, VerifyOptions } from './verify';
import type { WorkerRequest } from './worker';

export type IsolatedOutcome = { verification: ProjectVerification } | { error: string };

/** Time one project may take; a hostile or endless migration is stopped after it. */
const DEFAULT_PROJECT_TIMEOUT_MS = 180_000;

/** Verifies a project in a fresh worker thread that is terminated if it runs past `timeoutMs`. */
export async function verifyIsolated(
  project: ReplayProject,
  options: VerifyOptions = {},
  timeoutMs = DEFAULT_PROJECT_TIMEOUT_MS,
): Promise<IsolatedOutcome> {
  const worker = startWorker();
  try {
    return await ask(worker, { kind: 'cold', project, options }, timeoutMs);
  } finally {
    void worker.terminate();
  }
}

/**
 * The editor's warm verifier (`WarmProjectVerifier`) in a long-lived worker thread: databases stay warm
 * between checks, and a check that runs past its time limit ends the worker (the next check starts a
 * new one, cold).
 */
export class IsolatedWarmVerifier {
  private worker: Worker | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = DEFAULT_PROJECT_TIMEOUT_MS) {}

  /** Checks run one at a time, in the order asked. */
  verify(project: ReplayProject, editedPath?: string): Promise<IsolatedOutcome> {
    const run = this.pending.then(async () => {
      this.worker ??= startWorker();
      const outcome = await ask(this.worker, { kind: 'warm', project, editedPath }, this.timeoutMs);
      if ('error' in outcome) await this.dispose();
      return outcome;
    });
    this.pending = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}

function startWorker(): Worker {
  const script = workerScript();
  return new Worker(script, { execArgv: script.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [] });
}

function ask(worker: Worker, request: WorkerRequest, timeoutMs: number): Promise<IsolatedOutcome> {
  return new Promise<IsolatedOutcome>((resolve) => {
    const settle = (outcome: IsolatedOutcome) => {
      clearTimeout(timer);
      worker.off('message', settle);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(outcome);
    };
    const onError = (error: Error) => settle({ error: error.message });
    const onExit = (code: number) => settle({ error: `the verification worker exited (code ${code})` });
    const timer = setTimeout(() => {
      void worker.terminate();
      settle({ error: `verification stopped after ${Math.round(timeoutMs / 1000)} s (a migration may loop forever)` });
    }, timeoutMs);
    worker.on('message', settle);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(request);
  });
}

/** The compiled worker, or its TypeScript source when running from source (tests). */
function workerScript(): string {
  const compiled = path.join(__dirname, 'worker.js');
  return fs.existsSync(compiled) ? compiled : path.join(__dirname, 'worker.ts');
}
