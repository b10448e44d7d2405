import * as path from 'node:path';
import { readSourceText, toPosix } from '../engine/discovery';
import { SourceFile } from '../engine/source-file';
import { clientOfPath, isParseProblem, launchOf, readMcpConfig, variableSyntaxOf } from '../languages/mcp';
import type { ProbeTarget } from './targets';

/** A config the probe cannot read: said to the user in one line. */
export class ProbeUsageError extends Error {}

/** The servers of an MCP config file (any client's format), read by the MCP language, with each name's range. */
export function readProbeTargets(configFile: string): ProbeTarget[] {
  const text = readSourceText(configFile);
  if (typeof text !== 'string') throw new ProbeUsageError(`${path.basename(configFile)} ${text.skip}`);
  const posix = toPosix(configFile);
  const config = readMcpConfig(new SourceFile(posix, path.basename(configFile), text), clientOfPath(posix) ?? 'generic');
  if (isParseProblem(config)) throw new ProbeUsageError(config.message);
  if (!config) return [];
  const syntax = variableSyntaxOf(config.client);
  return config.servers.map((server) => {
    const { command, args, env, url, headers } = launchOf(server);
    return {
      name: server.name,
      file: posix,
      range: server.nameRange,
      ...(command !== undefined ? { command } : {}),
      args,
      env,
      ...(url !== undefined ? { url } : {}),
      headers,
      disabled: server.disabled,
      ...(syntax ? { expands: (inner: string) => syntax.expands(inner) } : {}),
    };
  });
}
