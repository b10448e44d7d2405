import * as fs from 'node:fs';
import * as path from 'node:path';
import { toPosix } from '../engine/discovery';
import type { DiskChange, Project } from './workspace';

const BATCH_MS = 50;

/**
 * For editors that cannot watch files for the server: watches each folder of a project that holds a linted
 * file (and the root), not whole trees, so dependency folders cost nothing. Changes arrive in batches.
 */
export class DiskWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private pending: DiskChange[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly onChanges: (changes: DiskChange[]) => void) {}

  /** Starts watching the folders of a project's files (again after files were added). */
  watch(project: Project): void {
    const folders = new Set([project.root, ...[...project.files.keys()].map((f) => path.posix.dirname(f))]);
    for (const folder of folders) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = fs.watch(folder, (_event, name) => name && this.queue(toPosix(path.join(folder, name.toString()))));
        watcher.on('error', () => this.unwatch(folder));
        this.watchers.set(folder, watcher);
      } catch {
        // A folder that vanished or cannot be watched: its files are still read when linted.
      }
    }
  }

  private unwatch(folder: string): void {
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
  }

  private queue(file: string): void {
    this.pending.push({ path: file, kind: fs.existsSync(file) ? 'changed' : 'deleted' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const changes = this.pending;
      this.pending = [];
      this.onChanges(changes);
    }, BATCH_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const folder of [...this.watchers.keys()]) this.unwatch(folder);
  }
}
