import type { ScanToken } from 'libpg-query';
import type { Range } from '../../engine/finding';
import { scanSync } from 'libpg-query';
import type { ParsedSqlFile, SqlStatement } from './parse';

/** Where a name or clause is written: the statement, and the smallest range that shows it. */
export interface SqlLocation {
  statement: SqlStatement;
  range: Range;
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/** A location whose range is worked out only when someone asks (most model objects never make a finding). */
export function lazyLocation(statement: SqlStatement, compute: () => Range): SqlLocation {
  let range: Range | undefined;
  return {
    statement,
    get range() {
      return (range ??= compute());
    },
  };
}

// Scanning costs more than parsing, so only statements that need a name range or a fix are scanned, once
// per parse tree (an unchanged migration keeps its trees).
const tokenCache = new WeakMap<object, ScanToken[]>();

/** The code tokens of a statement (file byte offsets), without comments. */
export function statementTokens(parsed: ParsedSqlFile, statement: SqlStatement): ScanToken[] {
  let tokens = tokenCache.get(statement.node);
  if (!tokens) tokenCache.set(statement.node, (tokens = scanStatement(statement)));
  return tokens;
}

function scanStatement(statement: SqlStatement): ScanToken[] {
  let scanned: ScanToken[];
  try {
    scanned = scanSync(statement.text).tokens;
  } catch {
    return [];
  }
  return scanned
    .filter((t) => !COMMENT_TOKENS.has(t.tokenName))
    .map((t) => ({ ...t, start: t.start + statement.byteStart, end: t.end + statement.byteStart }));
}

/** The range of a possibly qualified name (`public.notes`, `"My Table"`) starting at a file byte offset. */
export function qualifiedNameRange(parsed: ParsedSqlFile, statement: SqlStatement, byteOffset: number): Range {
  const tokens = statementTokens(parsed, statement);
  let index = tokens.findIndex((t) => t.start >= byteOffset);
  // Inside a DO block's body the scanner sees one string: read the name from the text.
  if (index < 0 || tokens[index].start !== byteOffset) return identifierChainAt(parsed, byteOffset);
  const start = tokens[index].start;
  let end = tokens[index].end;
  while (tokens[index + 1]?.text === '.' && tokens[index + 2] && tokens[index + 2].start === tokens[index + 1].end) {
    end = tokens[index + 2].end;
    index += 2;
  }
  return parsed.rangeOfBytes(start, end);
}

/** The range of the name a node `location` points at (a RangeVar's `public.notes`). */
export function nameAtLocation(parsed: ParsedSqlFile, statement: SqlStatement, location: number | undefined): Range {
  if (location === undefined || location < 0) return statement.range;
  return qualifiedNameRange(parsed, statement, statement.locationBase + location);
}

/**
 * The name written after a keyword sequence (`policy`, `function`, `view`), e.g. the policy name of
 * `create policy "own rows" on …`: the smallest span that names the object when the AST has no location.
 */
export function nameAfterKeyword(parsed: ParsedSqlFile, statement: SqlStatement, keywords: readonly string[]): Range {
  const tokens = statementTokens(parsed, statement);
  const index = tokens.findIndex((t) => keywords.includes(t.text.toLowerCase()));
  let nameIndex = index + 1;
  // Skip `if not exists` / `or replace` style words between the keyword and the name.
  while (tokens[nameIndex] && /^(if|not|exists)$/i.test(tokens[nameIndex].text)) nameIndex++;
  if (index < 0 || !tokens[nameIndex]) return statement.range;
  return qualifiedNameRange(parsed, statement, tokens[nameIndex].start);
}

/** The tokens of the parenthesised clause that follows a keyword (`using ( … )`), parentheses excluded. */
export function parenthesisedAfter(
  parsed: ParsedSqlFile,
  statement: SqlStatement,
  keyword: string,
  follow?: string,
): { open: ScanToken; close: ScanToken } | undefined {
  const tokens = statementTokens(parsed, statement);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text.toLowerCase() !== keyword) continue;
    let j = i + 1;
    if (follow) {
      if (tokens[j]?.text.toLowerCase() !== follow) continue;
      j++;
    }
    if (tokens[j]?.text !== '(') continue;
    let depth = 0;
    for (let k = j; k < tokens.length; k++) {
      if (tokens[k].text === '(') depth++;
      else if (tokens[k].text === ')' && --depth === 0) return { open: tokens[j], close: tokens[k] };
    }
  }
  return undefined;
}

/** The text between two file byte offsets. */
export function textBetween(parsed: ParsedSqlFile, byteStart: number, byteEnd: number): string {
  return parsed.file.text.slice(parsed.utf16(byteStart), parsed.utf16(byteEnd));
}

/** The text a range of the file covers. */
export function textOfRange(parsed: ParsedSqlFile, range: Range): string {
  return parsed.file.text.slice(parsed.file.lines.offsetAt(range.start), parsed.file.lines.offsetAt(range.end));
}

const NAME_PART = /"(?:[^"]|"")*"|[\p{L}_][\p{L}\p{N}_$]*/uy;

/** `schema.name` (quoted or not) written at a byte offset, read from the text. */
function identifierChainAt(parsed: ParsedSqlFile, byteOffset: number): Range {
  const text = parsed.file.text;
  const start = parsed.utf16(byteOffset);
  let end = start;
  for (;;) {
    NAME_PART.lastIndex = end;
    const part = NAME_PART.exec(text);
    if (!part) break;
    end = NAME_PART.lastIndex;
    if (text[end] !== '.') break;
    end++;
  }
  if (text[end - 1] === '.') end--;
  return parsed.file.lines.rangeOf(start, end);
}
