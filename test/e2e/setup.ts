import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../support/project';

/**
 * Bundles an entry of the in-editor suite into one CommonJS file for the extension host; `vscode` comes from
 * the host and `mocha` from the repository's node_modules (the output must live under the repository).
 */
export async function bundleForExtensionHost(entry: string, outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(__dirname, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** The example project, copied so the quick-fix edits a scratch copy. */
export function copyExample(): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'supaguard-e2e-workspace-'));
  fs.cpSync(path.join(REPO_ROOT, 'examples', 'insecure-app'), target, { recursive: true });
  return fs.realpathSync(target);
}
