import ts from 'typescript';
import { enclosingFunction } from './handlers';
import { skipOuterExpressions, type ParsedFile } from './parse';
import type { ClientSite, SupabaseModel } from './supabase';

/** One `client.from('table')…` query and what its chain does. */
export interface TableQuery {
  parsed: ParsedFile;
  fromCall: ts.CallExpression;
  table: string;
  tableNode: ts.StringLiteralLike;
  client: ClientSite;
  operation: 'select' | 'insert' | 'update' | 'delete' | 'upsert' | undefined;
  /** A filter (or inserted value) on the caller's user column or a tenant column. */
  scoped: boolean;
}

const OPERATIONS = new Set(['select', 'insert', 'update', 'delete', 'upsert']);
const FILTERS = new Set(['eq', 'match', 'in', 'filter', 'contains', 'containedBy', 'is', 'or', 'like', 'ilike', 'overlaps']);
const OWNER_COLUMN = /^(user_id|userid|owner_id|owner|author_id|created_by|creator_id|profile_id|account_id|member_id|sender_id|uid|user)$/i;
const CALLER_VALUE = /\buser\b|\buser[A-Z_]|auth|session|claims|\buid\b|\.sub\b/;

interface MethodCall {
  name: string;
  args: readonly ts.Expression[];
}

/** Every `.from('table')` query of a file made on a client the model can follow. */
export function tableQueries(model: SupabaseModel, parsed: ParsedFile, tenantColumns: readonly string[]): TableQuery[] {
  const found: TableQuery[] = [];
  for (const call of parsed.calls) {
    const callee = call.expression;
    const table = call.arguments[0];
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'from' || !table || !ts.isStringLiteralLike(table)) continue;
    const client = model.clientOf(parsed, callee.expression);
    if (!client) continue;
    const methods = chainMethods(parsed, call);
    const operation = methods.find((m) => OPERATIONS.has(m.name))?.name as TableQuery['operation'];
    found.push({ parsed, fromCall: call, table: table.text, tableNode: table, client, operation, scoped: isScoped(methods, tenantColumns) });
  }
  return found;
}

/** The methods called on a query: its own chain, and later calls on the variable it was stored in (`q = q.eq(…)`). */
function chainMethods(parsed: ParsedFile, start: ts.CallExpression): MethodCall[] {
  const methods: MethodCall[] = [];
  let node: ts.Expression = start;
  for (;;) {
    const access = node.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== node) break;
    const call = access.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== access) break;
    methods.push({ name: access.name.text, args: call.arguments });
    node = call;
  }
  let holder: ts.Node = node;
  while (holder.parent && (ts.isAwaitExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent))) holder = holder.parent;
  const declaration = holder.parent;
  const variable =
    declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name.text
      : declaration && ts.isBinaryExpression(declaration) && ts.isIdentifier(declaration.left) ? declaration.left.text : undefined;
  if (variable && !ts.isAwaitExpression(holder)) {
    const fn = enclosingFunction(start);
    for (const call of parsed.calls) {
      if (call.pos < start.end || (fn && (call.pos < fn.pos || call.end > fn.end))) continue;
      if (rootIdentifier(call) === variable) methods.push(...methodsAlong(call));
    }
  }
  return methods;
}

function rootIdentifier(call: ts.CallExpression): string | undefined {
  let node: ts.Expression = call;
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) node = node.expression;
  return ts.isIdentifier(node) ? node.text : undefined;
}

function methodsAlong(call: ts.CallExpression): MethodCall[] {
  const methods: MethodCall[] = [];
  let node: ts.Expression = call;
  while (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    methods.push({ name: node.expression.name.text, args: node.arguments });
    node = node.expression.expression;
  }
  return methods;
}

function isScoped(methods: MethodCall[], tenantColumns: readonly string[]): boolean {
  const scopingColumn = (column: string, value?: ts.Expression) => {
    const name = column.trim().split(/[.\s]/)[0];
    if (OWNER_COLUMN.test(name) || tenantColumns.includes(name)) return true;
    return name === 'id' && value !== undefined && CALLER_VALUE.test(value.getText());
  };
  for (const { name, args } of methods) {
    const [first, second] = args;
    if (FILTERS.has(name) && first) {
      if (ts.isStringLiteralLike(first)) {
        if (name === 'or' ? first.text.split(',').some((part) => scopingColumn(part)) : scopingColumn(first.text, second)) return true;
      } else if (name === 'match' && objectKeys(first).some((key) => scopingColumn(key))) {
        return true;
      }
    }
    if ((name === 'insert' || name === 'upsert') && first && objectKeys(first).some((key) => scopingColumn(key))) return true;
  }
  return false;
}

/** Keys of an object literal, or of every object literal in an array literal. */
function objectKeys(expression: ts.Expression): string[] {
  const node = skipOuterExpressions(expression);
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => objectKeys(e));
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((p) => {
    if (ts.isShorthandPropertyAssignment(p)) return [p.name.text];
    if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return [p.name.text];
    return [];
  });
}
