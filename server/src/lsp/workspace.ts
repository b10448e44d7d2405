import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, loadConfig, type ResolvedConfig, type RuleSetting } from '../engine/config';
import { discoverFiles, isExcludedPath, MAX_FILE_BYTES, readSourceText, toPosix } from '../engine/discovery';
import type { Finding } from '../engine/finding';
import { registry } from '../engine/registry';
import { lint } from '../engine/runner';
import { SourceFile } from '../engine/source-file';
import { applyVerdicts } from '../verify';
import { uriToPath } from './uri';
import { VerifiedResults } from './verified-results';

/** Files whose change on disk can change findings in other files: the editor is asked to watch them. */
export const WATCHED_GLOBS = [
  '**/supabase/migrations/**',
  '**/supabase/config.toml',
  '**/.env*',
  '**/*.json',
  '**/*.jsonc',
  `**/${CONFIG_FILE_NAME}`,
  '**/*.{sql,ts,tsx,js,jsx,mjs,cjs,mts,cts}',
];

export interface OpenDocuments {
  all(): TextDocument[];
}

export type DiskChange = { path: string; kind: 'created' | 'changed' | 'deleted' };

/**
 * One linted tree (a workspace folder): its config and the texts of its files, read from disk once and kept
 * until the editor reports a change.
 */
export class Project {
  private loaded: { config: ResolvedConfig; problem?: string } | undefined;
  private diskFiles: Map<string, SourceFile> | undefined;

  constructor(readonly root: string) {}

  contains(file: string): boolean {
    return file === this.root || file.startsWith(`${this.root}/`);
  }

  get config(): ResolvedConfig {
    return this.loadConfig().config;
  }

  /** Why `supaguard.jsonc` could not be used (the defaults apply meanwhile). */
  get configProblem(): string | undefined {
    return this.loadConfig().problem;
  }

  private loadConfig(): { config: ResolvedConfig; problem?: string } {
    if (!this.loaded) {
      try {
        this.loaded = { config: loadConfig({ startDir: this.root }) };
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        this.loaded = { config: defaultConfig(), problem: error.message };
      }
    }
    return this.loaded;
  }

  /** Files on disk a language claims, by absolute path. */
  get files(): Map<string, SourceFile> {
    if (!this.diskFiles) {
      const { files } = discoverFiles(this.root, this.config);
      this.diskFiles = new Map(files.map((f) => [f.path, f]));
    }
    return this.diskFiles;
  }

  relativePath(file: string): string {
    return toPosix(path.relative(this.root, file));
  }

  /** Whether the engine lints this path here (claimed by a language, not excluded by folder or config). */
  lints(file: string): boolean {
    const relative = this.relativePath(file);
    return !isExcludedPath(relative, this.config) && registry.languageOf(relative, this.config) !== undefined;
  }

  /** Applies a change reported by the editor's file watcher; true when findings may differ. */
  apply(change: DiskChange): boolean {
    if (path.posix.basename(change.path) === CONFIG_FILE_NAME) {
      this.loaded = undefined;
      this.diskFiles = undefined;
      return true;
    }
    if (!this.contains(change.path) || !this.diskFiles) return this.contains(change.path);
    // Read by the SQL language from disk (exposed schemas), not a linted file.
    if (change.path.endsWith('/supabase/config.toml')) return true;
    if (change.kind === 'deleted') {
      // A deleted folder arrives as one event: drop everything under it.
      let dropped = false;
      for (const file of [...this.diskFiles.keys()]) {
        if (file === change.path || file.startsWith(`${change.path}/`)) dropped = this.diskFiles.delete(file) || dropped;
      }
      return dropped;
    }
    if (!this.lints(change.path)) return false;
    const text = readSourceText(change.path);
    if (typeof text === 'string') this.diskFiles.set(change.path, new SourceFile(change.path, this.relativePath(change.path), text));
    else this.diskFiles.delete(change.path);
    return true;
  }
}

export interface LintScope {
  /** Findings only for these files (the rest of the project still informs the analysis). */
  focus?: ReadonlySet<string>;
  rules?: Record<string, RuleSetting>;
  isCancelled?: () => boolean;
}

