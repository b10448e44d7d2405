import type { Fix } from '../../engine/finding';
import type { FunctionModel, SqlUnit } from '../../languages/sql';
import { as } from '../../languages/sql/ast';
import { insertAt } from './_support';

/** Trigger functions and procedures: nobody can call them through `/rpc`. */
export function isUncallableByApi(fn: FunctionModel): boolean {
  return fn.isProcedure || fn.returnType === 'trigger' || fn.returnType === 'event_trigger';
}

/**
 * SQL-standard bodies (`begin atomic … end`, `return …`) are parsed when the function is created: their
 * names are bound then, so no later search_path can redirect them.
 */
export function bindsNamesAtCreation(fn: FunctionModel): boolean {
  return fn.sqlBody !== undefined;
}

/** `set search_path = ''` written into the `create function`, just before its body. */
export function emptySearchPathFix(unit: SqlUnit, fn: FunctionModel): Fix[] {
  const statement = fn.at.statement;
  if (statement.kind !== 'CreateFunctionStmt' || fn.searchPath !== undefined) return [];
  const parsed = unit.parsedOf(statement.file);
  const body = (statement.node.options ?? []).map((o: unknown) => as(o, 'DefElem')).find((d: { defname?: string } | undefined) => d?.defname === 'as');
  if (!body) return [];
  const byte = statement.locationBase + body.location;
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
