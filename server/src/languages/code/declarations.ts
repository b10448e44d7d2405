import ts from 'typescript';
import type { ParsedFile } from './parse';
import type { CodeProject } from './project';

/**
 * Name resolution without a type checker: enough scope rules to follow `const key = …`, imports,
 * re-exports and factory functions across the project's files.
 */

/** What a name refers to: a declaration in some file, or a binding imported from a package outside the project. */
export type Binding =
  | { kind: 'local'; parsed: ParsedFile; node: LocalDeclaration }
  | { kind: 'external'; module: string; name: string };

export type LocalDeclaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ExportAssignment
  /** CommonJS: `module.exports = …`, `exports.name = …`, and `name: …` inside `module.exports = { … }`. */
  | ts.BinaryExpression
  | ts.PropertyAssignment;

const MAX_DEPTH = 12;

/** The binding an identifier refers to, following imports into other files of the project. */
export function bindingOf(project: CodeProject, parsed: ParsedFile, identifier: ts.Identifier, depth = 0): Binding | undefined {
  const found = findInScope(identifier.text, identifier);
  if (!found) return undefined;
  if (ts.isImportSpecifier(found) || ts.isImportClause(found) || ts.isNamespaceImport(found)) {
    return bindingOfImport(project, parsed, found, depth);
  }
  if (ts.isBindingElement(found)) {
    const required = requiredModule(found.parent.parent);
    if (required) return viaModule(project, parsed, required, bindingElementName(found), depth);
  }
  if (ts.isVariableDeclaration(found) && ts.isIdentifier(found.name)) {
    const required = requiredModule(found);
    if (required) return viaModule(project, parsed, required, 'default', depth);
  }
  return { kind: 'local', parsed, node: found };
}

function bindingOfImport(
  project: CodeProject,
  parsed: ParsedFile,
  node: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport,
  depth: number,
): Binding | undefined {
  const declaration = ts.isImportSpecifier(node) ? node.parent.parent.parent : ts.isImportClause(node) ? node.parent : node.parent.parent;
  if (!ts.isStringLiteral(declaration.moduleSpecifier)) return undefined;
  const name = ts.isImportSpecifier(node) ? (node.propertyName ?? node.name).text : ts.isImportClause(node) ? 'default' : '*';
  return viaModule(project, parsed, declaration.moduleSpecifier.text, name, depth);
}

function viaModule(project: CodeProject, parsed: ParsedFile, specifier: string, name: string, depth: number): Binding | undefined {
  const target = project.resolveSpecifier(parsed, specifier);
  if (!target) return { kind: 'external', module: specifier, name };
  if (name === '*') return undefined;
  return exportedBinding(project, target, name, depth + 1);
}

/** The declaration a module exports under `name` (`export const`, `export function`, `export { a as name }`, re-exports). */
function exportedBinding(project: CodeProject, parsed: ParsedFile, name: string, depth = 0): Binding | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const statement of parsed.ast.statements) {
    if (name === 'default' && ts.isExportAssignment(statement)) {
      const expression = statement.expression;
      if (ts.isIdentifier(expression)) return bindingOf(project, parsed, expression, depth + 1);
      return { kind: 'local', parsed, node: statement };
    }
    if (!hasExportModifier(statement)) {
      if (ts.isExportDeclaration(statement)) {
        const found = fromExportDeclaration(project, parsed, statement, name, depth);
        if (found) return found;
      }
      continue;
    }
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && (isDefault ? name === 'default' : statement.name?.text === name)) {
      return { kind: 'local', parsed, node: statement };
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const bound = findInBindingName(declaration.name, name);
        if (bound) return { kind: 'local', parsed, node: bound === declaration.name ? declaration : (bound as ts.BindingElement) };
      }
    }
  }
  return commonJsExport(project, parsed, name, depth);
}

