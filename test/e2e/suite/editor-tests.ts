import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ruleOf, SOURCE, supaguardDiagnostics, whenDiagnostics } from './diagnostics';

/**
 * Runs inside VS Code's extension host (code-server here, `@vscode/test-electron` elsewhere) with the example
 * project (`examples/insecure-app`) open. Waits on diagnostic events, never on fixed sleeps.
 */

const EXTENSION_ID = 'supaguard.supaguard';

describe('Supaguard in VS Code', () => {
  let migration: vscode.Uri;

  it('activates for the example project', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.ok(extension.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['supaguard.scanWorkspace', 'supaguard.exportSarif']) assert.ok(commands.includes(command), command);
  });

  it('scans the workspace with the palette command and reports files that are not open', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; findings: { error: number } }>('supaguard.scanWorkspace');
    assert.ok(summary.files > 0, 'files were linted');
    assert.ok(summary.findings.error > 0, 'the insecure example has errors');
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const reported = await whenDiagnostics(() => {
      const files = vscode.languages.getDiagnostics().filter(([uri, list]) => !open.has(uri.toString()) && list.some((d) => d.source === SOURCE));
      return files.length ? files : undefined;
    }, 'workspace diagnostics');
    assert.ok(reported.length > 0);
  });

  it('shows diagnostics with rule ids and documentation links in an open migration, updated as you type', async () => {
    const unprotected = vscode.languages
      .getDiagnostics()
      .filter(([uri, list]) => /\/supabase\/migrations\/[^/]+\.sql$/.test(uri.path) && list.some((d) => ruleOf(d) === 'sql/rls-disabled'))
      .map(([uri]) => uri)
      .sort((a, b) => a.path.localeCompare(b.path));
    assert.ok(unprotected.length > 0, 'the example has a migration with a table without RLS');
    migration = unprotected[0];
    const editor = await vscode.window.showTextDocument(migration);
    const [finding] = supaguardDiagnostics(migration).filter((d) => ruleOf(d) === 'sql/rls-disabled');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
    const code = finding.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/rules\/sql\/rls-disabled\.md$/);

    // A new table typed at the end of the file is reported without saving.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\ncreate table public.drafts (id bigint primary key, body text);\n'));
    const newLine = editor.document.lineCount - 2;
    await whenDiagnostics(
      () => (supaguardDiagnostics(migration).some((d) => ruleOf(d) === 'sql/rls-disabled' && d.range.start.line === newLine) ? true : undefined),
      'a finding on the table typed in',
    );
  });

  it('applies the preferred quick-fix through the code action provider', async () => {
    const before = supaguardDiagnostics(migration).filter((d) => ruleOf(d) === 'sql/rls-disabled');
    const target = before.sort((a, b) => a.range.start.line - b.range.start.line)[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', migration, target.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /ignore sql\/rls-disabled on this line/i.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /documentation/i.test(t)), titles.join(' | '));
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix, `a preferred quick-fix among: ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const document = await vscode.workspace.openTextDocument(migration);
    assert.match(document.getText(), /alter table .* enable row level security;/i);
    await whenDiagnostics(
      () => (supaguardDiagnostics(migration).filter((d) => ruleOf(d) === 'sql/rls-disabled').length < before.length ? true : undefined),
      'the fixed finding to disappear',
    );
  });

  it('opens the rule\'s page shipped with the extension from "show documentation"', async () => {
    const [finding] = supaguardDiagnostics(migration).filter((d) => ruleOf(d) === 'sql/rls-disabled');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', migration, finding.range);
    const docs = actions.find((a) => /documentation/i.test(a.title) && a.command);
    assert.ok(docs?.command, actions.map((a) => a.title).join(' | '));
    const opened = new Promise<string>((resolve) => {
      const listener = vscode.window.tabGroups.onDidChangeTabs((event) => {
        const tab = event.opened.find((t) => /rls-disabled/.test(t.label));
        if (tab) {
          listener.dispose();
          resolve(tab.label);
        }
      });
    });
    await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    assert.match(await opened, /rls-disabled\.md/);
  });

  it('lists the example\'s service-role clients in the inventory view', async () => {
    const clients = await vscode.commands.executeCommand<{ client: string; relativePath: string; tables: string[] }[]>('supaguard.showServiceRoleInventory');
    const routeClient = clients.find((c) => c.relativePath === 'app/api/messages/route.ts');
    assert.ok(routeClient, JSON.stringify(clients.map((c) => c.relativePath)));
    assert.ok(routeClient.tables.includes('chat_messages'), routeClient.tables.join(', '));
  });

  it('exports SARIF for the workspace folder', async () => {
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'supaguard.sarif');
    await vscode.commands.executeCommand('supaguard.exportSarif', target);
    const log = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8'));
    assert.equal(log.version, '2.1.0');
    const rules = new Set(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId));
    for (const rule of ['sql/rls-disabled', 'mcp/bind-all-interfaces', 'code/service-role-client']) assert.ok(rules.has(rule), rule);
  });

  it('opens the production checklist report as a Markdown preview', async () => {
    // The report is an untitled Markdown document; its preview tab is named after it.
    const isReportPreview = (tab: vscode.Tab) => /^Preview Untitled/.test(tab.label);
    const shown = new Promise<void>((resolve) => {
      const listener = vscode.window.tabGroups.onDidChangeTabs((event) => {
        if ([...event.opened, ...event.changed].some(isReportPreview)) {
          listener.dispose();
          resolve();
        }
      });
    });
    const markdown = await vscode.commands.executeCommand<string>('supaguard.showChecklist');
    assert.match(markdown, /^# Supaguard production checklist/);
    assert.match(markdown, /FAIL/);
    if (!vscode.window.tabGroups.all.flatMap((g) => g.tabs).some(isReportPreview)) await shown;
  });

  after(async () => {
    // Leave the fixed migration and the Problems view on screen for the screenshot.
    if (migration) await vscode.window.showTextDocument(migration);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });
});
