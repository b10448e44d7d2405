import ts from 'typescript';
import { classifySecret, findSecrets, type SecretMatch } from '../../engine/secrets';
import { bindingOf, returnedExpressions, type Binding } from './declarations';
import { envReadOf, skipOuterExpressions, type EnvRead, type ParsedFile } from './parse';
import type { CodeProject } from './project';

/** SPEC §2 "secret source": a variable named like these. */
const SECRET_NAME = /SERVICE_ROLE|SERVICE_KEY|SECRET_KEY/;
const ANON_NAME = /ANON|PUBLISHABLE/;
const SUPABASE_MODULE = /@supabase\/(supabase-js|ssr)\b|deno\.land\/x\/supabase/;
const CONSTRUCTORS = ['createClient', 'createServerClient', 'createBrowserClient'] as const;
export type ClientConstructor = (typeof CONSTRUCTORS)[number];

/** `serviceRoleKey` → `SERVICE_ROLE_KEY`, so camelCase config names match the same patterns. */
function normalizedName(name: string): string {
  return /[a-z]/.test(name) ? name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() : name;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(normalizedName(name));
}

export function isAnonName(name: string): boolean {
  return ANON_NAME.test(normalizedName(name)) && !isSecretName(name);
}

/** Where a client's key comes from. `label` names the source and never holds a secret's value. */
export interface KeySource {
  role: 'secret' | 'anon';
  label: string;
  parsed: ParsedFile;
  node: ts.Node;
  env?: EnvRead;
  literal?: SecretMatch;
}

/** One place that constructs a Supabase client. */
export interface ClientSite {
  parsed: ParsedFile;
  call: ts.CallExpression;
  constructorName: ClientConstructor;
  key: KeySource | undefined;
  /** The key argument as written. */
  keyArgument: ts.Expression | undefined;
  options: ts.Expression | undefined;
}

/** Secret literals: service-role JWTs and `sb_secret_` keys (SPEC §2), the local development ones included. */
export function serviceKeyLiteral(text: string): SecretMatch | undefined {
  const match = classifySecret(text);
  return match && (match.kind === 'supabase-jwt' ? /service-role/.test(match.label) : match.kind === 'supabase-secret-key') ? match : undefined;
}

function publicKeyLiteral(text: string): boolean {
  return findSecrets(text).some((s) => s.class === 'public' && s.kind !== 'postgres-password');
}

/**
 * Follows values through one project: keys, clients and factory functions. Results are memoised per node,
 * so asking about every `.from()` of a file walks each definition once.
 */
export class SupabaseModel {
  private readonly sites = new Map<ts.CallExpression, ClientSite | null>();
  private readonly keys = new Map<ts.Node, KeySource | null>();
  private readonly clients = new Map<ts.Node, ClientSite | null>();

  constructor(readonly project: CodeProject) {}

  /** The key an expression holds, when it is recognisably a secret or an anon/publishable key. */
  keyOf(parsed: ParsedFile, expression: ts.Expression, depth = 0): KeySource | undefined {
    return followOnce(this.keys, expression, depth, () => this.computeKey(parsed, expression, depth));
  }

