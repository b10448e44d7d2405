import ts from 'typescript';
import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';
import { bindingOf } from '../../languages/code/declarations';
import { bindAllLiteral } from '../../languages/code/mcp';
import { skipOuterExpressions, type ParsedFile } from '../../languages/code/parse';
import { rangeOfNode, type CodeProject } from '../../languages/code/project';
import { findProperty } from '../../languages/code/refactor';

const TRANSPORTS = new Set(['StreamableHTTPServerTransport', 'WebStandardStreamableHTTPServerTransport', 'SSEServerTransport']);

export const mcpServerNoHostCheck: Rule<CodeUnit> = {
  meta: {
    id: 'code/mcp-server-no-host-check',
    defaultSeverity: 'warning',
    description: 'An MCP Streamable HTTP server has no DNS-rebinding protection (allowedHosts).',
  },
  language: 'code',
  check({ unit, report }) {
    const { parsed, project } = unit;
    if (hasHostValidation(project, parsed)) return;
    for (const created of parsed.news) {
      const className = ts.isIdentifier(created.expression) ? created.expression.text : ts.isPropertyAccessExpression(created.expression) ? created.expression.name.text : '';
      if (!TRANSPORTS.has(className)) continue;
      const args = created.arguments ?? [];
      const options = className === 'SSEServerTransport' ? args[2] : args[0];
      const object = options && objectLiteralOf(project, parsed, options);
      if (options && !object) continue;
      if (object && hasProperty(object, 'allowedHosts') && isTrue(propertyValue(object, 'enableDnsRebindingProtection'))) continue;
      report({
        message: `This ${className} checks no Host header (no allowedHosts with enableDnsRebindingProtection): a web page can reach the server through DNS rebinding and call its tools.`,
        range: rangeOfNode(parsed, created.expression),
      });
    }
  },
};

/** `createMcpExpressApp()` on a loopback host (or with `allowedHosts`), or the SDK's host-validation middleware. */
function hasHostValidation(project: CodeProject, parsed: ParsedFile): boolean {
  for (const call of parsed.calls) {
    const callee = call.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (name === 'hostHeaderValidation' || name === 'localhostHostValidation') return true;
    if (name !== 'createMcpExpressApp') continue;
    const object = call.arguments[0] && objectLiteralOf(project, parsed, call.arguments[0]);
    if (!object) return !call.arguments[0];
    if (hasProperty(object, 'allowedHosts')) return true;
    const host = propertyValue(object, 'host');
    if (!host || !bindAllLiteral(project, parsed, host)) return true;
  }
  return false;
}

function objectLiteralOf(project: CodeProject, parsed: ParsedFile, expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const node = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const binding = bindingOf(project, parsed, node);
  if (binding?.kind !== 'local' || !ts.isVariableDeclaration(binding.node) || !binding.node.initializer) return undefined;
  const init = skipOuterExpressions(binding.node.initializer);
  return ts.isObjectLiteralExpression(init) ? init : undefined;
}

function hasProperty(object: ts.ObjectLiteralExpression, name: string): boolean {
  return object.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name) && p.name.text === name);
}

function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  return findProperty(object, name)?.initializer;
}

function isTrue(value: ts.Expression | undefined): boolean {
  return value !== undefined && value.kind === ts.SyntaxKind.TrueKeyword;
}
