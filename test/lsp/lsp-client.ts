import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  DidSaveTextDocumentNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  DiagnosticRefreshRequest,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type Range,
  type ShowDocumentParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';

const REPO = path.resolve(__dirname, '..', '..');

export const uriOf = (file: string) => pathToFileURL(file).href;

/**
 * A real LSP client for tests: runs `supaguard lsp --stdio` as a child process, speaks JSON-RPC over its
 * pipes, keeps the texts of the documents it opened, and answers the server's requests as an editor would.
 */
export class TestClient {
  readonly connection: MessageConnection;
  readonly texts = new Map<string, { version: number; text: string }>();
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly registrations: string[] = [];
  /** `window/showMessage` texts. */
  readonly messages: string[] = [];
  settings: Record<string, unknown> = { enable: true, run: 'onType', rules: {} };
  private refreshes = 0;
  private refreshListeners: (() => void)[] = [];
  /** Diagnostics pushed with `textDocument/publishDiagnostics` (clients without pull), by URI. */
  readonly published = new Map<string, Diagnostic[]>();
  private publishListeners: (() => void)[] = [];
  private readonly child: ChildProcess;
  stderr = '';

  /** @param args what node runs: the command line by default, or a bundled server. */
  constructor(args: string[] = [path.join(REPO, 'bin', 'supaguard.js'), 'lsp', '--stdio']) {
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations.map((r) => r.method));
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      for (const listener of this.refreshListeners.splice(0)) listener();
    });
    this.connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.messages.push(params.message);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params.diagnostics);
      for (const listener of [...this.publishListeners]) listener();
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    this.connection.listen();
  }

  async initialize(root: string, capabilities: ClientCapabilities = PULL_CLIENT): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(root),
      // Only clients that say they support folders send them.
      workspaceFolders: capabilities.workspace?.workspaceFolders ? [{ uri: uriOf(root), name: path.basename(root) }] : null,
      capabilities,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(file: string, text: string, languageId = languageOf(file)): Promise<void> {
    this.texts.set(uriOf(file), { version: 1, text });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), languageId, version: 1, text },
    });
  }

  /** Replaces the whole text of an open document (a full-content change). */
  async change(file: string, text: string): Promise<void> {
    const current = this.texts.get(uriOf(file))!;
    const version = current.version + 1;
    this.texts.set(uriOf(file), { version, text });
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), version },
      contentChanges: [{ text }],
    });
  }

  async save(file: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uriOf(file) } });
  }

  async diagnostics(file: string): Promise<Diagnostic[]> {
    const report: DocumentDiagnosticReport = await this.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri: uriOf(file) },
    });
    if (report.kind !== 'full') throw new Error('expected a full report');
    return report.items;
  }

  async codeActions(file: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const actions = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(file) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (actions ?? []) as CodeAction[];
  }

  /** Applies a workspace edit to the open documents as an editor would, refusing edits for a stale version. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('only text edits are expected');
      const open = this.texts.get(change.textDocument.uri);
      if (!open) throw new Error(`edit for a document that is not open: ${change.textDocument.uri}`);
      if (change.textDocument.version !== null && change.textDocument.version !== open.version) {
        throw new Error(`edit computed for version ${change.textDocument.version}, document is at ${open.version}`);
      }
      const file = new URL(change.textDocument.uri).pathname;
      await this.change(decodeURIComponent(file), applyTextEdits(open.text, change.edits as TextEdit[]));
    }
  }

  /** Resolves at the next `workspace/diagnostic/refresh` from the server. */
  nextRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshListeners.push(resolve));
  }

  get refreshCount(): number {
    return this.refreshes;
  }

  /** Resolves when the diagnostics pushed for a file satisfy `check` (now or after a later push). */
  whenPublished(file: string, check: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolve) => {
      const listener = () => {
        const diagnostics = this.published.get(uriOf(file));
        if (!diagnostics || !check(diagnostics)) return;
        this.publishListeners = this.publishListeners.filter((l) => l !== listener);
        resolve(diagnostics);
      };
      this.publishListeners.push(listener);
      listener();
    });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

export const PULL_CLIENT: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    publishDiagnostics: { relatedInformation: true },
  },
  window: { showDocument: { support: true } },
};

/** An editor that only takes pushed diagnostics (`textDocument/publishDiagnostics`). */
export const PUSH_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
};

/** An editor with no optional capability at all: pushed diagnostics, `rootUri`, no file watching. */
export const MINIMAL_CLIENT: ClientCapabilities = {};

function languageOf(file: string): string {
  if (file.endsWith('.sql')) return 'sql';
  if (/\.tsx?$/.test(file)) return file.endsWith('x') ? 'typescriptreact' : 'typescript';
  if (/\.jsx?$/.test(file)) return 'javascript';
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.jsonc')) return 'jsonc';
  return 'plaintext';
}

/** Applies LSP text edits (non-overlapping, positions in UTF-16 units) to a text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) =>
    p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line] + p.character, text.length);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
