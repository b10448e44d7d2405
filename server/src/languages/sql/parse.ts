import { loadModule, parseSync } from 'libpg-query';
import type { Range } from '../../engine/finding';
import type { CommentSpan } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';
import { Utf8OffsetMap } from '../../engine/text';
import type { PgNode } from './ast';
import { loadTomlParser } from './projects';
import { isBlank, isIdentifierByte, lexicalLayout, type LexicalLayout } from './lexical';

/**
 * One SQL statement of a migration, parsed by the real Postgres parser.
 *
 * Offsets named `byte…` are UTF-8 byte offsets into the whole file (what the parser reports); `range`s are
 * LSP ranges (0-based line, UTF-16 character). Node `location`s inside `node` are relative to
 * `locationBase` (0 when the whole file parsed at once, the statement's start when it was parsed alone or
 * inside a `DO` block):
 * use `ParsedSqlFile.rangeOfLocation` rather than adding them up by hand.
 */
export interface SqlStatement {
  file: SourceFile;
  /** Position of the statement in its file, from 0 (statements a `DO` block runs share the block's). */
  index: number;
  /** The statement's node kind, e.g. `CreateStmt`, `CreatePolicyStmt`. */
  kind: string;
  /** The node under its kind, e.g. the `CreateStmt` object itself. */
  node: PgNode;
  /** Source text from the first token to the last, without the closing `;`. */
  text: string;
  byteStart: number;
  byteEnd: number;
  /** Byte offset just after the closing `;` (or `byteEnd` when there is none). */
  byteEndWithSemicolon: number;
  locationBase: number;
  range: Range;
}

export interface SqlParseError {
  message: string;
  range: Range;
  /** An unterminated quote or comment: nothing after it could be split into statements. */
  endsAnalysis: boolean;
}

export interface ParsedSqlFile {
  file: SourceFile;
  statements: SqlStatement[];
  comments: CommentSpan[];
  /** Statements (or whole stretches) Postgres rejects; the rest of the file is still parsed. */
  errors: SqlParseError[];
  /** UTF-8 byte offsets → LSP range. */
  rangeOfBytes(byteStart: number, byteEnd: number): Range;
  /** A node `location` of `statement` (plus a byte length) → LSP range. */
  rangeOfLocation(statement: SqlStatement, location: number, byteLength?: number): Range;
  /** UTF-8 byte offset → UTF-16 offset into `file.text`. */
  utf16(byteOffset: number): number;
}

let loaded: Promise<void> | undefined;

/** Loads the WebAssembly parser once; every other function here is synchronous afterwards. */
export function loadSqlParser(): Promise<void> {
  return (loaded ??= Promise.all([loadModule(), loadTomlParser()]).then(() => undefined));
}

// Parsing is the expensive step: a file is reparsed only when its text changes (editing one migration).
const cache = new Map<string, { text: string; parsed: ParsedSqlFile }>();

/** Parses a migration file, reusing the previous result when its path and text are unchanged. */
export function parseSqlFile(file: SourceFile): ParsedSqlFile {
  const hit = cache.get(file.path);
  if (hit && hit.text === file.text) {
    if (hit.parsed.file === file) return hit.parsed;
    const parsed = rebind(hit.parsed, file);
    cache.set(file.path, { text: file.text, parsed });
    return parsed;
  }
  const parsed = parseText(file);
  cache.set(file.path, { text: file.text, parsed });
  return parsed;
}

/** Same text, new `SourceFile` object (a rescan): share the parse, point at the new file. */
function rebind(parsed: ParsedSqlFile, file: SourceFile): ParsedSqlFile {
  const { comments, errors, rangeOfBytes, rangeOfLocation, utf16 } = parsed;
  const statements = parsed.statements.map((s) => ({ ...s, file }));
  return { file, statements, comments, errors, rangeOfBytes, rangeOfLocation, utf16 };
}

