/**
 * The 1-based position of the `occurrence`-th `needle` in `text`, as rule tests expect it:
 * tests name the span they mean instead of counting columns by hand.
 */
export function where(text: string, needle: string, occurrence = 1): { line: number; column: number; endLine: number; endColumn: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const position = (at: number) => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const start = position(offset);
  const end = position(offset + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
