import * as path from 'node:path';

/** The MCP clients whose config formats Supaguard reads; `generic` is a server map found by shape alone. */
export type McpClient =
  | 'claude-desktop'
  | 'claude-code'
  | 'cursor'
  | 'vscode'
  | 'windsurf'
  | 'cline'
  | 'roo'
  | 'gemini'
  | 'zed'
  | 'generic';

export const CLIENT_NAMES: Record<McpClient, string> = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
  cline: 'Cline',
  roo: 'Roo Code',
  gemini: 'Gemini CLI',
  zed: 'Zed',
  generic: 'this MCP client',
};

const BY_BASENAME: Record<string, McpClient> = {
  'claude_desktop_config.json': 'claude-desktop',
  '.mcp.json': 'claude-code',
  '.claude.json': 'claude-code',
  'mcp_config.json': 'windsurf',
  'cline_mcp_settings.json': 'cline',
};

const BY_FOLDER_AND_BASENAME: Record<string, McpClient> = {
  '.cursor/mcp.json': 'cursor',
  '.vscode/mcp.json': 'vscode',
  // VS Code also reads servers from "mcp": { "servers": … } in settings; files without them give nothing.
  '.vscode/settings.json': 'vscode',
  '.roo/mcp.json': 'roo',
  '.gemini/settings.json': 'gemini',
  '.zed/settings.json': 'zed',
};

/** Files named like an MCP config whose shape decides whether they are one. */
const MCP_NAMED = /mcp.*\.jsonc?$/i;

/** Globs of every file `clientOfPath` may claim, for editors' document selectors and file watchers. */
export const MCP_CONFIG_GLOBS: readonly string[] = [
  ...Object.keys(BY_BASENAME).map((base) => `**/${base}`),
  ...Object.keys(BY_FOLDER_AND_BASENAME).map((folderAndBase) => `**/${folderAndBase}`),
  '**/*mcp*.json',
  '**/*mcp*.jsonc',
];

/** The client a config file belongs to, from its path alone; `generic` for other `*mcp*.json` files. */
export function clientOfPath(filePath: string): McpClient | undefined {
  const posix = filePath.replace(/\\/g, '/');
  const base = path.posix.basename(posix);
  const folder = path.posix.basename(path.posix.dirname(posix));
  // Roo Code's global file; other tools (MCPHub) use the same name with their own variable syntax.
  if (base === 'mcp_settings.json' && /rooveterinaryinc\.roo-cline\//i.test(posix)) return 'roo';
  return BY_FOLDER_AND_BASENAME[`${folder}/${base}`] ?? BY_BASENAME[base] ?? (MCP_NAMED.test(base) ? 'generic' : undefined);
}

/**
 * How a client expands variables in server entries. Each client documents its own syntax; a reference in
 * another client's syntax reaches the server as literal text.
 */
export interface VariableSyntax {
  /** The text that reads environment variable `name`, when the client has one. */
  envReference?(name: string): string;
  /** Whether the client expands this `${…}` reference (the part between the braces). */
  expands(inner: string): boolean;
}

const VSCODE_PREDEFINED =
  /^(?:workspaceFolder|workspaceFolderBasename|file|fileWorkspaceFolder|relativeFile|relativeFileDirname|fileBasename|fileBasenameNoExtension|fileExtname|fileDirname|fileDirnameBasename|cwd|lineNumber|selectedText|execPath|defaultBuildTask|pathSeparator|\/|userHome)$/;
const CURSOR_PREDEFINED = /^(?:userHome|workspaceFolder|workspaceFolderBasename|pathSeparator|\/)$/;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME = /^env:[A-Za-z_][A-Za-z0-9_]*$/;

const SYNTAX: Partial<Record<McpClient, VariableSyntax>> = {
  vscode: {
    // `${input:id}` is checked against the file's `inputs` separately.
    expands: (inner) =>
      ENV_NAME.test(inner) || /^(?:input|config|command):.+$/.test(inner) || /^workspaceFolder:.+$/.test(inner) || VSCODE_PREDEFINED.test(inner),
  },
  cursor: { envReference: (name) => `\${env:${name}}`, expands: (inner) => ENV_NAME.test(inner) || CURSOR_PREDEFINED.test(inner) },
  windsurf: { envReference: (name) => `\${env:${name}}`, expands: (inner) => ENV_NAME.test(inner) || /^file:.+$/.test(inner) },
  roo: { envReference: (name) => `\${env:${name}}`, expands: (inner) => ENV_NAME.test(inner) },
  'claude-code': {
    envReference: (name) => `\${${name}}`,
    expands: (inner) => PLAIN_NAME.test(inner) || /^[A-Za-z_][A-Za-z0-9_]*:-.*$/s.test(inner),
  },
  gemini: { envReference: (name) => `\${${name}}`, expands: (inner) => PLAIN_NAME.test(inner) },
  'claude-desktop': { expands: () => false },
};

/** The client's variable syntax; undefined for clients whose expansion rules are not documented. */
export function variableSyntaxOf(client: McpClient): VariableSyntax | undefined {
  return SYNTAX[client];
}
