import type { Range } from '../engine/finding';

/**
 * A migration history as plain data: what the replay needs from the SQL language's parse, and nothing
 * that cannot cross to a worker thread.
 */
export interface ReplayStatement {
  /** Position of the statement in its file, from 0. */
  index: number;
  /** Source text without the closing `;`. */
  text: string;
  range: Range;
  /** The parse node's kind, e.g. `CreateStmt`, `DoStmt`. */
  kind: string;
  /** For statements about an extension (create, alter, drop, comment): its name, and the schema asked for. */
  extension?: { name: string; schema?: string; action: 'create' | 'alter' | 'drop' | 'comment' };
}

export interface ReplayFile {
  /** Absolute, `/`-separated. */
  path: string;
  statements: ReplayStatement[];
}

export interface ReplayProject {
  /** Root-relative folder holding `supabase/`, `''` for the root. */
  folder: string;
  files: ReplayFile[];
  exposedSchemas: string[];
  privateTables: string[];
  tenantColumns: string[];
}

/** The extensions a history creates (by the name `create extension` uses). */
export function createdExtensions(project: ReplayProject): string[] {
  return project.files.flatMap((f) => f.statements.flatMap((s) => (s.extension?.action === 'create' ? [s.extension.name] : [])));
}

/** Where a database object came from: the statement whose execution made (or last changed) it. */
export interface StatementRef {
  path: string;
  /** The statement's first line: where findings about what it made are shown. */
  range: Range;
  kind: string;
}

export function refOf(file: ReplayFile, statement: ReplayStatement): StatementRef {
  return { path: file.path, range: headRange(statement), kind: statement.kind };
}

/** The first line of a statement: where a finding about the whole statement is shown. */
export function headRange(statement: { text: string; range: Range }): Range {
  const firstLine = statement.text.split('\n', 1)[0];
  const end =
    statement.range.start.line === statement.range.end.line
      ? statement.range.end
      : { line: statement.range.start.line, character: statement.range.start.character + firstLine.length };
  return { start: statement.range.start, end };
}

/** The position `offset` (UTF-16, from 0) inside a statement's text, in file coordinates. */
export function positionInStatement(statement: { text: string; range: Range }, offset: number): Range['start'] {
  const before = statement.text.slice(0, Math.max(0, Math.min(offset, statement.text.length)));
  const lines = before.split('\n');
  if (lines.length === 1) return { line: statement.range.start.line, character: statement.range.start.character + before.length };
  return { line: statement.range.start.line + lines.length - 1, character: lines[lines.length - 1].length };
}
