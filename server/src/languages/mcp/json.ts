import {
  applyEdits as applyJsonEdits,
  createScanner,
  findNodeAtOffset,
  format,
  modify,
  parseTree,
  SyntaxKind,
  type Edit as JsonEdit,
  type FormattingOptions,
  type JSONPath,
  type Node,
} from 'jsonc-parser';
import type { Range, TextEdit } from '../../engine/finding';
import type { CommentSpan } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';

/** A JSON string value with where it is written: quotes included in `offset`/`length`. */
export interface JsonString {
  value: string;
  /** The whole string, quotes included. */
  range: Range;
  offset: number;
  length: number;
  /** Location in the document, for `jsonc-parser`'s `modify`. */
  path: JSONPath;
}

export function jsonString(file: SourceFile, node: Node | undefined, path: JSONPath): JsonString | undefined {
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return undefined;
  return { value: node.value, range: file.lines.rangeOf(node.offset, node.offset + node.length), offset: node.offset, length: node.length, path };
}

export function propertyNode(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  let found: Node | undefined;
  // The last duplicate wins, as with JSON.parse, which is how clients read these files.
  for (const property of object.children ?? []) if (property.children?.[0]?.value === key) found = property.children[1];
  return found;
}

/**
 * Offsets in the file of the decoded characters `start`..`end` of a string value,
 * so a finding or an edit covers exactly the secret, not its whole string.
 */
function rawSpan(file: SourceFile, str: JsonString, start: number, end: number): { start: number; end: number } {
  const rawStart = str.offset + 1;
  const raw = file.text.slice(rawStart, str.offset + str.length - 1);
  if (raw === str.value) return { start: rawStart + start, end: rawStart + end };
  // Escapes shift offsets: walk the raw text, one decoded character at a time.
  const rawIndexOf: number[] = [];
  for (let i = 0; i < raw.length; ) {
    rawIndexOf.push(i);
    if (raw[i] !== '\\') i++;
    else i += raw[i + 1] === 'u' ? 6 : 2;
  }
  rawIndexOf.push(raw.length);
  const at = (decoded: number) => rawStart + (rawIndexOf[Math.min(decoded, rawIndexOf.length - 1)] ?? raw.length);
  return { start: at(start), end: at(end) };
}

export function substringRange(file: SourceFile, str: JsonString, start: number, end: number): Range {
  const span = rawSpan(file, str, start, end);
  return file.lines.rangeOf(span.start, span.end);
}

/** Replaces decoded characters `start`..`end` of a string value; `newText` must need no JSON escaping. */
export function replaceInString(file: SourceFile, str: JsonString, start: number, end: number, newText: string): TextEdit {
  return { file: file.path, range: substringRange(file, str, start, end), newText };
}

/**
 * Minimal edits setting `path` to `value` (or inserting into an array), in the file's own layout:
 * only the inserted text is formatted (never the neighbours, which could hold a secret), on its own
 * lines in a multi-line object or array, inline in a one-line one. Undefined when the path does not fit.
 */
export function modifyEdits(
  file: SourceFile,
  path: JSONPath,
  value: unknown,
  options: { isArrayInsertion?: boolean } = {},
): TextEdit[] | undefined {
  const text = file.text;
  let edits: JsonEdit[];
  try {
    edits = modify(text, path, value, options);
  } catch {
    // The document's shape does not fit the path (`"headers": []`, `"inputs": {}`): no edit to offer.
    return undefined;
  }
  return edits.map((edit) => ({ file: file.path, range: file.lines.rangeOf(edit.offset, edit.offset + edit.length), newText: laidOut(text, edit) }));
}

function laidOut(text: string, edit: JsonEdit): string {
  const applied = text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
  const end = edit.offset + edit.content.length;
  const inside = format(applied, { offset: edit.offset, length: edit.content.length }, { ...formattingOf(text), keepLines: false })
    .filter((f) => f.offset >= edit.offset && f.offset + f.length <= end);
  const growth = inside.reduce((sum, f) => sum + f.content.length - f.length, 0);
  const formatted = applyJsonEdits(applied, inside).slice(edit.offset, end + growth);
  const lineStart = text.lastIndexOf('\n', edit.offset - 1) + 1;
  const lineEnd = text.indexOf('\n', edit.offset + edit.length);
  const before = text.slice(lineStart, edit.offset);
  const after = text.slice(edit.offset + edit.length, lineEnd < 0 ? text.length : lineEnd);
  const midLine = before.trim() !== '' && after.replace(/^\s*,/, '').trim() !== '';
  return midLine ? formatted.replace(/\s*\n\s*/g, ' ').replace(/^,(?=\S)/, ', ').replace(/,$/, ', ') : formatted;
}

function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** Deepest nesting of objects and arrays, counted without recursion (the parser itself recurses). */
export function nestingDepth(text: string): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  let deepest = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) deepest = Math.max(deepest, ++depth);
    else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth--;
  }
  return deepest;
}

/** `//` and `/* … *\/` comments, for suppressions. */
export function jsoncComments(file: SourceFile): CommentSpan[] {
  const scanner = createScanner(file.text, false);
  const comments: CommentSpan[] = [];
  let codeOnLine = false;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.LineBreakTrivia) codeOnLine = false;
    else if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) {
      const start = scanner.getTokenOffset();
      const end = start + scanner.getTokenLength();
      const inner = token === SyntaxKind.LineCommentTrivia ? file.text.slice(start + 2, end) : file.text.slice(start + 2, end - 2);
      comments.push({ text: inner, range: file.lines.rangeOf(start, end), trailing: codeOnLine });
    } else if (token !== SyntaxKind.Trivia) {
      codeOnLine = true;
    }
  }
  return comments;
}

/**
 * Lines a leading comment covers: the whole property that follows it (a server entry, an `env` block),
 * or just the next line when that is not a property. Undefined when the file cannot be parsed safely.
 */
export function propertyLinesAfter(file: SourceFile, offset: number, maxNesting: number): { startLine: number; endLine: number } | undefined {
  const scanner = createScanner(file.text, true);
  scanner.setPosition(offset);
  if (scanner.scan() !== SyntaxKind.StringLiteral || nestingDepth(file.text) > maxNesting) return undefined;
  const keyOffset = scanner.getTokenOffset();
  const root = parseTree(file.text, [], { allowTrailingComma: true });
  const key = root && findNodeAtOffset(root, keyOffset);
  const property = key?.parent;
  if (property?.type !== 'property' || property.children?.[0] !== key) return undefined;
  return { startLine: file.lines.positionAt(property.offset).line, endLine: file.lines.positionAt(property.offset + property.length).line };
}
