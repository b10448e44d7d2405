/**
 * MCP client configs as a language. For other commands (probe-mcp): `readMcpConfigFile(path)` or
 * `readMcpConfig(sourceFile)` give the client kind and every server entry with the range of its name, its
 * entry and each value; `launchOf(server)` the plain values to start or connect to it; `identifyServer`
 * what it runs (Supabase with its read-only and project scope, Postgres, mcp-remote, the Inspector, …).
 */
import type { AnalysisUnit, Language } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';
import { clientOfPath } from './clients';
import { jsoncComments, propertyLinesAfter } from './json';
import { isParseProblem, MAX_NESTING, readMcpConfig, type McpConfig } from './model';

export interface McpUnit extends AnalysisUnit {
  config: McpConfig;
}

export const mcpLanguage: Language<McpUnit> = {
  id: 'mcp',
  claims: (relativePath) => clientOfPath(relativePath) !== undefined,
  analyze: ({ files, focus, report }) => {
    const units: McpUnit[] = [];
    for (const file of files) {
      if (focus && !focus.has(file.path)) continue;
      const result = readMcpConfig(file);
      if (isParseProblem(result)) {
        report({ ruleId: 'meta/parse-error', severity: 'info', message: result.message, file: file.path, range: result.range });
      } else if (result) {
        units.push({ files: [file], config: result });
      }
    }
    return units;
  },
  comments: (file: SourceFile) => jsoncComments(file),
  // A suppression before a server entry covers the whole entry.
  suppressionScope: (file, comment) => propertyLinesAfter(file, file.lines.offsetAt(comment.range.end), MAX_NESTING),
};

export { CLIENT_NAMES, clientOfPath, MCP_CONFIG_GLOBS, variableSyntaxOf, type McpClient, type VariableSyntax } from './clients';
export { type JsonString } from './json';
export { identifyServer, type ServerIdentity } from './identify';
export { commandLine, isLoopbackHost, launchedPackage, supabaseServer, urlSites, type PackageRef, type SupabaseServer, type UrlSite } from './launch';
export {
  isParseProblem,
  launchOf,
  readMcpConfig,
  readMcpConfigFile,
  type KeyedString,
  type McpConfig,
  type McpInput,
  type McpParseProblem,
  type McpServer,
  type ServerLaunch,
  type Transport,
} from './model';
