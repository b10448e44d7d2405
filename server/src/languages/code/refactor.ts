import ts from 'typescript';
import type { Fix, TextEdit } from '../../engine/finding';
import { anonKeyAccess, anonKeyFor } from './anon-key';
import { bindingOf } from './declarations';
import { bearerInScope } from './handlers';
import { skipOuterExpressions, type ParsedFile } from './parse';
import type { CodeProject } from './project';
import type { ClientSite } from './supabase';

/** Text edits on one parsed file, by offsets. */
export function editAt(parsed: ParsedFile, start: number, end: number, newText: string): TextEdit {
  return { file: parsed.file.path, range: parsed.file.lines.rangeOf(start, end), newText };
}

export function replaceNode(parsed: ParsedFile, node: ts.Node, newText: string): TextEdit {
  return editAt(parsed, node.getStart(parsed.ast), node.end, newText);
}

/** Adds a property to an object literal, in the layout it already has (one line, or one property per line). */
export function insertProperty(parsed: ParsedFile, object: ts.ObjectLiteralExpression, property: string): TextEdit {
  const first = object.properties[0];
  if (!first) return replaceNode(parsed, object, `{ ${property} }`);
  const start = first.getStart(parsed.ast);
  const lines = parsed.file.lines;
  const multiLine = lines.positionAt(object.getStart(parsed.ast)).line !== lines.positionAt(start).line;
  if (!multiLine) return editAt(parsed, start, start, `${property}, `);
  const line = lines.positionAt(start).line;
  const indent = /^\s*/.exec(lines.lineText(line))![0];
  return editAt(parsed, start, start, `${property},\n${indent}`);
}

/** The `name: value` property of an object literal. */
export function findProperty(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name,
  );
}

/** The nested object literal at `path` inside an options object, or where to add the missing rest. */
function ensurePath(parsed: ParsedFile, options: ts.ObjectLiteralExpression, path: string[], leaf: string): TextEdit | undefined {
  let object = options;
  for (const [i, name] of path.entries()) {
    const found = findProperty(object, name);
    const rest = path.slice(i + 1).reduceRight((inner, key) => `${key}: { ${inner} }`, leaf);
    if (!found) return insertProperty(parsed, object, `${name}: { ${rest} }`);
    const value = skipOuterExpressions(found.initializer);
    if (!ts.isObjectLiteralExpression(value)) return undefined;
    object = value;
  }
  const [leafName] = leaf.split(':');
  const existing = findProperty(object, leafName);
  if (existing) return replaceNode(parsed, existing, leaf);
  return insertProperty(parsed, object, leaf);
}

/**
 * The user-scoped refactor of SPEC §2: the anon key, and the caller's `Authorization` header from the request
 * in scope, so Row Level Security applies to the caller. Never safe: it changes what the client may do.
 */
export function userScopedClientFix(project: CodeProject, site: ClientSite): Fix | undefined {
  const { parsed, keyArgument } = site;
  if (!keyArgument) return undefined;
  const anon = anonKeyFor(project, parsed, project.browserContext(parsed.file.path) !== undefined);
  const edits: TextEdit[] = [replaceNode(parsed, keyArgument, anonKeyAccess(anon, parsed, envObjectOf(site)))];
  edits.push(...removedKeyDeclaration(project, parsed, keyArgument));
  const assumed = anon.known ? '' : ` (check that ${anon.name} is your anon key variable)`;
  if (site.constructorName !== 'createClient') {
    return { title: `Use the anon key ${anon.name}: the session cookies scope the client to the user${assumed}`, safe: false, edits };
  }
  const bearer = bearerInScope(parsed, site.call);
  const header = `Authorization: ${bearer?.expression ?? `'Bearer <caller access token>'`}`;
  const options = site.options && skipOuterExpressions(site.options);
  if (!options) {
    edits.push(editAt(parsed, keyArgument.end, keyArgument.end, `, { global: { headers: { ${header} } } }`));
  } else if (ts.isObjectLiteralExpression(options)) {
    const edit = ensurePath(parsed, options, ['global', 'headers'], header);
    if (!edit) return undefined;
    edits.push(edit);
  } else {
    return undefined;
  }
  if (bearer?.nextHeaders && !importsNextHeaders(parsed)) edits.push(addImport(parsed, `import { headers } from 'next/headers';`));
  const title = bearer
    ? `Refactor to a user-scoped client: ${anon.name} and the caller's Authorization header${assumed}`
    : `Refactor to a user-scoped client: ${anon.name}, with a placeholder for the caller's access token (no request in scope here)${assumed}`;
  return { title, safe: false, edits };
}

/** `c.env` in `c.env.SUPABASE_SERVICE_ROLE_KEY` (Workers, Hono bindings): the anon key is read from the same object. */
function envObjectOf(site: ClientSite): string | undefined {
  const read = site.key?.env;
  if (read?.style !== 'env-object' || !ts.isPropertyAccessExpression(read.node)) return undefined;
  return read.node.expression.getText(site.parsed.ast);
}

/** `const key = process.env.…SERVICE_ROLE…` used only by this client: the refactor removes it too. */
function removedKeyDeclaration(project: CodeProject, parsed: ParsedFile, keyArgument: ts.Expression): TextEdit[] {
  const node = skipOuterExpressions(keyArgument);
  if (!ts.isIdentifier(node)) return [];
  const binding = bindingOf(project, parsed, node);
  if (binding?.kind !== 'local' || binding.parsed !== parsed || !ts.isVariableDeclaration(binding.node)) return [];
  const statement = binding.node.parent.parent;
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return [];
  if (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return [];
  if (countIdentifiers(parsed.ast, node.text) !== 2) return [];
  const lines = parsed.file.lines;
  const start = lines.lineStart(lines.positionAt(statement.getStart(parsed.ast)).line);
  const endLine = lines.positionAt(statement.end).line;
  let end = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : statement.end;
  const text = parsed.file.text;
  if (text.slice(start, statement.getStart(parsed.ast)).trim() || text.slice(statement.end, end).trim()) return [];
  // Between blank lines, the statement takes one of them along so no double gap is left.
  const startLine = lines.positionAt(start).line;
  const blankBefore = startLine === 0 || lines.lineText(startLine - 1).trim() === '';
  if (blankBefore && endLine + 2 < lines.lineCount && lines.lineText(endLine + 1).trim() === '') end = lines.lineStart(endLine + 2);
  return [editAt(parsed, start, end, '')];
}

function countIdentifiers(root: ts.Node, name: string): number {
  let count = 0;
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.text === name) count++;
    ts.forEachChild(node, visit);
  };
  visit(root);
  return count;
}

function importsNextHeaders(parsed: ParsedFile): boolean {
  return parsed.ast.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === 'next/headers' &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === 'headers'),
  );
}

/** A new import after the file's last import (or its directives). */
export function addImport(parsed: ParsedFile, line: string): TextEdit {
  const statements = parsed.ast.statements;
  let anchor: ts.Statement | undefined;
  for (const s of statements) {
    if (ts.isImportDeclaration(s) || (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression))) anchor = s;
    else break;
  }
  if (!anchor) return editAt(parsed, 0, 0, `${line}\n`);
  return editAt(parsed, anchor.end, anchor.end, `\n${line}`);
}
