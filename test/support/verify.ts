import type { Finding } from '../../server/src/engine/finding';
import { verifyTree, type VerifiedScan } from '../../server/src/verify/run';
import { verifyProject } from '../../server/src/verify/verify';
import { writeProject } from './project';

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
