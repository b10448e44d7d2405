import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/engine/finding';
import { applyFix } from '../../server/src/engine/fixes';
import { scan } from '../../server/src/engine/scan';
import { writeProject } from './project';

/**
 * Table tests for one rule, in the typescript-eslint style: `valid` projects give no finding of the rule,
 * `invalid` ones give exactly the expected findings, and each expected fix, applied, gives the expected
 * text and re-lints clean of the rule.
 *
 * Lines and columns are 1-based, as in the text output and in editors' status bars.
 */
export interface ProjectCase {
  name: string;
  /** Root-relative path → content. A `supaguard.jsonc` among them is the project's config. */
  files: Record<string, string>;
}

export interface ExpectedFinding {
  /** Root-relative; defaults to the only file of the case, or the first one. */
  file?: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Finding['severity'];
  /** Substrings the message must contain. */
  message?: string | string[];
  /** The fix to apply (by title substring, default the first), and the texts it must produce. */
  fix?: { title?: string; safe?: boolean; output: Record<string, string> };
  /** Related locations' root-relative files, in order. */
  related?: string[];
}

export interface InvalidCase extends ProjectCase {
  findings: ExpectedFinding[];
}

export function ruleTester(ruleId: string, cases: { valid: ProjectCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, async () => {
          const found = await findingsOf(ruleId, writeProject(c.files));
          assert.deepEqual(found.map(describeFinding), [], 'expected no finding');
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, async () => {
          const root = writeProject(c.files);
          const found = await findingsOf(ruleId, root);
          assert.equal(found.length, c.findings.length, `expected ${c.findings.length} finding(s), got:\n${found.map(describeFinding).join('\n')}`);
          for (const [i, expected] of c.findings.entries()) await checkFinding(found[i], expected, c, root, ruleId);
        });
      }
    });
  });
}

export async function findingsOf(ruleId: string, root: string): Promise<Finding[]> {
  return (await scan({ root })).findings.filter((f) => f.ruleId === ruleId);
}

function describeFinding(f: Finding): string {
  return `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`;
}

async function checkFinding(actual: Finding, expected: ExpectedFinding, c: InvalidCase, root: string, ruleId: string): Promise<void> {
  const file = expected.file ?? Object.keys(c.files).find((f) => f !== 'supaguard.jsonc')!;
  const where = describeFinding(actual);
  assert.equal(path.posix.relative(root, actual.file), file, where);
  assert.equal(actual.range.start.line + 1, expected.line, `line of ${where}`);
  if (expected.column !== undefined) assert.equal(actual.range.start.character + 1, expected.column, `column of ${where}`);
  if (expected.endLine !== undefined) assert.equal(actual.range.end.line + 1, expected.endLine, `end line of ${where}`);
  if (expected.endColumn !== undefined) assert.equal(actual.range.end.character + 1, expected.endColumn, `end column of ${where}`);
  if (expected.severity) assert.equal(actual.severity, expected.severity, where);
  for (const part of [expected.message ?? []].flat()) assert.ok(actual.message.includes(part), `message of ${where} lacks "${part}"`);
  if (expected.related) {
    assert.deepEqual((actual.related ?? []).map((r) => path.posix.relative(root, r.file)), expected.related, `related of ${where}`);
  }
  if (expected.fix) await checkFix(actual, expected.fix, root, ruleId);
}

async function checkFix(actual: Finding, expected: NonNullable<ExpectedFinding['fix']>, root: string, ruleId: string): Promise<void> {
  const fix = (actual.fixes ?? []).find((f) => !expected.title || f.title.includes(expected.title));
  assert.ok(fix, `no fix${expected.title ? ` titled "${expected.title}"` : ''} on ${describeFinding(actual)}`);
  if (expected.safe !== undefined) assert.equal(fix.safe, expected.safe, `safety of fix "${fix.title}"`);
  const texts = new Map<string, string>();
  for (const edit of fix.edits) texts.set(edit.file, fs.readFileSync(edit.file, 'utf8'));
  for (const [file, text] of applyFix(texts, fix)) fs.writeFileSync(file, text);
  for (const [relative, text] of Object.entries(expected.output)) {
    assert.equal(fs.readFileSync(path.join(root, relative), 'utf8'), text, `text of ${relative} after "${fix.title}"`);
  }
  const remaining = (await findingsOf(ruleId, root)).filter((f) => f.file === actual.file && f.range.start.line === actual.range.start.line);
  assert.deepEqual(remaining.map(describeFinding), [], `"${fix.title}" left the finding in place`);
}
