import * as fs from 'node:fs';
import * as path from 'node:path';
import { runSuite } from '../suite';

/**
 * code-server has no `--extensionTestsPath`: this extension runs the suite when the editor has started and
 * writes the results where the outer test process waits for them.
 */
export async function activate(): Promise<void> {
  const resultsDir = process.env.SUPAGUARD_E2E_RESULTS;
  if (!resultsDir) return;
  let results;
  try {
    results = await runSuite();
  } catch (error) {
    results = [{ title: 'inner suite', state: 'failed', durationMs: 0, error: (error as Error).stack ?? String(error) }];
  }
  const file = path.join(resultsDir, 'results.json');
  // Written whole, then renamed: the outer process never reads half a file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
