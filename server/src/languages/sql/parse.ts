import { loadModule, parseSync, scanSync, type ScanToken } from 'libpg-query';
import type { Range } from '../../engine/finding';
import type { CommentSpan } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';
import { Utf8OffsetMap } from '../../engine/text';
import type { PgNode } from './ast';
import { loadTomlParser } from './projects';

/**
 * One SQL statement of a migration, parsed by the real Postgres parser.
 *
 * Offsets named `byte…` are UTF-8 byte offsets into the whole file (what the parser reports); `range`s are
 * LSP ranges (0-based line, UTF-16 character). Node `location`s inside `node` are relative to
 * `locationBase` (0 when the whole file parsed at once, the statement's start when it was parsed alone):
 * use `ParsedSqlFile.rangeOfLocation` rather than adding them up by hand.
 */
export interface SqlStatement {
  file: SourceFile;
  /** Position of the statement in its file, from 0. */
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
}

export interface ParsedSqlFile {
  file: SourceFile;
  statements: SqlStatement[];
  comments: CommentSpan[];
  /** Statements (or whole stretches) Postgres rejects; the rest of the file is still parsed. */
  errors: SqlParseError[];
  /** Tokens of the file as far as it could be scanned (byte offsets). */
  tokens: ScanToken[];
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
  const statements = parsed.statements.map((s) => ({ ...s, file }));
  return { ...parsed, file, statements };
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);
const SEMICOLON = ';';

function parseText(file: SourceFile): ParsedSqlFile {
  const text = file.text;
  const bytes = Buffer.from(text, 'utf8');
  const offsets = new Utf8OffsetMap(text);
  const utf16 = (byte: number) => offsets.toUtf16(byte);
  const rangeOfBytes = (start: number, end: number) => file.lines.rangeOf(utf16(start), utf16(Math.max(start, end)));
  const errors: SqlParseError[] = [];
  const statements: SqlStatement[] = [];

  const { tokens, unterminatedAt } = scanAll(text);
  const comments: CommentSpan[] = [];
  let lastCodeEnd = -1;
  let lastCodeLine = -1;
  for (const token of tokens) {
    if (!COMMENT_TOKENS.has(token.tokenName)) {
      lastCodeEnd = token.end;
      lastCodeLine = rangeOfBytes(token.end, token.end).start.line;
      continue;
    }
    const range = rangeOfBytes(token.start, token.end);
    const trailing = lastCodeEnd >= 0 && lastCodeLine === range.start.line;
    comments.push({ text: commentText(token.text), range, trailing });
  }

  const codeTokens = tokens.filter((t) => !COMMENT_TOKENS.has(t.tokenName));
  const makeStatement = (node: PgNode, byteStart: number, byteEnd: number, locationBase: number) => {
    const kind = Object.keys(node)[0];
    const [first, last] = trimToTokens(codeTokens, byteStart, byteEnd);
    if (first === undefined) return;
    const after = codeTokens[lowerBound(codeTokens, last)];
    const next = after?.text === SEMICOLON ? after.end : last;
    statements.push({
      file,
      index: statements.length,
      kind,
      node: node[kind],
      text: bytes.subarray(first, last).toString('utf8'),
      byteStart: first,
      byteEnd: last,
      byteEndWithSemicolon: next,
      locationBase,
      range: rangeOfBytes(first, last),
    });
  };

  const scannedEnd = unterminatedAt ?? bytes.length;
  const whole = tryParse(text);
  if (whole.ok) {
    for (const raw of whole.stmts) {
      const start = raw.stmt_location ?? 0;
      const end = raw.stmt_len ? start + raw.stmt_len : bytes.length;
      makeStatement(raw.stmt, start, end, 0);
    }
  } else {
    // Split by the scanner's `;` tokens and parse each piece alone: one bad statement leaves the rest analysable.
    // Pieces keep their `;` so the parser's messages read as they would for the whole file. Past an
    // unterminated quote nothing can be split: the last piece runs to the end and fails with that message.
    let pieceStart = 0;
    const pieces: [number, number][] = [];
    for (const token of codeTokens) {
      if (token.text !== SEMICOLON || token.start >= scannedEnd) continue;
      pieces.push([pieceStart, token.end]);
      pieceStart = token.end;
    }
    if (pieceStart < bytes.length && (unterminatedAt !== undefined || codeTokens.some((t) => t.start >= pieceStart))) pieces.push([pieceStart, bytes.length]);
    for (const [start, end] of pieces) {
      const piece = tryParse(bytes.subarray(start, end).toString('utf8'));
      if (piece.ok) {
        for (const raw of piece.stmts) makeStatement(raw.stmt, start + (raw.stmt_location ?? 0), raw.stmt_len ? start + (raw.stmt_location ?? 0) + raw.stmt_len : end, start);
      } else {
        const at = start + Math.min(piece.cursor ?? 0, end - start);
        errors.push({ message: piece.message, range: rangeOfBytes(at, tokenEndAt(codeTokens, at) ?? at) });
      }
    }
  }

  return {
    file,
    statements,
    comments,
    errors,
    tokens,
    rangeOfBytes,
    rangeOfLocation: (statement, location, byteLength = 0) =>
      rangeOfBytes(statement.locationBase + location, statement.locationBase + location + byteLength),
    utf16,
  };
}

