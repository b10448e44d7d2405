import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './project';

/**
 * A rule page: `docs/rules/<domain>/<name>.md`, with `## Bad` and `## Good` sections whose code blocks
 * carry the file they stand for: ```sql file=supabase/migrations/20240101000000_init.sql
 * Several blocks in one section form one project (a browser component and the module it imports).
 */
export interface RuleDoc {
  path: string;
  title: string;
  bad: Record<string, string>;
  good: Record<string, string>;
}

const FENCE = /^```[^\n]*\bfile=(\S+)[^\n]*\n([\s\S]*?)^```\s*$/gm;

export function docPath(ruleId: string): string {
  return path.join(REPO_ROOT, 'docs', 'rules', `${ruleId}.md`);
}

export function readRuleDoc(ruleId: string): RuleDoc | undefined {
  const file = docPath(ruleId);
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  const title = /^# (.+)$/m.exec(text)?.[1] ?? '';
  return { path: file, title, bad: blocksOf(section(text, 'Bad')), good: blocksOf(section(text, 'Good')) };
}

function section(text: string, heading: string): string {
  const start = text.search(new RegExp(`^## ${heading}\\b.*$`, 'm'));
  if (start < 0) return '';
  const rest = text.slice(start + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

function blocksOf(text: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of text.matchAll(FENCE)) files[m[1]] = m[2];
  return files;
}