  private computeKey(parsed: ParsedFile, expression: ts.Expression, depth: number): KeySource | undefined {
    const node = skipOuterExpressions(expression);
    const read = envReadOf(node);
    if (read) return keyFromName(parsed, read.name, node, read);
    if (ts.isStringLiteralLike(node)) {
      const secret = serviceKeyLiteral(node.text);
      if (secret) return { role: 'secret', label: `a hardcoded ${secret.label.replace(/^an? /, '')}`, parsed, node, literal: secret };
      if (publicKeyLiteral(node.text)) return { role: 'anon', label: 'a hardcoded public key', parsed, node };
      return undefined;
    }
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return this.keyOf(parsed, node.left, depth + 1) ?? this.keyOf(parsed, node.right, depth + 1);
    }
    if (ts.isConditionalExpression(node)) {
      const whenTrue = this.keyOf(parsed, node.whenTrue, depth + 1);
      const whenFalse = this.keyOf(parsed, node.whenFalse, depth + 1);
      return whenTrue?.role === 'secret' ? whenTrue : whenFalse?.role === 'secret' ? whenFalse : whenTrue ?? whenFalse;
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'String' && node.arguments[0]) {
      return this.keyOf(parsed, node.arguments[0], depth + 1);
    }
    // `getEnv('SUPABASE_SERVICE_ROLE_KEY')`, `requireEnv('…')`: helpers that read a variable by name.
    const named = ts.isCallExpression(node) ? node.arguments[0] : undefined;
    if (named && ts.isStringLiteralLike(named) && /^[A-Z][A-Z0-9_]+$/.test(named.text)) return keyFromName(parsed, named.text, node);
    if (ts.isTemplateExpression(node) && node.head.text === '' && node.templateSpans.length === 1 && node.templateSpans[0].literal.text === '') {
      return this.keyOf(parsed, node.templateSpans[0].expression, depth + 1);
    }
    if (ts.isIdentifier(node)) {
      const binding = bindingOf(this.project, parsed, node);
      const value = binding && this.valueOfBinding(binding);
      const held = value && this.keyOf(value.parsed, value.expression, depth + 1);
      if (held) return held;
      if (binding?.kind === 'external' && binding.module.startsWith('$env/')) return keyFromName(parsed, binding.name, node);
      // An unresolved name (a parameter, a global) still says what it holds.
      return keyFromName(parsed, node.text, node);
    }
    if (ts.isPropertyAccessExpression(node)) {
      const fromObject = this.propertyValue(parsed, node, depth);
      if (fromObject) return fromObject;
      return keyFromName(parsed, node.name.text, node);
    }
    return undefined;
  }

  /** `config.supabase.serviceKey` where `config` is an object literal in the project. */
  private propertyValue(parsed: ParsedFile, node: ts.PropertyAccessExpression, depth: number): KeySource | undefined {
    const object = skipOuterExpressions(node.expression);
    if (!ts.isIdentifier(object)) return undefined;
    const binding = bindingOf(this.project, parsed, object);
    const value = binding && this.valueOfBinding(binding);
    if (!value) return undefined;
    const literal = skipOuterExpressions(value.expression);
    if (!ts.isObjectLiteralExpression(literal)) return undefined;
    for (const property of literal.properties) {
      if (ts.isPropertyAssignment(property) && property.name.getText(value.parsed.ast) === node.name.text) {
        return this.keyOf(value.parsed, property.initializer, depth + 1);
      }
    }
    return undefined;
  }

  /** The expression a binding is initialised with, when it has one. */
  valueOfBinding(binding: Binding): { parsed: ParsedFile; expression: ts.Expression } | undefined {
    if (binding.kind !== 'local') return undefined;
    const node = binding.node;
    if (ts.isVariableDeclaration(node) && node.initializer) return { parsed: binding.parsed, expression: node.initializer };
    if ((ts.isParameter(node) || ts.isBindingElement(node)) && node.initializer) return { parsed: binding.parsed, expression: node.initializer };
    if (ts.isExportAssignment(node)) return { parsed: binding.parsed, expression: node.expression };
    if (ts.isBinaryExpression(node)) return { parsed: binding.parsed, expression: node.right };
    if (ts.isPropertyAssignment(node)) return { parsed: binding.parsed, expression: node.initializer };
    return undefined;
  }

  /** The Supabase client an expression holds: a constructor call, a variable, an imported client, a factory's result. */
  clientOf(parsed: ParsedFile, expression: ts.Expression, depth = 0): ClientSite | undefined {
    return followOnce(this.clients, expression, depth, () => this.computeClient(parsed, expression, depth));
  }

  private computeClient(parsed: ParsedFile, expression: ts.Expression, depth: number): ClientSite | undefined {
    const node = skipOuterExpressions(expression);
    if (ts.isCallExpression(node)) {
      const site = this.siteOf(parsed, node);
      if (site) return site;
      // `client.schema('private')` queries through the same client.
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'schema') return this.clientOf(parsed, callee.expression, depth + 1);
      const fn = this.functionOf(parsed, node.expression);
      if (!fn) return undefined;
      for (const returned of returnedExpressions(fn.node)) {
        const client = this.clientOf(fn.parsed, returned, depth + 1);
        if (client) return client;
      }
      return undefined;
    }
    if (ts.isIdentifier(node)) {
      const binding = bindingOf(this.project, parsed, node);
      const value = binding && this.valueOfBinding(binding);
      return value ? this.clientOf(value.parsed, value.expression, depth + 1) : undefined;
    }
    if (ts.isConditionalExpression(node)) {
      return this.clientOf(parsed, node.whenTrue, depth + 1) ?? this.clientOf(parsed, node.whenFalse, depth + 1);
    }
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return this.clientOf(parsed, node.right, depth + 1) ?? this.clientOf(parsed, node.left, depth + 1);
    }
    return undefined;
  }

  /** The function a callee names (a declaration, or a variable holding an arrow function), in any project file. */
  functionOf(parsed: ParsedFile, callee: ts.Expression): { parsed: ParsedFile; node: ts.SignatureDeclaration } | undefined {
    const node = skipOuterExpressions(callee);
    if (!ts.isIdentifier(node)) return undefined;
    const binding = bindingOf(this.project, parsed, node);
    if (binding?.kind !== 'local') return undefined;
    if (ts.isFunctionDeclaration(binding.node)) return { parsed: binding.parsed, node: binding.node };
    const value = this.valueOfBinding(binding);
    const fn = value && skipOuterExpressions(value.expression);
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return { parsed: value.parsed, node: fn };
    return undefined;
  }

  /** The construction a call is, when it calls `createClient` / `createServerClient` / `createBrowserClient` of Supabase. */
  siteOf(parsed: ParsedFile, call: ts.CallExpression): ClientSite | undefined {
    const cached = this.sites.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const name = this.constructorOf(parsed, call.expression);
    const site: ClientSite | undefined = name && {
      parsed,
      call,
      constructorName: name,
      keyArgument: call.arguments[1],
      options: call.arguments[2],
      key: call.arguments[1] ? this.keyOf(parsed, call.arguments[1]) : undefined,
    };
    this.sites.set(call, site ?? null);
    return site;
  }

  private constructorOf(parsed: ParsedFile, callee: ts.Expression): ClientConstructor | undefined {
    const node = skipOuterExpressions(callee);
    if (ts.isPropertyAccessExpression(node) && isConstructorName(node.name.text) && ts.isIdentifier(node.expression)) {
      const binding = bindingOf(this.project, parsed, node.expression);
      return binding?.kind === 'external' && SUPABASE_MODULE.test(binding.module) ? node.name.text : undefined;
    }
    if (!ts.isIdentifier(node)) return undefined;
    const binding = bindingOf(this.project, parsed, node);
    if (!binding) return isConstructorName(node.text) ? node.text : undefined;
    if (binding.kind === 'external') {
      return SUPABASE_MODULE.test(binding.module) && isConstructorName(binding.name) ? binding.name : undefined;
    }
    return undefined;
  }

  /** Every client construction in a file. */
  sitesIn(parsed: ParsedFile): ClientSite[] {
    return parsed.calls.map((call) => this.siteOf(parsed, call)).filter((s): s is ClientSite => s !== undefined);
  }
}

