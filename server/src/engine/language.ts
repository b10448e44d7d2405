import type { Finding, Range } from './finding';
import type { ResolvedConfig } from './config';
import type { SourceFile } from './source-file';

export type LanguageId = 'sql' | 'mcp' | 'code' | 'env' | 'meta';

/** What the rules of a language check: one file, or a whole migration history. */
export interface AnalysisUnit {
  /** The files the unit covers; the first is where an internal error is reported. */
  files: SourceFile[];
}

/** A comment's text without its markers (line and block comment markers, `#`), and where it is. */
export interface CommentSpan {
  text: string;
  range: Range;
  /** True when code precedes the comment on its line: a suppression then applies to that line. */
  trailing: boolean;
}

export interface LanguageContext {
  root: string;
  config: ResolvedConfig;
  /** Every file of this language in the workspace. */
  files: SourceFile[];
  /** Every file of the workspace, all languages: read-only, for cross-language lookups (code fixes read `.env*` names). */
  allFiles?: readonly SourceFile[];
  /** When set, only units covering one of these paths are needed (the editor's per-file work). */
  focus?: ReadonlySet<string>;
  /** Parse errors and skips (`meta/parse-error`). */
  report(finding: Finding): void;
}

export interface Language<Unit extends AnalysisUnit = AnalysisUnit> {
  id: Exclude<LanguageId, 'meta'>;
  /** One-time asynchronous set-up (loading a WebAssembly parser); `analyze` is synchronous afterwards. */
  load?(): Promise<void>;
  /** Whether a root-relative, `/`-separated path belongs to this language. */
  claims(relativePath: string, config: ResolvedConfig): boolean;
  /** Parses and models the files into the units its rules check. */
  analyze(context: LanguageContext): Unit[];
  /** Comments of a file, for suppressions. */
  comments(file: SourceFile): CommentSpan[];
  /**
   * Lines a leading suppression comment covers (for SQL, the whole next statement).
   * Defaults to the next line that holds code.
   */
  suppressionScope?(file: SourceFile, comment: CommentSpan): { startLine: number; endLine: number } | undefined;
}
