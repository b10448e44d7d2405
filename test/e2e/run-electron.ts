/**
 * The same in-editor suite in desktop VS Code, for machines with internet access (`@vscode/test-electron`
 * downloads VS Code; it is not a dependency of this repository):
 *
 *   npm install --no-save @vscode/test-electron && npm run build && npx tsx test/e2e/run-electron.ts
 */
import * as path from 'node:path';
import { REPO_ROOT } from '../support/project';
import { bundleForExtensionHost, copyExample } from './setup';

async function main(): Promise<void> {
  const suite = path.join(REPO_ROOT, 'test-output', 'electron', 'suite.js');
  await bundleForExtensionHost(path.join('suite', 'index.ts'), suite);
  const workspace = copyExample();
  const testElectron = '@vscode/test-electron';
  const { runTests } = (await import(testElectron)) as { runTests(options: object): Promise<number> };
  await runTests({
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