function parseText(file: SourceFile): ParsedSqlFile {
  const written = Buffer.from(file.text, 'utf8');
  const offsets = new Utf8OffsetMap(file.text);
  const utf16 = (byte: number) => offsets.toUtf16(byte);
  const rangeOfBytes = (start: number, end: number) => file.lines.rangeOf(utf16(start), utf16(Math.max(start, end)));
  const errors: SqlParseError[] = [];
  const statements: SqlStatement[] = [];
  const layout = lexicalLayout(written);
  // psql meta-commands are not SQL: Postgres rejects them (so `supabase db push` fails), which is
  // reported; blanking them keeps the statement after them (and every byte offset) intact.
  const bytes = blanked(written, layout.metaCommands);
  const text = bytes === written ? file.text : bytes.toString('utf8');
  for (const meta of layout.metaCommands) {
    const command = written.subarray(meta.start, wordEnd(written, meta.start + 1)).toString('utf8');
    errors.push({
      message: `psql meta-command ${command} is not SQL: the Supabase CLI does not run migrations through psql`,
      range: rangeOfBytes(meta.start, meta.end),
      endsAnalysis: false,
    });
  }
  const code = new CodeBounds(bytes, layout);

  const makeStatement = (node: PgNode, byteStart: number, byteEnd: number, locationBase: number) => {
    const first = code.firstCodeAt(byteStart, byteEnd);
    if (first === undefined) return;
    const last = code.lastCodeBefore(byteEnd, first);
    const after = code.firstCodeAt(last, bytes.length);
    const kind = Object.keys(node)[0];
    statements.push({
      file,
      index: statements.length,
      kind,
      node: node[kind],
      text: bytes.subarray(first, last).toString('utf8'),
      byteStart: first,
      byteEnd: last,
      byteEndWithSemicolon: after !== undefined && bytes[after] === SEMICOLON ? after + 1 : last,
      locationBase,
      range: rangeOfBytes(first, last),
    });
  };

  const whole = tryParse(text);
  if (whole.ok) {
    for (const raw of whole.stmts) {
      const start = raw.stmt_location ?? 0;
      makeStatement(raw.stmt, start, raw.stmt_len ? start + raw.stmt_len : bytes.length, 0);
    }
  } else {
    // Split at top-level `;` and parse each piece alone: one bad statement leaves the rest analysable.
    // Pieces keep their `;` so the parser's messages read as they would for the whole file. Past an
    // unterminated quote nothing can be split: the last piece runs to the end and fails with that message.
    const pieces: [number, number][] = [];
    let pieceStart = 0;
    for (const semicolon of layout.semicolons) {
      pieces.push([pieceStart, semicolon + 1]);
      pieceStart = semicolon + 1;
    }
    if (code.firstCodeAt(pieceStart, bytes.length) !== undefined) pieces.push([pieceStart, bytes.length]);
    for (const [start, end] of pieces) {
      const piece = tryParse(bytes.subarray(start, end).toString('utf8'));
      if (piece.ok) {
        for (const raw of piece.stmts) {
          const at = start + (raw.stmt_location ?? 0);
          makeStatement(raw.stmt, at, raw.stmt_len ? at + raw.stmt_len : end, start);
        }
      } else {
        const at = start + Math.min(piece.cursor ?? 0, end - start);
        const endsAnalysis = layout.unterminatedAt !== undefined && end === bytes.length;
        errors.push({ message: piece.message, range: rangeOfBytes(at, wordEnd(bytes, at)), endsAnalysis });
      }
    }
  }

  const comments: CommentSpan[] = layout.comments.map((c) => ({
    text: commentText(bytes.subarray(c.start, c.end).toString('utf8')),
    range: rangeOfBytes(c.start, c.end),
    trailing: c.trailing,
  }));
  const rangeOfLocation = (statement: SqlStatement, location: number, byteLength = 0) =>
    rangeOfBytes(statement.locationBase + location, statement.locationBase + location + byteLength);
  return { file, statements, comments, errors, rangeOfBytes, rangeOfLocation, utf16 };
}

const SEMICOLON = 0x3b;

/** The bytes with each span replaced by spaces (the same bytes when there is none). */
function blanked(bytes: Buffer, spans: readonly { start: number; end: number }[]): Buffer {
  if (spans.length === 0) return bytes;
  const copy = Buffer.from(bytes);
  for (const span of spans) copy.fill(0x20, span.start, span.end);
  return copy;
}

/** First and last code bytes of a span: statements as the parser reports them include blanks and comments. */
class CodeBounds {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly layout: LexicalLayout,
  ) {}

  firstCodeAt(from: number, limit: number): number | undefined {
    let i = from;
    while (i < limit) {
      if (isBlank(this.bytes[i])) i++;
      else {
        const comment = this.commentAt(i);
        if (!comment) return i;
        i = comment.end;
      }
    }
    return undefined;
  }

  /** The end of the last code byte before `end` (and after `floor`). */
  lastCodeBefore(end: number, floor: number): number {
    let i = end;
    for (;;) {
      while (i > floor && isBlank(this.bytes[i - 1])) i--;
      const comment = this.commentEndingAt(i);
      if (!comment || comment.start < floor) return i;
      i = comment.start;
    }
  }

  private commentAt(offset: number) {
    const index = lowerBound(this.layout.comments, offset, (c) => c.start);
    const comment = this.layout.comments[index];
    return comment && comment.start === offset ? comment : undefined;
  }

  private commentEndingAt(offset: number) {
    const index = lowerBound(this.layout.comments, offset, (c) => c.start) - 1;
    const comment = this.layout.comments[index];
    return comment && comment.end === offset ? comment : undefined;
  }
}

/** The end of the word (or the single character) a parse error points at. */
function wordEnd(bytes: Uint8Array, at: number): number {
  if (at >= bytes.length) return at;
  let end = at;
  while (end < bytes.length && isIdentifierByte(bytes[end])) end++;
  return end > at ? end : at + 1;
}

interface RawStatement {
  stmt: PgNode;
  stmt_location?: number;
  stmt_len?: number;
}

type ParseOutcome =
  | { ok: true; stmts: RawStatement[] }
  | { ok: false; message: string; cursor?: number };

function tryParse(text: string): ParseOutcome {
  if (text.trim() === '') return { ok: true, stmts: [] };
  try {
    return { ok: true, stmts: (parseSync(text).stmts ?? []) as RawStatement[] };
  } catch (error) {
    const details = (error as { sqlDetails?: { message: string; cursorPosition?: number } }).sqlDetails;
    return { ok: false, message: shorten(details?.message ?? (error as Error).message), cursor: details?.cursorPosition };
  }
}

/** Parser messages quote the text they stopped at (`at or near "…"`), which can be a whole line of junk. */
function shorten(message: string): string {
  const firstLine = message.split('\n')[0];
  return firstLine.replace(/"([^"]{40})[^"]{4,}"/, '"$1…"').slice(0, 200);
}

/** Index of the first item whose key is at or after `value`, in items sorted by key. */
function lowerBound<T>(sorted: readonly T[], value: number, keyOf: (item: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keyOf(sorted[mid]) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function commentText(raw: string): string {
  return raw.startsWith('--') ? raw.slice(2) : raw.replace(/^\/\*/, '').replace(/\*\/$/, '');
}
