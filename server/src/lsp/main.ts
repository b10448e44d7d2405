import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/**
 * The entry VS Code starts (`TransportKind.ipc` passes `--node-ipc`); `--stdio` and `--socket=N` work too, as
 * the connection reads the transport from the command line.
 */
startServer(createConnection(ProposedFeatures.all));