/**
 * Memoises one step of value following; a node already being followed reads as unknown, so cycles
 * (`a = b; b = a`) and runaway chains end.
 */
function followOnce<T>(memo: Map<ts.Node, T | null>, node: ts.Node, depth: number, compute: () => T | undefined): T | undefined {
  if (depth > 12) return undefined;
  const cached = memo.get(node);
  if (cached !== undefined) return cached ?? undefined;
  memo.set(node, null);
  const found = compute();
  memo.set(node, found ?? null);
  return found;
}

function isConstructorName(name: string): name is ClientConstructor {
  return (CONSTRUCTORS as readonly string[]).includes(name);
}

function keyFromName(parsed: ParsedFile, name: string, node: ts.Node, env?: EnvRead): KeySource | undefined {
  const label = env ? envLabel(env) : name;
  if (isSecretName(name)) return { role: 'secret', label, parsed, node, env };
  if (isAnonName(name)) return { role: 'anon', label, parsed, node, env };
  return undefined;
}

/** How the code reads a variable, for messages: `process.env.X`, `Deno.env.get('X')`. */
export function envLabel(read: EnvRead): string {
  switch (read.style) {
    case 'process':
      return `process.env.${read.name}`;
    case 'deno':
      return `Deno.env.get('${read.name}')`;
    case 'import.meta':
      return `import.meta.env.${read.name}`;
    case 'bun':
      return `Bun.env.${read.name}`;
    default:
      return read.name;
  }
}

/** How messages name a client: its variable (in backticks), or the factory that returns it. */
export function clientName(site: ClientSite): string {
  let node: ts.Node = site.call;
  while (node.parent && (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent))) node = node.parent;
  const holder = node.parent;
  if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return `\`${holder.name.text}\``;
  if (holder && ts.isPropertyAssignment(holder) && ts.isIdentifier(holder.name)) return `\`${holder.name.text}\``;
  for (let current: ts.Node | undefined = holder; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) && current.name) return `the client that ${current.name.text}() returns`;
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isVariableDeclaration(current.parent) && ts.isIdentifier(current.parent.name)) {
      return `the client that ${current.parent.name.text}() returns`;
    }
  }
  return 'this client';
}
