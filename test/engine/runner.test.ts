import * as assert from 'node:assert/strict';
import { defaultConfig, parseConfig } from '../../server/src/engine/config';
import { discoverFiles } from '../../server/src/engine/discovery';
import { Registry } from '../../server/src/engine/registry';
import type { Rule } from '../../server/src/engine/rule';
import { lint } from '../../server/src/engine/runner';
import { allRules } from '../../server/src/rules';
import { envLanguage, type EnvUnit } from '../../server/src/languages/env';
import { writeProject } from '../support/project';
import { SB_SECRET_KEY } from '../support/keys';

// The runner with the real env language and two small rules of the test's own: one that reports every
// variable named DEBUG*, one that always throws. They exercise the engine's contract, not any product rule.
const reportsDebug: Rule<EnvUnit> = {
  meta: { id: 'env/test-debug-flag', defaultSeverity: 'warning', description: 'test rule' },
  language: 'env',
  check({ unit, report }) {
    for (const entry of unit.model.entries) {
      if (entry.key.startsWith('DEBUG')) report({ message: `${entry.key} is set to ${entry.value}`, range: entry.keyRange });
    }
  },
};
const throws: Rule<EnvUnit> = {
  meta: { id: 'env/test-throws', defaultSeverity: 'error', description: 'test rule' },
  language: 'env',
  check() {
    throw new Error('boom');
  },
};
const registry = new Registry([reportsDebug as Rule, throws as Rule, ...allRules.filter((r) => r.language === 'meta')], [envLanguage as never]);

function run(files: Record<string, string>, configText?: string) {
  const root = writeProject(files);
  const config = configText ? parseConfig(configText, `${root}/supaguard.jsonc`) : defaultConfig();
  const { files: sources } = discoverFiles(root, config, { registry });
  return lint({ root, config, files: sources, registry }).findings.map((f) => ({ ...f, file: f.file.slice(root.length + 1) }));
}

describe('runner', () => {
  it('reports a throwing rule as meta/internal-error on the file and keeps the other rules', () => {
    const findings = run({ '.env': 'DEBUG_SQL=true\n' });
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['env/test-debug-flag', 'meta/internal-error']);
    const internal = findings.find((f) => f.ruleId === 'meta/internal-error')!;
    assert.match(internal.message, /env\/test-throws failed.*boom/);
  });

  it('applies severities and "off" from the config, and path overrides', () => {
    const config = `{
      // comments and trailing commas are fine
      "rules": { "env/test-throws": "off", "env/test-debug-flag": "error", },
      "overrides": [{ "files": ["apps/legacy/**"], "rules": { "env/test-debug-flag": "off" } }]
    }`;
    const findings = run({ '.env': 'DEBUG=1\n', 'apps/legacy/.env': 'DEBUG=1\n' }, config);
    assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.severity]), [['.env', 'env/test-debug-flag', 'error']]);
  });

  it('honours line and file suppressions with reasons, and reports missing reasons and unused ones', () => {
    const findings = run(
      {
        '.env': [
          '# supaguard-ignore env/test-debug-flag: local tracing only',
          'DEBUG_SQL=true',
          'DEBUG_HTTP=true # supaguard-ignore env/test-debug-flag',
          '# supaguard-ignore env/test-debug-flag: nothing to hide here',
          'PORT=3000',
          'DEBUG_AUTH=true',
        ].join('\n'),
      },
      '{ "rules": { "env/test-throws": "off" } }',
    );
    assert.deepEqual(
      findings.map((f) => [f.range.start.line + 1, f.ruleId]),
      [
        [3, 'meta/suppression-without-reason'],
        [4, 'meta/unused-suppression'],
        [6, 'env/test-debug-flag'],
      ],
    );
  });

  it('suppresses a whole file and flags unknown rule ids', () => {
    const findings = run(
      { '.env': '# supaguard-ignore-file env/test-debug-flag, env/no-such-rule: test fixtures\nDEBUG=1\nDEBUG_X=2\n' },
      '{ "rules": { "env/test-throws": "off" } }',
    );
    assert.deepEqual(findings.map((f) => [f.ruleId, f.message]), [['meta/unused-suppression', 'Unknown rule id env/no-such-rule in a supaguard-ignore comment.']]);
  });

  it('never prints a secret, whatever a rule puts in its message', () => {
    const findings = run({ '.env': `DEBUG_KEY=${SB_SECRET_KEY}\n` }, '{ "rules": { "env/test-throws": "off" } }');
    assert.equal(findings.length, 1);
    assert.ok(!findings[0].message.includes(SB_SECRET_KEY.slice(0, 7)), findings[0].message);
    assert.match(findings[0].message, /sb_sec…/);
  });

  it('skips binary and oversized files with a clear message', () => {
    const root = writeProject({ '.env': 'A=1\u0000\u0001' });
    const { files, skipped } = discoverFiles(root, defaultConfig(), { registry });
    assert.equal(files.length, 0);
    assert.deepEqual(skipped, [{ file: '.env', message: 'skipped: binary content (NUL bytes), not text' }]);
  });

  it('skips node_modules, .git, build output and config ignore globs', () => {
    const root = writeProject({
      '.env': 'DEBUG=1',
      'node_modules/pkg/.env': 'DEBUG=1',
      '.next/.env': 'DEBUG=1',
      'fixtures/.env': 'DEBUG=1',
    });
    const config = parseConfig('{ "ignore": ["fixtures/**"] }', `${root}/supaguard.jsonc`);
    assert.deepEqual(discoverFiles(root, config, { registry }).files.map((f) => f.relativePath), ['.env']);
  });
});
