import type { ResolvedConfig } from '../engine/config';
import type { Finding } from '../engine/finding';
import type { SourceFile } from '../engine/source-file';
import { projectFolderOf } from '../languages/sql';
import type { CatalogFacts } from '../verify';

/** What verified mode found for one Supabase project, and the texts of the migrations it replayed. */
export interface VerifiedProject {
  /** Root-relative folder holding `supabase/`. */
  folder: string;
  findings: Finding[];
  facts: CatalogFacts;
  texts: ReadonlyMap<string, string>;
}

export interface VerifiedOverlay {
  /** Verified findings to report with the static ones. */
  findings: Finding[];
  /** Catalog facts to judge static findings by, for the files of projects verified as they are now. */
  factsByFile: Map<string, CatalogFacts>;
}

/**
 * The last verification of each workspace folder's projects, laid over the static findings while it still
 * describes the files. A project whose migrations all read as they did when verified gets its findings and
 * its verdicts on static findings; once one of them changes (or a migration is added), only the findings of
 * files that did not change are kept, and nothing is judged until the next verification.
 */
export class VerifiedResults {
  private readonly byRoot = new Map<string, Map<string, VerifiedProject>>();

  /** Replaces the results of these projects (by folder) under a workspace folder. */
  set(root: string, projects: readonly VerifiedProject[]): void {
    const kept = this.byRoot.get(root) ?? new Map<string, VerifiedProject>();
    for (const project of projects) kept.set(project.folder, project);
    this.byRoot.set(root, kept);
  }

  clear(root: string): void {
    this.byRoot.delete(root);
  }

  overlay(root: string, files: readonly SourceFile[], config: ResolvedConfig): VerifiedOverlay {
    const overlay: VerifiedOverlay = { findings: [], factsByFile: new Map() };
    const projects = this.byRoot.get(root);
    if (!projects?.size) return overlay;
    const textOf = new Map(files.map((f) => [f.path, f.text]));
    const migrationsOf = new Map<string, string[]>();
    for (const file of files) {
      const folder = projectFolderOf(file.relativePath, config);
      if (folder !== undefined) migrationsOf.set(folder, [...(migrationsOf.get(folder) ?? []), file.path]);
    }
    for (const project of projects.values()) {
      const unchanged = (file: string) => project.texts.has(file) && textOf.get(file) === project.texts.get(file);
      const current = migrationsOf.get(project.folder) ?? [];
      const asVerified = current.length === project.texts.size && current.every(unchanged);
      overlay.findings.push(...project.findings.filter((f) => asVerified || unchanged(f.file)));
      if (asVerified) for (const file of current) overlay.factsByFile.set(file, project.facts);
    }
    return overlay;
  }
}
