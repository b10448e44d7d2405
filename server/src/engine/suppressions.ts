import type { Finding, Range } from './finding';
import type { CommentSpan, Language } from './language';
import type { SourceFile } from './source-file';

/** `supaguard-ignore <ids>: <reason>` (before a statement or at a line's end) or `supaguard-ignore-file <ids>: <reason>`. */
export interface Suppression {
  file: string;
  ruleIds: string[];
  reason: string | undefined;
  wholeFile: boolean;
  /** Lines covered (inclusive); the whole file when `wholeFile`. */
  startLine: number;
  endLine: number;
  /** Where the comment is, for meta findings and the editor. */
  range: Range;
  /** Rule ids that suppressed at least one finding. */
  used: Set<string>;
}

const DIRECTIVE = /^\s*supaguard-ignore(-file)?\b(.*)$/s;
const RULE_LIST = /^\s*([a-z]+\/[a-z0-9-]+(?:\s*,\s*[a-z]+\/[a-z0-9-]+)*)\s*(?::\s*(.*))?$/s;

export function parseSuppressions(language: Language, file: SourceFile): Suppression[] {
  const found: Suppression[] = [];
  const comments = language.comments(file);
  for (const comment of comments) {
    const directive = DIRECTIVE.exec(comment.text);
    if (!directive) continue;
    const wholeFile = Boolean(directive[1]);
    const list = RULE_LIST.exec(directive[2]);
    const ruleIds = list ? list[1].split(',').map((id) => id.trim()) : [];
    const reason = list?.[2]?.replace(/\*\/\s*$/, '').trim() || undefined;
    const scope = wholeFile
      ? { startLine: 0, endLine: Number.MAX_SAFE_INTEGER }
      : scopeOf(language, file, comment, comments);
    found.push({ file: file.path, ruleIds, reason, wholeFile, ...scope, range: comment.range, used: new Set() });
  }
  return found;
}

function scopeOf(
  language: Language,
  file: SourceFile,
  comment: CommentSpan,
  comments: CommentSpan[],
): { startLine: number; endLine: number } {
  const line = comment.range.start.line;
  if (comment.trailing) return { startLine: line, endLine: line };
  const custom = language.suppressionScope?.(file, comment);
  if (custom) return custom;
  const commentLines = new Set<number>();
  for (const c of comments) {
    for (let l = c.range.start.line; l <= c.range.end.line; l++) if (!c.trailing) commentLines.add(l);
  }
  for (let l = comment.range.end.line + 1; l < file.lines.lineCount; l++) {
    if (file.lines.lineText(l).trim() !== '' && !commentLines.has(l)) return { startLine: l, endLine: l };
  }
  return { startLine: line, endLine: line };
}

/** Whether a suppression hides a finding; marks it used when it does. */
export function suppresses(suppression: Suppression, finding: Finding, ruleIdsOfFinding: readonly string[]): boolean {
  if (suppression.file !== finding.file) return false;
  const line = finding.range.start.line;
  if (line < suppression.startLine || line > suppression.endLine) return false;
  const id = suppression.ruleIds.find((r) => ruleIdsOfFinding.includes(r));
  if (!id) return false;
  suppression.used.add(id);
  return true;
}