/**
 * The workspace as the engine sees it: each folder's files on disk, overlaid with the editor's open
 * documents (their unsaved text wins).
 */
export class Workspace {
  private projects: Project[] = [];
  private readonly adHoc = new Map<string, Project>();
  private readonly overlays = new Map<string, { version: number; file: SourceFile }>();
  /** Bumped on every change that can alter findings; keys cached results. */
  generation = 0;
  /** Verified mode's last results, set by the verify request. */
  readonly verified = new VerifiedResults();

  constructor(private readonly documents: OpenDocuments) {}

  setFolders(roots: string[]): void {
    const kept = new Map(this.projects.map((p) => [p.root, p]));
    this.projects = roots.map((root) => kept.get(root) ?? new Project(root)).sort((a, b) => b.root.length - a.root.length);
    this.generation++;
  }

  get folders(): readonly Project[] {
    return this.projects;
  }

  /** The innermost workspace folder holding the file; for a file outside every folder, the tree it belongs to. */
  projectFor(file: string): Project {
    const folder = this.projects.find((p) => p.contains(file));
    if (folder) return folder;
    const root = guessRoot(path.posix.dirname(file));
    let project = this.adHoc.get(root);
    if (!project) this.adHoc.set(root, (project = new Project(root)));
    return project;
  }

  documentChanged(): void {
    this.generation++;
  }

  /** Applies the editor's file-watcher events; true when some project's findings may differ. */
  diskChanged(changes: DiskChange[]): boolean {
    let relevant = false;
    for (const change of changes) {
      for (const project of [...this.projects, ...this.adHoc.values()]) relevant = project.apply(change) || relevant;
    }
    if (relevant) this.generation++;
    return relevant;
  }

  /** The project's files with open documents laid over them. */
  filesOf(project: Project): SourceFile[] {
    const files = new Map(project.files);
    for (const document of this.documents.all()) {
      const file = uriToPath(document.uri);
      if (!file || !project.contains(file) || !(files.has(file) || project.lints(file))) continue;
      // As on disk: a buffer too large to be a hand-written migration or config is not linted.
      if (document.getText().length > MAX_FILE_BYTES) continue;
      files.set(file, this.overlay(project, file, document));
    }
    return [...files.values()];
  }

  /** The project's findings, with those of its last verification while it still describes the files. */
  lint(project: Project, scope: LintScope = {}): Finding[] {
    const config = scope.rules && Object.keys(scope.rules).length ? { ...project.config, rules: { ...project.config.rules, ...scope.rules } } : project.config;
    const files = this.filesOf(project);
    const verified = this.verified.overlay(project.root, files, config);
    const { findings } = lint({
      root: project.root,
      config,
      files,
      focus: scope.focus,
      extraFindings: verified.findings,
      isCancelled: scope.isCancelled,
    });
    if (verified.factsByFile.size === 0) return findings;
    const sourceOf = new Map(files.map((f) => [f.path, f]));
    return applyVerdicts(findings, { own: verified.findings, factsByFile: verified.factsByFile, sourceOf: (file) => sourceOf.get(file) }).findings;
  }

  /** One SourceFile per document version, so languages' per-file caches keep working while nothing changes. */
  private overlay(project: Project, file: string, document: TextDocument): SourceFile {
    const cached = this.overlays.get(file);
    if (cached && cached.version === document.version) return cached.file;
    const source = new SourceFile(file, project.relativePath(file), document.getText());
    this.overlays.set(file, { version: document.version, file: source });
    return source;
  }

  forgetDocument(file: string): void {
    this.overlays.delete(file);
  }
}

const ROOT_MARKERS = [CONFIG_FILE_NAME, 'supabase', '.git', 'package.json'];

/** The nearest folder above that looks like a project root, else the file's own folder. */
function guessRoot(start: string): string {
  for (let dir = start; ; dir = path.posix.dirname(dir)) {
    if (ROOT_MARKERS.some((marker) => fs.existsSync(path.posix.join(dir, marker)))) return dir;
    if (path.posix.dirname(dir) === dir) return start;
  }
}
