import type { Fix } from '../../engine/finding';
import type { FunctionModel, SqlUnit } from '../../languages/sql';
import { as } from '../../languages/sql/ast';
import { statementTokens } from '../../languages/sql/locate';
import { insertAt } from './support';

/** Trigger functions and procedures: nobody can call them through `/rpc`. */
export function isUncallableByApi(fn: FunctionModel): boolean {
  return fn.isProcedure || fn.returnType === 'trigger' || fn.returnType === 'event_trigger';
}

/** `set search_path = ''` written into the `create function`, just before its body. */
export function emptySearchPathFix(unit: SqlUnit, fn: FunctionModel): Fix[] {
  const statement = fn.at.statement;
  if (statement.kind !== 'CreateFunctionStmt' || fn.searchPath !== undefined) return [];
  const parsed = unit.parsedOf(statement.file);
  const body = (statement.node.options ?? []).map((o: unknown) => as(o, 'DefElem')).find((d: { defname?: string } | undefined) => d?.defname === 'as');
  const byte = body
    ? statement.locationBase + body.location
    : statementTokens(parsed, statement).find((t) => t.text.toLowerCase() === 'begin')?.start;
  if (byte === undefined) return [];
  return [{
    title: "Pin the function's search_path to ''",
    // Unqualified names in the body stop resolving until they are schema-qualified: not behaviour-neutral.
    safe: false,
    edits: [insertAt(parsed, byte, "set search_path = '' ")],
  }];
}

/** `schema.name` as the user would write it in a message. */
export function functionLabel(fn: FunctionModel): string {
  return `${fn.schema}.${fn.name}()`;
}
