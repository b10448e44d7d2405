import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/project';
import { assertNoSecretShown, secretsUnder } from '../support/secret-leaks';

/**
 * Realistic projects written apart from the rule tests (test/fixtures/precision/<name>/), each scanned as users
 * do. Its manifest `<name>.expected.json` lists every finding the scan must give — none for the secure ones —
 * and the secrets the fixture holds that have no recognisable shape; no secret may appear in the output.
 */

interface Manifest {
  findings: { file: string; line: number; ruleId: string }[];
  /** Credentials found by name rather than shape (`RESEND_API_KEY=re_…`), checked like shaped ones. */
  unshapedSecrets?: string[];
}

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'precision');

const projects = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe('precision on realistic projects (CLI scan, JSON)', () => {
  it('has secure and insecure projects to scan', () => {
    assert.ok(projects.some((p) => p.startsWith('secure-')) && projects.some((p) => p.startsWith('insecure-')), projects.join());
  });

  for (const name of projects) {
    it(`${name}: exactly the expected findings, and no secret printed`, () => {
      const projectDir = path.join(FIXTURES, name);
      const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.expected.json`), 'utf8')) as Manifest;
      if (name.startsWith('secure-')) assert.deepEqual(manifest.findings, [], 'a secure project expects no findings');

      const result = runCli(['scan', projectDir, '--format', 'json']);
      assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
      const report = JSON.parse(result.stdout) as { findings: { ruleId: string; file: string; range: { start: { line: number } } }[]; errors: unknown[] };
      assert.deepEqual(report.errors, []);

      const describe = (f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line} ${f.ruleId}`;
      const actual = report.findings.map((f) => describe({ file: f.file, line: f.range.start.line + 1, ruleId: f.ruleId })).sort();
      assert.deepEqual(actual, manifest.findings.map(describe).sort());

      const secrets = secretsUnder(projectDir, manifest.unshapedSecrets);
      if (name.startsWith('insecure-')) assert.ok(secrets.length > 0 || manifest.findings.length > 0);
      assertNoSecretShown(result.stdout + result.stderr, secrets);
    });
  }
});
