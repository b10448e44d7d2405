import type { Fix, TextEdit } from './finding';
import { LineIndex } from './text';

/** Applies edits of one file to its text; edits must not overlap. */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lines = new LineIndex(text);
  const resolved = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let previousStart = Number.POSITIVE_INFINITY;
  for (const edit of resolved) {
    if (edit.end > previousStart) throw new Error('overlapping edits');
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
    previousStart = edit.start;
  }
  return out;
}

/** Applies a fix to a set of file texts (path → text), returning the changed texts. */
export function applyFix(texts: ReadonlyMap<string, string>, fix: Fix): Map<string, string> {
  const out = new Map(texts);
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) out.set(file, applyEdits(out.get(file) ?? '', edits));
  return out;
}

/**
 * Picks, for fix-all, the safe fixes of a file whose edits do not overlap one another,
 * in the order given (the first fix of a conflicting pair wins; a later pass can apply the rest).
 */
export function nonOverlappingSafeEdits(fixes: readonly Fix[], file: string, text: string): TextEdit[] {
  const lines = new LineIndex(text);
  const taken: { start: number; end: number }[] = [];
  const chosen: TextEdit[] = [];
  for (const fix of fixes) {
    if (!fix.safe || fix.edits.some((e) => e.file !== file)) continue;
    const spans = fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }));
    const clashes = spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end || (s.start === s.end && s.start === t.start)));
    if (clashes) continue;
    taken.push(...spans);
    chosen.push(...fix.edits);
  }
  return chosen;
}
