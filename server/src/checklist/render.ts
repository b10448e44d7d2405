import { docsUrl } from '../engine/docs';
import type { Checklist, ChecklistItem } from './index';

const LABEL = { pass: 'PASS', fail: 'FAIL', manual: 'CHECK BY HAND' } as const;

/** The checklist as a Markdown report: a summary line, then each item with its findings or what to check. */
export function checklistMarkdown(checklist: Checklist): string {
  const { pass, fail, manual } = checklist.counts;
  const lines = [
    '# Supaguard production checklist',
    '',
    `${fail} failing, ${pass} passing, ${manual} to check by hand (${checklist.files} file${checklist.files === 1 ? '' : 's'} scanned).`,
    '',
  ];
  for (const item of checklist.items) lines.push(...itemLines(item), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function itemLines(item: ChecklistItem): string[] {
  const lines = [`## ${item.status === 'pass' ? '[x]' : '[ ]'} ${item.title} — ${LABEL[item.status]}`, '', item.summary];
  if (item.findings.length) {
    lines.push('');
    for (const f of item.findings) {
      lines.push(`- \`${f.file}:${f.line}\` ${f.severity} [${f.ruleId}](${docsUrl(f.ruleId)}): ${escapeMarkdown(f.message)}`);
    }
  }
  if (item.manual) lines.push('', `To check by hand: ${item.manual}`);
  return lines;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
