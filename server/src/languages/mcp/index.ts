import type { AnalysisUnit, Language } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';
import { clientOfPath } from './clients';
import { jsoncComments } from './json';
import { isParseProblem, readMcpConfig, type McpConfig } from './model';

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
};

export { CLIENT_NAMES, clientOfPath, variableSyntaxOf, type McpClient, type VariableSyntax } from './clients';
export { type JsonString } from './json';
export { commandLine, isLoopbackHost, launchedPackage, supabaseServer, urlSites } from './launch';
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
