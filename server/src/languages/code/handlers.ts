import ts from 'typescript';
import { skipOuterExpressions, type ParsedFile } from './parse';

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
  if (exported && name === 'getServerSideProps') return 'getServerSideProps';
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
    // Nuxt / Nitro / h3 server routes.
    if (/^(defineEventHandler|eventHandler|defineCachedEventHandler)$/.test(callee)) return 'the server route handler';
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

/** Environment variables named like a credential the caller must present (`CRON_SECRET`, `STRIPE_WEBHOOK_SECRET`). */
const CREDENTIAL_ENV = /SECRET|TOKEN|KEY|PASSWORD/i;
/** Calls that check a signature or a shared secret: Stripe, Svix/Standard Webhooks, jose/jsonwebtoken, Node crypto. */
const VERIFIER = /verif|constructEvent|validate|timingSafeEqual|compare|Webhook/i;

/**
 * The handler checks, before `before`, that the caller presents a credential from the environment: a comparison
 * with it (`auth !== \`Bearer ${Deno.env.get('CRON_SECRET')}\``) or a signature check keyed by it
 * (`stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET)`). Such an endpoint serves a
 * trusted system (a scheduler, a webhook sender), not any caller.
 */
export function checksSharedSecret(parsed: ParsedFile, fn: FunctionNode, before: number): boolean {
  const credentialReads = parsed.envReads.filter((read) => CREDENTIAL_ENV.test(read.name));
  if (!credentialReads.length || !fn.body) return false;
  const boundNames = new Set(credentialReads.map((read) => boundVariable(read.node)).filter((name): name is string => Boolean(name)));
  const mentionsCredential = (node: ts.Node): boolean => {
    let found = false;
    const visit = (child: ts.Node) => {
      if (found) return;
      if (credentialReads.some((read) => read.node === child) || (ts.isIdentifier(child) && boundNames.has(child.text))) found = true;
      else ts.forEachChild(child, visit);
    };
    visit(node);
    return found;
  };
  let checked = false;
  const visit = (node: ts.Node) => {
    if (checked || node.pos >= before) return;
    if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind) && comparesWithCaller(node, mentionsCredential)) checked = true;
    else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && VERIFIER.test(calleeText(node.expression)) && (node.arguments ?? []).some(mentionsCredential)) checked = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return checked;
}

/** One side holds the credential, the other something from the caller: not a presence check (`key === undefined`). */
function comparesWithCaller(comparison: ts.BinaryExpression, mentionsCredential: (node: ts.Node) => boolean): boolean {
  const [left, right] = [skipOuterExpressions(comparison.left), skipOuterExpressions(comparison.right)];
  const constant = (node: ts.Expression) =>
    ts.isLiteralExpression(node) || node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined') || ts.isTypeOfExpression(node);
  if (constant(left) || constant(right)) return false;
  return mentionsCredential(left) !== mentionsCredential(right);
}

const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
]);

/** `const CRON_SECRET = Deno.env.get('CRON_SECRET')!`: the variable later comparisons use. */
function boundVariable(read: ts.Node): string | undefined {
  let node = read;
  while (ts.isNonNullExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || (ts.isBinaryExpression(node.parent) && node.parent.left === node)) {
    node = node.parent;
  }
  if (ts.isBindingElement(read) && ts.isIdentifier(read.name)) return read.name.text;
  return ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
}
