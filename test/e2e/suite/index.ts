import Mocha from 'mocha';

/** One inner test's outcome, as the harness writes it for the outer test process. */
export interface InnerResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

/**
 * Runs a suite inside VS Code's extension host and returns each test's outcome: `editor` (the default) in a
 * trusted workspace, `restricted` in Restricted Mode.
 */
export function runSuite(suite = process.env.SUPAGUARD_E2E_SUITE ?? 'editor'): Promise<InnerResult[]> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, reporter: 'spec', color: false });
  mocha.suite.emit('pre-require', globalThis, suite, mocha);
  // Loaded after `pre-require`, so `describe` and `it` are defined when the file runs.
  if (suite === 'restricted') {
    require('./restricted-tests');
  } else {
    require('./editor-tests');
    require('./agent-commands-tests');
  }
  const results: InnerResult[] = [];
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(results));
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('fail', (test, error: Error) =>
      results.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) }),
    );
  });
}

/** The `extensionTestsPath` contract of `@vscode/test-electron`: reject when a test failed. */
export async function run(): Promise<void> {
  const failed = (await runSuite()).filter((r) => r.state === 'failed');
  if (failed.length) throw new Error(`${failed.length} test(s) failed:\n${failed.map((f) => `${f.title}\n${f.error}`).join('\n')}`);
}
