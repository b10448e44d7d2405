import type { PGlite } from '@electric-sql/pglite';
import { openStandinDatabase } from './database';
import { createdExtensions, type ReplayFile, type ReplayProject } from './history';
import { emptyReplayResult, HistoryReplayer, type ReplayResult } from './replay';
import { ProbeCache } from './probe-cache';
import { inspect, type ProjectVerification } from './verify';

/**
 * A warm database per project for the editor: the migrations before the edited one stay applied
 * (committed), and each check replays the edited file and those after it inside a transaction that is
 * rolled back, then probes the tables whose earlier results no longer hold (`ProbeCache`). Editing an
 * earlier file, or any change to the committed files, restores the stand-in from its saved image and
 * replays the prefix again.
 *
 * Runs on the caller's thread: a migration that loops forever blocks it, so host this in a worker (the
 * CLI's `verifyIsolated` does the same for cold runs).
 */
export class WarmProjectVerifier {
  private db: PGlite | undefined;
  /** The files applied and committed, with what their replay found. */
  private committed: { file: ReplayFile; fingerprint: string }[] = [];
  private committedResult = emptyReplayResult();
  private readonly probeCache = new ProbeCache();
  /** The extensions the database can create (PGlite loads them when it starts). */
  private extensions = new Set<string>();

  /**
   * Verifies `project` as if `editedPath` had just been saved: the findings of the whole history, as a cold
   * verification would give them. Without an edited file the newest migration is taken as the one being
   * written, so the saves that follow find everything before it committed.
   */
  async verify(project: ReplayProject, editedPath?: string): Promise<ProjectVerification> {
    const started = performance.now();
    const editedIndex = editedPath ? project.files.findIndex((f) => f.path === editedPath) : -1;
    const split = editedIndex < 0 ? Math.max(0, project.files.length - 1) : editedIndex;
    const db = await this.prepare(project.files.slice(0, split), createdExtensions(project));
    const tail = project.files.slice(split);
    await db.exec('begin');
    try {
      const replayer = await HistoryReplayer.start(db, this.committedResult);
      const replay = mergeResults(this.committedResult, await replayer.replay(tail, { inTransaction: true }));
      return await inspect(db, project, replay, started, { inTransaction: true, probeCache: this.probeCache });
    } finally {
      await db.exec('rollback');
    }
  }

  async dispose(): Promise<void> {
    await this.db?.close();
    this.db = undefined;
    this.extensions = new Set();
    this.committed = [];
    this.probeCache.clear();
  }

  /**
   * A database holding exactly `prefix` and able to create `extensions`, reusing the warm one when it
   * already holds a prefix of it and loaded those extensions.
   */
  private async prepare(prefix: ReplayFile[], extensions: string[]): Promise<PGlite> {
    const fingerprints = prefix.map(fingerprintOf);
    const reusable =
      this.db &&
      extensions.every((name) => this.extensions.has(name)) &&
      this.committed.length <= prefix.length &&
      this.committed.every((c, i) => c.fingerprint === fingerprints[i]);
    if (!reusable) {
      await this.dispose();
      this.db = await openStandinDatabase(extensions);
      this.extensions = new Set(extensions);
      this.committedResult = emptyReplayResult();
    }
    const db = this.db!;
    const missing = prefix.slice(this.committed.length);
    if (missing.length || !reusable) {
      const replayer = await HistoryReplayer.start(db, this.committedResult);
      const result = await replayer.replay(missing);
      this.committedResult = mergeResults(this.committedResult, result);
      this.committed = prefix.map((file, i) => ({ file, fingerprint: fingerprints[i] }));
    }
    return db;
  }
}

function fingerprintOf(file: ReplayFile): string {
  // Ranges too: cached findings of a committed file must still point at the right lines.
  return JSON.stringify([file.path, file.statements.map((s) => [s.text, s.range.start, s.range.end])]);
}

function mergeResults(before: ReplayResult, after: ReplayResult): ReplayResult {
  return {
    failures: [...before.failures, ...after.failures],
    skipped: [...before.skipped, ...after.skipped],
    origins: after.origins,
    statements: before.statements + after.statements,
    missingExtensions: after.missingExtensions,
  };
}
