import ts from 'typescript';
import type { ParsedFile } from './parse';

/** Where request-time code runs: route handlers, server actions, Edge Functions, server routes of every framework. */

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const ROUTER_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'route', 'on', 'handle']);
/** `server.tool(name, …, handler)`: an MCP server's tools run on each agent request. */
const MCP_REGISTRATIONS = new Set(['tool', 'registerTool', 'resource', 'registerResource', 'prompt', 'registerPrompt']);
const REQUEST_TYPE = /\b(Next)?Request\b|NextApiRequest|RequestEvent|FastifyRequest|\bContext\b|LoaderFunctionArgs|ActionFunctionArgs/;

export type FunctionNode = ts.SignatureDeclaration & { body?: ts.ConciseBody };

export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && (current as FunctionNode).body) return current as FunctionNode;
  }
  return undefined;
}

/** A readable name for a function: its own, the variable or property holding it, or what it is passed to. */
export function functionName(fn: ts.SignatureDeclaration): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  if (ts.isExportAssignment(parent)) return 'default export';
  if (ts.isCallExpression(parent)) return `${calleeText(parent.expression)} callback`;
  return 'anonymous function';
}

function calleeText(callee: ts.Expression): string {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return `${calleeText(callee.expression)}.${callee.name.text}`;
  return 'call';
}

/** The request handler a node runs in (the nearest enclosing one), described for messages. */
export function requestHandlerOf(parsed: ParsedFile, node: ts.Node): { fn: FunctionNode; label: string } | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const label = handlerLabel(parsed, fn);
    if (label) return { fn, label };
  }
  return undefined;
}

function handlerLabel(parsed: ParsedFile, fn: FunctionNode): string | undefined {
  const relative = parsed.file.relativePath;
  const name = functionName(fn);
  const exported = isExported(fn);
  if (exported && HTTP_METHODS.has(name) && /(^|\/)(route|\+server)\.[cm]?[jt]sx?$/.test(relative)) return `the route handler ${name}`;
  const defaultExport = name === 'default export' || (exported && isDefaultExport(fn));
  if (defaultExport && /(^|\/)pages\/api\//.test(relative)) return 'the API route';
  if (exported && (name === 'loader' || name === 'action' || name === 'load')) return `the ${name} function`;
  if (hasUseServerDirective(fn) || (parsed.directive === 'use server' && exported)) return `the server action ${name}`;
  if (defaultExport && parsed.directive !== 'use client' && /(^|\/)app\/(.*\/)?(page|layout)\.[jt]sx?$/.test(relative)) {
    return name === 'default export' ? 'the server component' : `the server component ${name}`;
  }
  const parent = fn.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as unknown as ts.Expression)) {
    const callee = calleeText(parent.expression);
    if (/^(Deno\.serve|serve|Bun\.serve|createServer|http\.createServer|https\.createServer)$/.test(callee)) {
      return /(^|\/)supabase\/functions\//.test(relative) ? 'the Edge Function handler' : `the ${callee} handler`;
    }
    if (ts.isPropertyAccessExpression(parent.expression) && MCP_REGISTRATIONS.has(parent.expression.name.text)) {
      const name = parent.arguments[0];
      return `the MCP ${parent.expression.name.text.replace(/^register/, '').toLowerCase()} ${name && ts.isStringLiteralLike(name) ? name.text : 'handler'}`;
    }
    if (ts.isPropertyAccessExpression(parent.expression) && ROUTER_METHODS.has(parent.expression.name.text) && parent.arguments.length >= 2) {
      return `the ${callee} handler`;
    }
  }
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(fn)) {
    if (name === 'fetch') return 'the fetch handler';
    if (isInActionsObject(fn)) return `the form action ${name}`;
  }
  if (requestParameter(fn)) return `the handler ${name}`;
  return undefined;
}

function isInActionsObject(fn: ts.Node): boolean {
  const object = ts.isPropertyAssignment(fn.parent) ? fn.parent.parent : fn.parent;
  const holder = object?.parent;
  return Boolean(holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.name.text === 'actions');
}

function hasUseServerDirective(fn: FunctionNode): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  const first = body.statements[0];
  return Boolean(first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server');
}

function isExported(fn: ts.Node): boolean {
  const holder = ts.isVariableDeclaration(fn.parent) ? fn.parent.parent.parent : fn;
  if (ts.isExportAssignment(fn.parent)) return true;
  return ts.canHaveModifiers(holder) && (ts.getModifiers(holder) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isDefaultExport(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** The parameter carrying the incoming request, and how to read a header from it. */
export interface RequestParameter {
  name: string;
  style: 'fetch' | 'node' | 'hono';
}

function requestParameter(fn: ts.SignatureDeclaration): RequestParameter | undefined {
  const [first, second] = fn.parameters;
  if (!first) return undefined;
  const typeText = first.type?.getText() ?? '';
  if (ts.isObjectBindingPattern(first.name)) {
    const request = first.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === 'request');
    return request ? { name: 'request', style: 'fetch' } : undefined;
  }
  if (!ts.isIdentifier(first.name)) return undefined;
  const name = first.name.text;
  const secondName = second && ts.isIdentifier(second.name) ? second.name.text : '';
  if (/NextApiRequest|express|IncomingMessage/.test(typeText) || (/^req/.test(name) && /^res/.test(secondName) && !/\bRequest\b/.test(typeText))) {
    return { name, style: 'node' };
  }
  if (/\bContext\b/.test(typeText) || (name === 'c' && !typeText)) return { name, style: 'hono' };
  if (REQUEST_TYPE.test(typeText) || name === 'req' || name === 'request') return { name, style: 'fetch' };
  return undefined;
}

/** How to read the caller's `Authorization` header at a node, if a request is in scope. */
export function bearerInScope(parsed: ParsedFile, node: ts.Node): { expression: string; nextHeaders?: boolean } | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const variable = authorizationVariable(fn, node.pos);
    if (variable) return { expression: `${variable} ?? ''` };
    const request = requestParameter(fn);
    if (request) {
      const read =
        request.style === 'node'
          ? `${request.name}.headers.authorization`
          : request.style === 'hono'
            ? `${request.name}.req.header('Authorization')`
            : `${request.name}.headers.get('Authorization')`;
      return { expression: `${read} ?? ''` };
    }
  }
  const fn = enclosingFunction(node);
  if (fn && isAsync(fn) && usesNext(parsed)) return { expression: `(await headers()).get('Authorization') ?? ''`, nextHeaders: true };
  return undefined;
}

/** `const authHeader = req.headers.get('Authorization')` declared before `before` in the function. */
function authorizationVariable(fn: FunctionNode, before: number): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node) => {
    if (found || node.pos >= before) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && /headers\.get\(\s*['"`]authorization['"`]\s*\)|headers\.authorization\b/i.test(node.initializer.getText())) {
      found = node.name.text;
      return;
    }
    if (ts.isFunctionLike(node)) return;
    ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}

function isAsync(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

function usesNext(parsed: ParsedFile): boolean {
  return parsed.imports.some((i) => i.specifier === 'next' || i.specifier.startsWith('next/')) || parsed.directive === 'use server' ||
    /(^|\/)app\/(.*\/)?(route|page|layout|actions?)\.[jt]sx?$/.test(parsed.file.relativePath);
}