/** `module.exports = value` (the default), `module.exports = { name }`, `module.exports.name = …`, `exports.name = …`. */
function commonJsExport(project: CodeProject, parsed: ParsedFile, name: string, depth: number): Binding | undefined {
  for (const statement of parsed.ast.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const assignment = statement.expression;
    if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const target = assignment.left.getText(parsed.ast);
    if (target === `module.exports.${name}` || target === `exports.${name}`) return { kind: 'local', parsed, node: assignment };
    if (target !== 'module.exports') continue;
    if (name === 'default') return { kind: 'local', parsed, node: assignment };
    const value = assignment.right;
    if (!ts.isObjectLiteralExpression(value)) continue;
    for (const property of value.properties) {
      if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return bindingOf(project, parsed, property.name, depth + 1);
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === name) return { kind: 'local', parsed, node: property };
    }
  }
  return undefined;
}

function fromExportDeclaration(project: CodeProject, parsed: ParsedFile, statement: ts.ExportDeclaration, name: string, depth: number): Binding | undefined {
  const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  const clause = statement.exportClause;
  if (!clause) {
    return specifier ? viaModule(project, parsed, specifier, name, depth) : undefined;
  }
  if (!ts.isNamedExports(clause)) return undefined;
  for (const element of clause.elements) {
    if (element.name.text !== name) continue;
    const local = (element.propertyName ?? element.name).text;
    if (specifier) return viaModule(project, parsed, specifier, local, depth);
    const found = findInScope(local, parsed.ast.statements[0] ?? parsed.ast, parsed.ast);
    if (!found) return undefined;
    if (ts.isImportSpecifier(found) || ts.isImportClause(found) || ts.isNamespaceImport(found)) return bindingOfImport(project, parsed, found, depth);
    return { kind: 'local', parsed, node: found as LocalDeclaration };
  }
  return undefined;
}

type ScopeHit = LocalDeclaration | ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport;

/** The declaration of `name` visible at `from`, walking the enclosing scopes outwards. */
function findInScope(name: string, from: ts.Node, startScope?: ts.Node): ScopeHit | undefined {
  for (let scope: ts.Node | undefined = startScope ?? from.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const parameter of scope.parameters) {
        const bound = findInBindingName(parameter.name, name);
        if (bound) return bound === parameter.name ? parameter : (bound as ts.BindingElement);
      }
      if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === name) return undefined;
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
      const hit = findInStatements(scope.statements, name);
      if (hit) return hit;
    }
    if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      const hit = findInDeclarationList(scope.initializer, name);
      if (hit) return hit;
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration) {
      const bound = findInBindingName(scope.variableDeclaration.name, name);
      if (bound) return scope.variableDeclaration;
    }
  }
  return undefined;
}

function findInStatements(statements: ts.NodeArray<ts.Statement>, name: string): ScopeHit | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const hit = findInDeclarationList(statement.declarationList, name);
      if (hit) return hit;
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) {
      return statement;
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name?.text === name) return clause;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) return bindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const element = bindings.elements.find((e) => e.name.text === name);
        if (element) return element;
      }
    }
  }
  return undefined;
}

function findInDeclarationList(list: ts.VariableDeclarationList, name: string): ScopeHit | undefined {
  for (const declaration of list.declarations) {
    const bound = findInBindingName(declaration.name, name);
    if (bound) return bound === declaration.name ? declaration : (bound as ts.BindingElement);
  }
  return undefined;
}

/** The identifier (or binding element) that binds `name` inside a binding name, if any. */
function findInBindingName(bindingName: ts.BindingName, name: string): ts.Node | undefined {
  if (ts.isIdentifier(bindingName)) return bindingName.text === name ? bindingName : undefined;
  for (const element of bindingName.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) {
      if (element.name.text === name) return element;
    } else {
      const inner = findInBindingName(element.name, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** `const { createClient } = require('@supabase/supabase-js')`, `const admin = require('./admin')`: the module required. */
function requiredModule(declaration: ts.Node): string | undefined {
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const init = declaration.initializer;
  if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteralLike(init.arguments[0])) {
    return init.arguments[0].text;
  }
  return undefined;
}

function bindingElementName(element: ts.BindingElement): string {
  const property = element.propertyName ?? element.name;
  return ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : '';
}

function hasExportModifier(node: ts.Node): boolean {
  return hasModifier(node, ts.SyntaxKind.ExportKeyword);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The expressions a function gives back: `return x`, or an arrow function's expression body. */
export function returnedExpressions(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}
