import ts from 'typescript';
import type { Range } from '../../engine/finding';
import type { CommentSpan } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';

/** A module a file pulls in: `import`, `export … from`, `import()`, `require()`. */
export interface ImportFact {
  specifier: string;
  /** The specifier's string literal, for ranges. */
  node: ts.StringLiteralLike;
  /** `import type` / `export type`: erased, never bundled. */
  typeOnly: boolean;
}

/** A read of an environment variable, in any of the forms runtimes offer. */
export interface EnvRead {
  name: string;
  /** The node that names the variable (property name, string argument, binding). */
  nameNode: ts.Node;
  /** The whole access expression (`process.env.X`, `Deno.env.get('X')`). */
  node: ts.Node;
  style: 'process' | 'deno' | 'import.meta' | 'bun' | 'sveltekit' | 'env-object';
}

/** One code file parsed once: its syntax tree and the facts the project model and rules read often. */
export interface ParsedFile {
  file: SourceFile;
  ast: ts.SourceFile;
  isTypeScript: boolean;
  /** A `'use client'` / `'use server'` directive at the top of the module. */
  directive: 'use client' | 'use server' | undefined;
  /** `import 'server-only'`: the build fails if a browser bundle pulls the file in. */
  serverOnly: boolean;
  imports: ImportFact[];
  envReads: EnvRead[];
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  /** String and template literal pieces, where literal secrets hide. */
  strings: ts.StringLiteralLike[];
  /** The whole `meta/parse-error` message, and where. */
  parseError?: { message: string; range: Range };
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export function scriptKindOf(path: string): ts.ScriptKind | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : SCRIPT_KINDS[path.slice(dot)];
}

/** Parses are reused while a file's text is unchanged: editing one file reparses only that file. */
const cache = new Map<string, ParsedFile>();

export function parseCodeFile(file: SourceFile): ParsedFile {
  const cached = cache.get(file.path);
  if (cached && cached.file.text === file.text) {
    cached.file = file;
    return cached;
  }
  const parsed = parse(file);
  cache.set(file.path, parsed);
  return parsed;
}

/** Forgets files that left the workspace. */
export function pruneParseCache(keep: ReadonlySet<string>): void {
  for (const path of cache.keys()) if (!keep.has(path)) cache.delete(path);
}

function parse(file: SourceFile): ParsedFile {
  try {
    return parseTree(file, file.text);
  } catch (error) {
    // The parser (and any tree walk) recurses: absurdly deep nesting exhausts the stack. Such a file is skipped, not fatal.
    if (!(error instanceof RangeError)) throw error;
    const skipped = parseTree(file, '');
    skipped.parseError = { message: 'TypeScript could not parse this file: it is nested too deeply, so none of it is checked.', range: file.lines.rangeOf(0, 0) };
    return skipped;
  }
}

function parseTree(file: SourceFile, text: string): ParsedFile {
  const kind = scriptKindOf(file.path) ?? ts.ScriptKind.TS;
  const ast = ts.createSourceFile(file.path, text, ts.ScriptTarget.Latest, true, kind);
  const parsed: ParsedFile = {
    file,
    ast,
    isTypeScript: kind === ts.ScriptKind.TS || kind === ts.ScriptKind.TSX,
    directive: directiveOf(ast),
    serverOnly: false,
    imports: [],
    envReads: [],
    calls: [],
    news: [],
    strings: [],
  };
  const diagnostics = (ast as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diagnostics.length) {
    const first = diagnostics[0];
    const position = file.lines.positionAt(first.start);
    parsed.parseError = {
      message: `TypeScript could not fully parse this file: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')} (line ${position.line + 1}, column ${position.character + 1}); the rest of the file is still checked.`,
      range: file.lines.rangeOf(first.start, first.start + Math.max(first.length, 1)),
    };
  }
  collectFacts(ast, parsed);
  return parsed;
}

function directiveOf(ast: ts.SourceFile): ParsedFile['directive'] {
  for (const statement of ast.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    const text = statement.expression.text;
    if (text === 'use client' || text === 'use server') return text;
  }
  return undefined;
}

function collectFacts(ast: ts.SourceFile, parsed: ParsedFile): void {
  const addImport = (node: ts.Expression | undefined, typeOnly: boolean) => {
    if (node && ts.isStringLiteralLike(node)) {
      parsed.imports.push({ specifier: node.text, node, typeOnly });
      if (node.text === 'server-only') parsed.serverOnly = true;
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      addImport(node.moduleSpecifier, isTypeOnlyImport(node));
      if (ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('$env/')) {
        collectSvelteKitEnvImports(node, parsed);
      }
    } else if (ts.isExportDeclaration(node)) {
      addImport(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      addImport(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      parsed.calls.push(node);
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        addImport(node.arguments[0], false);
      }
    } else if (ts.isNewExpression(node)) {
      parsed.news.push(node);
    } else if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      parsed.strings.push(node as ts.StringLiteralLike);
    }
    const read = envReadOf(node);
    if (read) parsed.envReads.push(read);
    else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
      collectDestructuredEnv(node.name, node.initializer, parsed);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
}

/** `import type …`, or `import { type A, type B }`: erased by the compiler, so never bundled. */
function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function collectSvelteKitEnvImports(node: ts.ImportDeclaration, parsed: ParsedFile): void {
  const bindings = node.importClause?.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings)) return;
  for (const element of bindings.elements) {
    const nameNode = element.propertyName ?? element.name;
    parsed.envReads.push({ name: nameNode.text, nameNode, node: element, style: 'sveltekit' });
  }
}

