import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';
import { assertNoSecretShown, secretsUnder } from '../support/secret-leaks';

/**
 * Precision and recall of the static SQL rules on realistic migration histories written the ways Supabase
 * projects write them (`supabase db dump` and `db diff` output, hand-written migrations, multi-tenant
 * schemas, storage policies). A project whose `expected.json` is `[]` is secure: it must get nothing.
 * Otherwise each `{file, line, ruleId}` listed must be found, and nothing else.
 */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'precision-sql');
const MIGRATIONS = 'supabase/migrations/';

interface Expected {
  file: string;
  line: number;
  ruleId: string;
}

interface ReportedFinding {
  file: string;
  ruleId: string;
  range: { start: { line: number } };
}

const key = (f: Expected) => `${f.file}:${f.line} ${f.ruleId}`;

describe('SQL rules on realistic migration histories', () => {
  for (const name of fs.readdirSync(FIXTURES).sort()) {
    const project = path.join(FIXTURES, name);
    const expected = (JSON.parse(fs.readFileSync(path.join(project, 'expected.json'), 'utf8')) as Expected[]).map(key).sort();

    it(`${name}: ${expected.length === 0 ? 'a secure history gets no finding' : `exactly the ${expected.length} planted mistakes`}`, () => {
      const { stdout, status } = runCli(['scan', project, '--format', 'json', '--fail-on', 'never']);
      assert.equal(status, 0, stdout);
      const findings = JSON.parse(stdout).findings as ReportedFinding[];
      const found = findings
        .map((f) => ({ file: f.file.startsWith(MIGRATIONS) ? f.file.slice(MIGRATIONS.length) : f.file, line: f.range.start.line + 1, ruleId: f.ruleId }))
        .map(key)
        .sort();
      assert.deepEqual(found, expected);

      assertNoSecretShown(stdout, secretsUnder(project));
    });
  }
});
