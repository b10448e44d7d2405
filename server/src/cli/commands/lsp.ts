import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from '../../lsp/server';
import { parseCommandLine, UsageError } from '../args';
import type { Command } from '../main';

export const command: Command = {
  summary: 'Run the language server (for Neovim, Helix, Zed and other LSP editors)',
  usage: `Usage: supaguard lsp --stdio

Speaks the Language Server Protocol on standard input and output: diagnostics pulled per document and for
the workspace, quick-fixes, fix-all (source.fixAll.supaguard), settings under "supaguard".`,
  run(args) {
    const { values } = parseCommandLine(args, { stdio: { type: 'boolean' } });
    if (!values.stdio) throw new UsageError('lsp needs --stdio (the only transport on the command line)');
    const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
    // The process lives until the client sends `exit`; the connection ends it.
    return new Promise<number>(() => startServer(connection));
  },
};
