import * as path from 'node:path';
import { installRoot } from './install-root';

/** Where rule documentation is published; links in diagnostics and SARIF point here. */
export const DOCS_BASE_URL = 'https://github.com/supaguard/supaguard/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** The rule's Markdown page in this installation (for offline viewing). */
export function docsFile(ruleId: string): string {
  return path.join(installRoot(), 'docs', 'rules', `${ruleId}.md`);
}