/** The scanner rejects a file with an unterminated quote or comment: scan up to where that begins. */
function scanAll(text: string): { tokens: ScanToken[]; unterminatedAt?: number } {
  if (text.trim() === '') return { tokens: [] };
  try {
    return { tokens: scanSync(text).tokens };
  } catch {
    const index = findUnterminated(text) ?? 0;
    const prefix = text.slice(0, index);
    let tokens: ScanToken[] = [];
    try {
      if (prefix.trim() !== '') tokens = scanSync(prefix).tokens;
    } catch {
      // Nothing before the failure could be scanned either: the whole file is one parse error.
    }
    return { tokens, unterminatedAt: Buffer.byteLength(prefix, 'utf8') };
  }
}

const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Where a quoted string, quoted identifier, dollar-quoted body or block comment starts and never ends. */
export function findUnterminated(text: string): number | undefined {
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') (depth++, (j += 2));
        else if (text[j] === '*' && text[j + 1] === '/') (depth--, (j += 2));
        else j++;
      }
      if (depth > 0) return i;
      i = j;
    } else if (ch === "'" || ch === '"') {
      // Backslash escapes only matter in E'' strings; a doubled quote is an escaped quote in both.
      const escapes = ch === "'" && /[eE]/.test(text[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(text[i - 2] ?? '');
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return i;
        if (escapes && text[j] === '\\') j += 2;
        else if (text[j] === ch && text[j + 1] === ch) j += 2;
        else if (text[j] === ch) break;
        else j++;
      }
      i = j + 1;
    } else if (ch === '$' && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(text);
      if (!tag) {
        i++;
        continue;
      }
      const end = text.indexOf(tag[0], i + tag[0].length);
      if (end < 0) return i;
      i = end + tag[0].length;
    } else {
      i++;
    }
  }
  return undefined;
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
    return { ok: false, message: details?.message ?? (error as Error).message, cursor: details?.cursorPosition };
  }
}

/** The first and last code bytes of a statement (the parser's span includes leading blanks and comments). */
function trimToTokens(tokens: ScanToken[], start: number, end: number): [number | undefined, number] {
  let first: number | undefined;
  let last = start;
  for (let i = lowerBound(tokens, start); i < tokens.length && tokens[i].start < end; i++) {
    if (tokens[i].text === SEMICOLON && tokens[i].end >= end) break;
    first ??= tokens[i].start;
    last = Math.min(tokens[i].end, end);
  }
  return [first, last];
}

function tokenEndAt(tokens: ScanToken[], at: number): number | undefined {
  const token = tokens[lowerBound(tokens, at)];
  return token && token.start === at ? token.end : undefined;
}

/** Index of the first token starting at or after `offset` (tokens are sorted). */
export function lowerBound(tokens: ScanToken[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function commentText(raw: string): string {
  return raw.startsWith('--') ? raw.slice(2) : raw.replace(/^\/\*/, '').replace(/\*\/$/, '');
}
