import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toPosix } from '../engine/discovery';
import { registry } from '../engine/registry';
import { packageVersion } from '../cli/version';
import { DocumentAnalysis } from './analysis';
import { CodeActions, FIX_ALL_KIND } from './code-actions';
import { registerCommands, SERVER_COMMANDS } from './commands';
import { DiagnosticsService } from './diagnostics';
import { DiskWatcher } from './disk-watcher';
import { SettingsStore } from './settings';
import { uriToPath } from './uri';
import { registerVerification } from './verification';
import { WATCHED_GLOBS, Workspace, type DiskChange } from './workspace';

const CHANGE_KIND: Record<FileChangeType, DiskChange['kind']> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** Wires the language server's parts to a connection (IPC from VS Code, stdio from other editors). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace(documents);
  const analysis = new DocumentAnalysis(workspace);
  let settings: SettingsStore;
  let diagnostics: DiagnosticsService;
  let watchesDynamically = false;
  let followsFolders = false;

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const capabilities = params.capabilities;
    settings = new SettingsStore(connection, capabilities.workspace?.configuration === true, params.initializationOptions);
    diagnostics = new DiagnosticsService(connection, documents, workspace, analysis, settings, {
      pull: capabilities.textDocument?.diagnostic !== undefined,
      refresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    });
    diagnostics.listen();
    const codeActions = new CodeActions(documents, analysis, settings, workspace);
    connection.onCodeAction((p) => codeActions.provide(p));
    registerCommands(connection, workspace, diagnostics, { showsDocuments: capabilities.window?.showDocument?.support === true });
    registerVerification(connection, workspace, diagnostics);
    watchesDynamically = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    followsFolders = capabilities.workspace?.workspaceFolders === true;
    workspace.setFolders(workspaceRoots(params));
    await registry.load();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { identifier: 'supaguard', interFileDependencies: true, workspaceDiagnostics: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'supaguard', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    if (watchesDynamically) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch(() => connection.console.warn('Supaguard: the editor refused file watching; changes on disk show after a restart.'));
    } else {
      // The editor cannot watch files for us: watch the folders that hold linted files ourselves.
      const watcher = new DiskWatcher((changes) => {
        diskChanged(changes);
        for (const project of workspace.folders) watcher.watch(project);
      });
      for (const project of workspace.folders) watcher.watch(project);
      connection.onShutdown(() => watcher.dispose());
    }
    if (followsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        const kept = workspace.folders.map((p) => p.root).filter((root) => !removed.has(root));
        workspace.setFolders([...kept, ...event.added.map((f) => uriToPath(f.uri)).filter(isDefined)]);
        diagnostics.scheduleRefresh();
      });
    }
    reportConfigProblems();
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params.settings);
    workspace.documentChanged();
    diagnostics.scheduleRefresh(0);
  });

  function diskChanged(changes: DiskChange[]): void {
    if (!workspace.diskChanged(changes)) return;
    reportConfigProblems();
    diagnostics.scheduleRefresh(50);
  }

  connection.onDidChangeWatchedFiles((params) => {
    diskChanged(params.changes.map((c) => ({ path: uriToPath(c.uri), kind: CHANGE_KIND[c.type] })).filter((c): c is DiskChange => c.path !== undefined));
  });

  documents.onDidOpen(({ document }) => diagnostics.markSaved(document));
  documents.onDidSave(({ document }) => {
    diagnostics.markSaved(document);
    workspace.documentChanged();
    diagnostics.scheduleRefresh(0);
  });
  documents.onDidChangeContent(() => {
    workspace.documentChanged();
    diagnostics.edited();
  });
  documents.onDidClose(({ document }) => {
    const file = uriToPath(document.uri);
    if (file) workspace.forgetDocument(file);
    analysis.forget(document.uri);
    settings.forget(document.uri);
    diagnostics.forget(document.uri);
    workspace.documentChanged();
    diagnostics.cleared(document.uri).catch(() => undefined);
    diagnostics.scheduleRefresh();
  });

  /** A broken `supaguard.jsonc` must not go unnoticed: the defaults apply until it is fixed. */
  const shownProblems = new Set<string>();
  function reportConfigProblems(): void {
    for (const project of workspace.folders) {
      const problem = project.configProblem;
      if (problem && !shownProblems.has(problem)) {
        shownProblems.add(problem);
        // A notification, not a request: nothing to wait for, nothing to fail.
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `Supaguard: ${problem} (using the default configuration until it is fixed)`,
        });
      }
    }
  }

  // A long-lived process: a failure in one piece of background work is logged, not fatal.
  process.on('unhandledRejection', (reason) => connection.console.error(`Supaguard: ${reason instanceof Error ? reason.stack : String(reason)}`));

  documents.listen(connection);
  connection.listen();
}

function workspaceRoots(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((f) => uriToPath(f.uri)).filter(isDefined);
  if (params.rootUri) return [uriToPath(params.rootUri)].filter(isDefined);
  // Older clients send only the deprecated `rootPath`.
  return params.rootPath ? [toPosix(path.resolve(params.rootPath))] : [];
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