/** `const { SUPABASE_SERVICE_ROLE_KEY } = process.env` and `Deno.env.toObject()`. */
function collectDestructuredEnv(pattern: ts.ObjectBindingPattern, initializer: ts.Expression, parsed: ParsedFile): void {
  const style = envObjectStyle(skipOuterExpressions(initializer));
  if (!style) return;
  for (const element of pattern.elements) {
    const nameNode = element.propertyName ?? element.name;
    if (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode)) {
      parsed.envReads.push({ name: nameNode.text, nameNode, node: element, style });
    }
  }
}

/** The environment object an expression is: `process.env`, `import.meta.env`, `Bun.env`, `Deno.env.toObject()`. */
function envObjectStyle(node: ts.Expression): EnvRead['style'] | undefined {
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'env') {
    const object = node.expression;
    if (ts.isIdentifier(object) && object.text === 'process') return 'process';
    if (ts.isIdentifier(object) && object.text === 'Bun') return 'bun';
    if (ts.isMetaProperty(object) && object.keywordToken === ts.SyntaxKind.ImportKeyword) return 'import.meta';
    return 'env-object';
  }
  if (ts.isIdentifier(node) && node.text === 'env') return 'env-object';
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'toObject') {
    const inner = node.expression.expression;
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'env' && ts.isIdentifier(inner.expression) && inner.expression.text === 'Deno') {
      return 'deno';
    }
  }
  return undefined;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Deno.env.get('X')`, `Bun.env.X`, `env.X`, `c.env.X`. */
export function envReadOf(node: ts.Node): EnvRead | undefined {
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
    const style = envObjectStyle(node.expression);
    if (style) return { name: node.name.text, nameNode: node.name, node, style };
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    const style = envObjectStyle(node.expression);
    if (style) return { name: node.argumentExpression.text, nameNode: node.argumentExpression, node, style };
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'get') {
    const object = node.expression.expression;
    const argument = node.arguments[0];
    if (
      argument &&
      ts.isStringLiteralLike(argument) &&
      ts.isPropertyAccessExpression(object) &&
      object.name.text === 'env' &&
      ts.isIdentifier(object.expression) &&
      object.expression.text === 'Deno'
    ) {
      return { name: argument.text, nameNode: argument, node, style: 'deno' };
    }
  }
  return undefined;
}

/** Parentheses, `as`, `!`, `satisfies` and `await` do not change which value an expression holds. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current) || ts.isAwaitExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** Every comment of the file, found from the syntax tree so that strings, templates and JSX text never count. */
export function commentsOf(parsed: ParsedFile): CommentSpan[] {
  const { ast, file } = parsed;
  const text = file.text;
  const seen = new Map<number, ts.CommentRange>();
  const collect = (position: number) => {
    for (const range of [...(ts.getLeadingCommentRanges(text, position) ?? []), ...(ts.getTrailingCommentRanges(text, position) ?? [])]) {
      seen.set(range.pos, range);
    }
  };
  collect(0);
  const visit = (node: ts.Node) => {
    collect(node.pos);
    collect(node.end);
    // `{/* … */}` in JSX: the comment follows the brace, which no node starts at.
    if (ts.isJsxExpression(node)) collect(node.getStart(ast) + 1);
    ts.forEachChild(node, visit, (nodes) => {
      collect(nodes.pos);
      collect(nodes.end);
      nodes.forEach(visit);
    });
  };
  visit(ast);
  return [...seen.values()]
    .sort((a, b) => a.pos - b.pos)
    .map((range) => {
      const raw = text.slice(range.pos, range.end);
      const body = range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
      const rangeOfComment = file.lines.rangeOf(range.pos, range.end);
      const before = text.slice(file.lines.lineStart(rangeOfComment.start.line), range.pos);
      // A lone `{` before it is JSX's comment wrapper (`{/* … */}`), not code the comment trails.
      return { text: body, range: rangeOfComment, trailing: before.trim().replace(/^\{$/, '') !== '' };
    });
}

/** The lines a leading comment covers: the whole statement (or class member, or object property) after it. */
export function statementAfterComment(parsed: ParsedFile, comment: CommentSpan): { startLine: number; endLine: number } | undefined {
  const { ast, file } = parsed;
  const commentStart = file.lines.offsetAt(comment.range.start);
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.pos > commentStart || node.end <= commentStart) return;
    const start = node.getStart(ast);
    if (start > commentStart && isStatementLike(node) && node.pos <= commentStart) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(ast, visit);
  if (!found) return undefined;
  return {
    startLine: file.lines.positionAt(found.getStart(ast)).line,
    endLine: file.lines.positionAt(found.end).line,
  };
}

function isStatementLike(node: ts.Node): boolean {
  return (
    ts.isStatement(node) ||
    ts.isClassElement(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isShorthandPropertyAssignment(node) ||
    ts.isVariableDeclaration(node)
  );
}
