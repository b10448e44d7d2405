import type { Range } from '../../engine/finding';
import type { CommentSpan } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';

export interface EnvEntry {
  key: string;
  /** The value after unquoting (escapes of double quotes expanded). */
  value: string;
  keyRange: Range;
  /** The value as written, quotes included; empty at the `=` when there is no value. */
  valueRange: Range;
  quote: '"' | "'" | '`' | undefined;
  exported: boolean;
}

export interface EnvModel {
  entries: EnvEntry[];
  comments: CommentSpan[];
}

const ASSIGNMENT = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

/** Parses dotenv syntax the way `dotenv` reads it: `export` lines, quotes, multi-line double quotes, `#` comments. */
export function parseEnv(file: SourceFile): EnvModel {
  const text = file.text;
  const entries: EnvEntry[] = [];
  const comments: CommentSpan[] = [];
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = indexOrEnd(text, '\n', offset);
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment) {
      const hash = line.search(/\S/);
      if (hash >= 0 && line[hash] === '#') comments.push(commentAt(file, offset + hash + 1, offset + line.length, false));
      offset = lineEnd + 1;
      continue;
    }
    const keyStart = offset + assignment[1].length + (assignment[2]?.length ?? 0);
    const valueStart = offset + assignment[0].length;
    const quote = text[valueStart];
    let value: string;
    let valueEnd: number;
    let next: number;
    if (quote === '"' || quote === "'" || quote === '`') {
      const close = text.indexOf(quote, valueStart + 1);
      const closed = close >= 0 && (quote === '"' || quote === '`' || close < lineEnd);
      valueEnd = closed ? close + 1 : lineEnd;
      const raw = text.slice(valueStart + 1, closed ? close : lineEnd).replace(/\r$/, '');
      value = quote === '"' ? raw.replace(/\\n/g, '\n').replace(/\\"/g, '"') : raw;
      next = indexOrEnd(text, '\n', valueEnd) + 1;
      const rest = text.slice(valueEnd, next - 1);
      const hash = rest.indexOf('#');
      if (hash >= 0) comments.push(commentAt(file, valueEnd + hash + 1, valueEnd + rest.replace(/\r$/, '').length, true));
    } else {
      const rest = line.slice(assignment[0].length);
      const inlineComment = rest.search(/(^|[ \t])#/);
      const rawValue = inlineComment >= 0 ? rest.slice(0, inlineComment) : rest;
      value = rawValue.trimEnd();
      valueEnd = valueStart + value.length;
      if (inlineComment >= 0) {
        const hashAt = valueStart + rest.indexOf('#', inlineComment);
        comments.push(commentAt(file, hashAt + 1, offset + line.length, true));
      }
      next = lineEnd + 1;
    }
    entries.push({
      key: assignment[3],
      value,
      keyRange: file.lines.rangeOf(keyStart, keyStart + assignment[3].length),
      valueRange: file.lines.rangeOf(valueStart, valueEnd),
      quote: quote === '"' || quote === "'" || quote === '`' ? quote : undefined,
      exported: Boolean(assignment[2]),
    });
    offset = next;
  }
  return { entries, comments };
}

function indexOrEnd(text: string, search: string, from: number): number {
  const i = text.indexOf(search, from);
  return i < 0 ? text.length : i;
}

function commentAt(file: SourceFile, start: number, end: number, trailing: boolean): CommentSpan {
  return { text: file.text.slice(start, end), range: file.lines.rangeOf(start - 1, end), trailing };
}
