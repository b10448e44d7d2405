import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SHOW_DOCUMENTATION_COMMAND } from '../../server/src/lsp/protocol';
import { showDocumentation } from './documentation';

/** What the server lints: migrations, Supabase client code, MCP configs and `.env` files. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'sql' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', pattern: '**/.env*' },
];

/** The language server, bundled next to this file, over Node IPC. */
export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      // Rule pages open as a Markdown preview here rather than as raw text (other editors get the server's
      // `window/showDocument`).
      executeCommand: async (command, args, next) =>
        command === SHOW_DOCUMENTATION_COMMAND ? showDocumentation(String(args[0])) : next(command, args),
    },
  };
  return new LanguageClient('supaguard', 'Supaguard', serverOptions, clientOptions);
}
