import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSecrets } from '../../server/src/engine/secrets';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';

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

/** Every file of a fixture project, recursively. */
function filesOf(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesOf(full) : [full];
  });
}

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

      for (const file of filesOf(project)) {
        for (const secret of findSecrets(fs.readFileSync(file, 'utf8')).filter((s) => s.class === 'secret')) {
          // At most the first 6 characters may be shown: no 7-character stretch of the secret is printed.
          for (let at = 0; at + 7 <= secret.value.length; at++) {
            assert.ok(!stdout.includes(secret.value.slice(at, at + 7)), `${secret.label} from ${path.basename(file)} is printed`);
          }
        }
      }
    });
  }
});
