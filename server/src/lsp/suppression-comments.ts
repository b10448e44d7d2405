import { registry } from '../engine/registry';
import { SourceFile } from '../engine/source-file';
import { parseSuppressions } from '../engine/suppressions';
import type { Project } from './workspace';

/** How far above a finding a leading comment may go to cover it (the start of a long SQL statement). */
const MAX_LINES_UP = 200;
export const REASON_PLACEHOLDER = '<reason>';

/**
 * Where to insert `supaguard-ignore <rule>: <reason>` so that it covers a finding's line, as the engine reads
 * it: right above the line where a comment covers the next line (code, JSON), or above the statement holding the
 * line where a comment covers the next statement (SQL). Each candidate is checked by parsing the file with the
 * comment inserted, so the answer follows the language's own rule.
 */
export function ignoreLineComment(
  project: Project,
  file: string,
  text: string,
  findingLine: number,
  ruleId: string,
  marker: string,
): { line: number; text: string } {
  const source = new SourceFile(file, project.relativePath(file), text);
  const language = registry.languageOf(source.relativePath, project.config);
  const commentAt = (line: number) => `${/^\s*/.exec(source.lines.lineText(line))![0]}${marker} supaguard-ignore ${ruleId}: ${REASON_PLACEHOLDER}\n`;
  if (language) {
    for (let line = findingLine; line >= Math.max(0, findingLine - MAX_LINES_UP); line--) {
      const comment = commentAt(line);
      const offset = source.lines.lineStart(line);
      const candidate = new SourceFile(file, source.relativePath, text.slice(0, offset) + comment + text.slice(offset));
      const covers = parseSuppressions(language, candidate).some(
        (s) => !s.wholeFile && s.range.start.line === line && s.ruleIds.includes(ruleId) && s.startLine <= findingLine + 1 && findingLine + 1 <= s.endLine,
      );
      if (covers) return { line, text: comment };
    }
  }
  return { line: findingLine, text: commentAt(findingLine) };
}
