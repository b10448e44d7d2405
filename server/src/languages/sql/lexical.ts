/**
 * The lexical layout of SQL text that the parse tree does not give: where comments are, where top-level
 * `;` are, and where an unterminated quote or comment begins. It follows Postgres's scanner rules for
 * quoting (`'…'` with `''`, `E'…'` with backslashes, `"…"`, `$tag$…$tag$`, nested block comments, `--` to
 * the end of the line) and runs over UTF-8 bytes so offsets match the parser's. Scanning every token with the WebAssembly
 * scanner costs about four parses per file; this pass is what makes re-linting an open migration cheap.
 */
export interface CommentByteSpan {
  start: number;
  end: number;
  /** Code precedes the comment on its line. */
  trailing: boolean;
}

export interface LexicalLayout {
  comments: CommentByteSpan[];
  /** Byte offsets of `;` outside quotes and comments. */
  semicolons: number[];
  /** Where a quote, dollar quote or block comment opens and never closes. */
  unterminatedAt?: number;
  /** psql meta-commands (`\set`, `\i`): a backslash opening a line, to the end of that line. */
  metaCommands: { start: number; end: number }[];
}

const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const DOLLAR = 0x24;
const DASH = 0x2d;
const SLASH = 0x2f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const SEMICOLON = 0x3b;

export function isIdentifierByte(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte >= 0x80);
}

export function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c || byte === 0x0b;
}

export function lexicalLayout(bytes: Uint8Array): LexicalLayout {
  const comments: CommentByteSpan[] = [];
  const semicolons: number[] = [];
  const metaCommands: LexicalLayout['metaCommands'] = [];
  let lineStart = 0;
  let lastCode = -1;
  let i = 0;
  const n = bytes.length;
  const newlinesUpTo = (end: number) => {
    for (let k = i; k < end; k++) if (bytes[k] === NEWLINE) lineStart = k + 1;
  };
  while (i < n) {
    const byte = bytes[i];
    if (byte === DASH && bytes[i + 1] === DASH) {
      let end = i + 2;
      while (end < n && bytes[end] !== NEWLINE) end++;
      comments.push({ start: i, end: end > i && bytes[end - 1] === 0x0d ? end - 1 : end, trailing: lastCode >= lineStart });
      i = end;
    } else if (byte === BACKSLASH && lastCode < lineStart) {
      let end = i + 1;
      while (end < n && bytes[end] !== NEWLINE) end++;
      metaCommands.push({ start: i, end: end > i && bytes[end - 1] === 0x0d ? end - 1 : end });
      i = end;
    } else if (byte === SLASH && bytes[i + 1] === STAR) {
      let depth = 1;
      let end = i + 2;
      while (end < n && depth > 0) {
        if (bytes[end] === SLASH && bytes[end + 1] === STAR) (depth++, (end += 2));
        else if (bytes[end] === STAR && bytes[end + 1] === SLASH) (depth--, (end += 2));
        else end++;
      }
      if (depth > 0) return { comments, semicolons, unterminatedAt: i, metaCommands };
      comments.push({ start: i, end, trailing: lastCode >= lineStart });
      newlinesUpTo(end);
      i = end;
    } else if (byte === QUOTE || byte === DOUBLE_QUOTE) {
      // Backslash escapes apply only to E'…' strings; a doubled quote is an escaped quote in every kind.
      const escapes = byte === QUOTE && (bytes[i - 1] === 0x45 || bytes[i - 1] === 0x65) && !isIdentifierByte(bytes[i - 2]);
      let end = i + 1;
      for (;;) {
        if (end >= n) return { comments, semicolons, unterminatedAt: i, metaCommands };
        if (escapes && bytes[end] === BACKSLASH) end += 2;
        else if (bytes[end] === byte && bytes[end + 1] === byte) end += 2;
        else if (bytes[end] === byte) break;
        else end++;
      }
      newlinesUpTo(end);
      lastCode = end;
      i = end + 1;
    } else if (byte === DOLLAR && !isIdentifierByte(bytes[i - 1])) {
      let tagEnd = i + 1;
      while (tagEnd < n && isIdentifierByte(bytes[tagEnd]) && !(tagEnd === i + 1 && bytes[tagEnd] >= 0x30 && bytes[tagEnd] <= 0x39)) tagEnd++;
      if (bytes[tagEnd] !== DOLLAR) {
        // `$1` and friends: a parameter, not a quote.
        lastCode = i;
        i++;
        continue;
      }
      const tag = bytes.subarray(i, tagEnd + 1);
      const close = indexOfBytes(bytes, tag, tagEnd + 1);
      if (close < 0) return { comments, semicolons, unterminatedAt: i, metaCommands };
      const end = close + tag.length;
      newlinesUpTo(end);
      lastCode = end - 1;
      i = end;
    } else {
      if (byte === NEWLINE) lineStart = i + 1;
      else if (!isBlank(byte)) {
        lastCode = i;
        if (byte === SEMICOLON) semicolons.push(i);
      }
      i++;
    }
  }
  return { comments, semicolons, metaCommands };
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(needle, from);
}
