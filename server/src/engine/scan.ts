import * as path from 'node:path';
import { loadConfig, type ResolvedConfig } from './config';
import { discoverFiles, toPosix, type Skipped } from './discovery';
import type { Finding } from './finding';
import { registry } from './registry';
import { lint } from './runner';
import type { SourceFile } from './source-file';

export interface ScanRequest {
  /** The folder findings are relative to; the config is searched from here upwards. */
  root: string;
  /** Files or folders under `root` to scan; all of `root` when empty. */
  paths?: string[];
  configFile?: string;
  /** An already loaded config (the language server's); `configFile` is then ignored. */
  config?: ResolvedConfig;
  /** Findings produced outside the static rules (verified mode, probes). */
  extraFindings?: Finding[];
  isCancelled?: () => boolean;
}

export interface ScanResult {
  root: string;
  config: ResolvedConfig;
  files: SourceFile[];
  findings: Finding[];
  skipped: Skipped[];
  filesByLanguage: Record<string, number>;
  suppressed: number;
  durationMs: number;
}

/** A tree ready to lint: its config and the files some language claims, read once. */
export interface LoadedWorkspace {
  root: string;
  config: ResolvedConfig;
  files: SourceFile[];
  skipped: Skipped[];
}

/** Loads the parsers, the config and the files of a tree; for front ends that need the files before or besides a scan. */
export async function loadWorkspace(request: Pick<ScanRequest, 'root' | 'paths' | 'configFile' | 'config'>): Promise<LoadedWorkspace> {
  await registry.load();
  const root = toPosix(path.resolve(request.root));
  const config = request.config ?? loadConfig({ explicitFile: request.configFile, startDir: root });
  const { files, skipped } = discoverFiles(root, config, { paths: request.paths });
  return { root, config, files, skipped };
}

/** Discovers, parses and lints a tree: the whole static pipeline behind `supaguard scan`. */
export async function scan(request: ScanRequest & { workspace?: LoadedWorkspace }): Promise<ScanResult> {
  const started = performance.now();
  const { root, config, files, skipped } = request.workspace ?? (await loadWorkspace(request));
  const result = lint({ root, config, files, extraFindings: request.extraFindings, isCancelled: request.isCancelled });
  return {
    root,
    config,
    files,
    findings: result.findings,
    skipped,
    filesByLanguage: result.filesByLanguage,
    suppressed: result.suppressed,
    durationMs: Math.round(performance.now() - started),
  };
}
