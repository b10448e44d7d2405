import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { docsFile, docsUrl } from '../../server/src/engine/docs';

/** Opens a rule's page shipped with the extension as a Markdown preview (the published page if it is missing). */
export async function showDocumentation(ruleId: string): Promise<void> {
  if (!/^[a-z]+\/[a-z0-9-]+$/.test(ruleId)) return;
  const page = docsFile(ruleId);
  if (fs.existsSync(page)) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(page));
  else await vscode.env.openExternal(vscode.Uri.parse(docsUrl(ruleId)));
}
