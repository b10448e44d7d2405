import ts from 'typescript';
import { bindingOf } from './declarations';
import { skipOuterExpressions, type ParsedFile } from './parse';
import type { CodeProject } from './project';

/** A module that builds an MCP server (the SDK, or a known MCP framework). */
export function isMcpModule(parsed: ParsedFile): boolean {
  return parsed.imports.some((i) => /modelcontextprotocol|fastmcp|mcp-handler|mcp-adapter|(^|[/@-])mcp([/-]|$)/.test(i.specifier));
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

/** The `'0.0.0.0'` / `'::'` literal an expression holds (through constants and `??` defaults), if any. */
export function bindAllLiteral(project: CodeProject, parsed: ParsedFile, expression: ts.Expression, depth = 0): ts.StringLiteralLike | undefined {
  if (depth > 6) return undefined;
  const node = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(node)) return ALL_INTERFACES.has(node.text) ? node : undefined;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return bindAllLiteral(project, parsed, node.right, depth + 1) ?? bindAllLiteral(project, parsed, node.left, depth + 1);
  }
  if (ts.isIdentifier(node)) {
    const binding = bindingOf(project, parsed, node);
    if (binding?.kind === 'local' && binding.parsed === parsed && ts.isVariableDeclaration(binding.node) && binding.node.initializer) {
      return bindAllLiteral(project, parsed, binding.node.initializer, depth + 1);
    }
  }
  return undefined;
}

/** The host a server is told to listen on: `listen(port, host)`, `listen({ host })`, `serve({ hostname })`, `createMcpExpressApp({ host })`. */
export function listenHostArguments(call: ts.CallExpression): ts.Expression[] {
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (name === 'listen') {
    return call.arguments.flatMap((arg) => {
      const node = skipOuterExpressions(arg);
      return ts.isObjectLiteralExpression(node) ? hostProperties(node) : ts.isStringLiteralLike(node) || ts.isIdentifier(node) || ts.isBinaryExpression(node) ? [arg] : [];
    });
  }
  if (name === 'serve' || name === 'createMcpExpressApp' || name === 'createServer') {
    const first = call.arguments[0] && skipOuterExpressions(call.arguments[0]);
    return first && ts.isObjectLiteralExpression(first) ? hostProperties(first) : [];
  }
  return [];
}

function hostProperties(object: ts.ObjectLiteralExpression): ts.Expression[] {
  return object.properties.flatMap((p) =>
    ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && (p.name.text === 'host' || p.name.text === 'hostname') ? [p.initializer] : [],
  );
}
