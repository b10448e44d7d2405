import * as assert from 'node:assert/strict';
import type { Finding } from '../../server/src/engine/finding';
import { verifyTree, type VerifiedScan } from '../../server/src/verify/run';
import { verifyProject } from '../../server/src/verify/verify';
import { writeProject } from './project';
import { readRuleDoc } from './rule-docs';

/**
 * Verified mode over a project written to a temporary folder, through the same pipeline as
 * `supaguard verify`, with each Supabase project verified in this thread (the CLI uses a worker thread;
 * its own tests cover that).
 */
export async function verifyFiles(files: Record<string, string>, options: { emitPgtap?: boolean } = {}): Promise<VerifiedScan & { root: string }> {
  const root = writeProject(files);
  const verified = await verifyTree({
    root,
    emitPgtap: options.emitPgtap,
    runProject: async (project, projectOptions) => ({ verification: await verifyProject(project, projectOptions) }),
  });
  return { ...verified, root };
}

export function findingsOf(verified: VerifiedScan, ruleId: string): Finding[] {
  return verified.result.findings.filter((f) => f.ruleId === ruleId);
}

/** `line:column ruleId message`, 1-based, for readable assertion failures. */
export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`).join('\n');
}

/** The bad example of a verified rule's page triggers it in verified mode; the good one does not. */
export function verifiedDocExamples(ruleId: string): void {
  describe(`${ruleId} (verified mode, documentation examples)`, function () {
    this.timeout(120_000);
    const doc = readRuleDoc(ruleId);
    it('has a bad example that triggers the rule', async () => {
      assert.ok(doc && Object.keys(doc.bad).length, `docs/rules/${ruleId}.md has no bad example`);
      const found = findingsOf(await verifyFiles(doc.bad), ruleId);
      assert.ok(found.length > 0, 'the bad example gives no finding');
    });
    it('has a good example that does not', async () => {
      assert.ok(doc && Object.keys(doc.good).length, `docs/rules/${ruleId}.md has no good example`);
      assert.equal(describeFindings(findingsOf(await verifyFiles(doc.good), ruleId)), '');
    });
  });
}
