import * as assert from 'node:assert/strict';
import { registry } from '../server/src/engine/registry';
import { findingsOf } from './support/rule-tester';
import { writeProject } from './support/project';
import { readRuleDoc } from './support/rule-docs';

// Every rule has a page, and the page's examples are executed: the bad one must trigger the rule, the good one must not.
describe('rule documentation', () => {
  for (const rule of registry.rules) {
    const id = rule.meta.id;
    describe(id, () => {
      const doc = readRuleDoc(id);
      it('has a page titled with its id', () => {
        assert.ok(doc, `docs/rules/${id}.md is missing`);
        assert.ok(doc.title.startsWith(id), `the page's title should start with ${id}, got "${doc.title}"`);
      });
      const mode = rule.meta.mode ?? 'static';
      // Static rules must show examples; engine rules (meta/*) show them where a file can trigger them.
      if (mode !== 'static' && !(mode === 'engine' && doc && Object.keys(doc.bad).length)) return;
      it('has a bad example that triggers the rule', async () => {
        assert.ok(doc && Object.keys(doc.bad).length, 'no code block with file=… under "## Bad"');
        assert.ok((await findingsOf(id, writeProject(doc.bad))).length > 0, 'the bad example gives no finding');
      });
      it('has a good example that does not', async () => {
        assert.ok(doc && Object.keys(doc.good).length, 'no code block with file=… under "## Good"');
        assert.deepEqual((await findingsOf(id, writeProject(doc.good))).map((f) => f.message), []);
      });
    });
  }
});
