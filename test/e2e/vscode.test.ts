import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../support/project';
import { packageExtension, unpackExtension } from '../support/vsix';
import { bundleForExtensionHost, copyExample } from './setup';
import { ensureCodeServer, startCodeServer, type RunningCodeServer } from './code-server';
import type { InnerResult } from './suite';

/**
 * End to end in a real VS Code: the packaged extension (.vsix, unpacked) and a harness extension that runs
 * `suite/` inside code-server's extension host, opened in headless Chromium. Each inner test is reported
 * here; a screenshot goes to test-output/.
 */

const WORK = path.join(REPO_ROOT, 'test-output', 'e2e');
const RESULTS_TIMEOUT_MS = 5 * 60_000;

describe('VS Code end to end (code-server + Chromium)', function () {
  this.timeout(20 * 60_000);
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let results: InnerResult[] = [];

  before(async function () {
    const install = ensureCodeServer();
    fs.rmSync(WORK, { recursive: true, force: true });
    const extensionsDir = path.join(WORK, 'extensions');
    const resultsDir = path.join(WORK, 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    await installPackagedExtension(extensionsDir);
    await installHarness(path.join(extensionsDir, 'supaguard-tests.e2e-harness-0.0.1'));
    const workspace = copyExample();

    server = await startCodeServer({ install, workDir: WORK, extensionsDir, env: { SUPAGUARD_E2E_RESULTS: resultsDir } });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The extension host starts when a window connects.
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    results = await waitForResults(path.join(resultsDir, 'results.json'), () => server!.process.exitCode);
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-output', 'vscode-e2e.png') });

    // Mocha runs tests added while `before` runs: one per inner test.
    for (const result of results) {
      this.test!.parent!.addTest(
        new Mocha.Test(result.title, () => {
          if (result.state === 'failed') throw Object.assign(new Error(result.error), { stack: result.error });
        }),
      );
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('ran the inner suite inside the extension host', () => {
    assert.ok(results.length >= 4, `inner results: ${JSON.stringify(results.map((r) => r.title))}\n${server?.output().slice(-3000)}`);
  });
});

/** Packs the extension as users get it and unpacks it into the extensions folder. */
async function installPackagedExtension(extensionsDir: string): Promise<void> {
  const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
  await unpackExtension(packageExtension(WORK), path.join(extensionsDir, `supaguard.supaguard-${version}`));
}

/** The harness extension: its manifest and the suite bundled into one file. */
async function installHarness(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'harness', 'package.json'), path.join(dir, 'package.json'));
  await bundleForExtensionHost(path.join('harness', 'extension.ts'), path.join(dir, 'extension.js'));
}

/** Watches the results folder until the harness writes its file (or code-server dies, or time runs out). */
function waitForResults(file: string, exitCode: () => number | null): Promise<InnerResult[]> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      clearInterval(liveness);
      watcher.close();
      if (error) reject(error);
      else resolve(JSON.parse(fs.readFileSync(file, 'utf8')));
    };
    const watcher = fs.watch(path.dirname(file), () => {
      if (fs.existsSync(file)) finish();
    });
    const liveness = setInterval(() => {
      if (exitCode() !== null) finish(new Error(`code-server exited with ${exitCode()}`));
    }, 1000);
    const timer = setTimeout(() => finish(new Error('no results from the extension host in time')), RESULTS_TIMEOUT_MS);
    if (fs.existsSync(file)) finish();
  });
}
