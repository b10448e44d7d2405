/**
 * Small helpers over libpg-query's JSON AST. A node is `{Kind: {...fields}}`; lists are arrays of nodes.
 * The AST is untyped here on purpose: rules look at a handful of node kinds and must tolerate the rest.
 */
export type PgNode = Record<string, any>;

/** The kind of a wrapped node (`{A_Expr: {...}}` → `A_Expr`). */
export function kindOf(node: unknown): string | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 && /^[A-Z]/.test(keys[0]) ? keys[0] : undefined;
}

/** The fields of a wrapped node of the given kind, or undefined. */
export function as(node: unknown, kind: string): PgNode | undefined {
  return kindOf(node) === kind ? (node as PgNode)[kind] : undefined;
}

/** The string values of a name list (`[{String: {sval}}]`), lower-cased as Postgres folds them. */
export function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((n) => as(n, 'String')?.sval).filter((s): s is string => typeof s === 'string');
}

/**
 * Visits every wrapped node under `root` (depth first, parents before children). Return `false` from the
 * visitor to skip a node's children.
 */
export function walk(root: unknown, visit: (kind: string, fields: PgNode, node: PgNode) => boolean | void): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const current = stack.pop();
    if (!current || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]);
      continue;
    }
    const kind = kindOf(current);
    if (kind) {
      const fields = (current as PgNode)[kind];
      if (visit(kind, fields, current as PgNode) === false) continue;
      stack.push(fields);
      continue;
    }
    const values = Object.values(current);
    for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
  }
}

/** Whether any node under `root` satisfies `test`. */
export function some(root: unknown, test: (kind: string, fields: PgNode) => boolean): boolean {
  let found = false;
  walk(root, (kind, fields) => {
    if (found) return false;
    if (test(kind, fields)) found = true;
    return !found;
  });
  return found;
}

/** `schema.name` of a function call (`auth.uid`), lower-cased. */
export function functionName(call: PgNode): string {
  return names(call.funcname).join('.').toLowerCase();
}

/** The operator of an `A_Expr` (`=`, `->>`, …). */
export function operatorOf(expr: PgNode): string {
  return names(expr.name).join('.');
}

/** The value of a constant: boolean, number or string. */
export function constantValue(node: unknown): boolean | number | string | null | undefined {
  const constant = as(node, 'A_Const');
  if (!constant) return undefined;
  if (constant.isnull) return null;
  if (constant.boolval) return constant.boolval.boolval === true;
  if (constant.ival) return constant.ival.ival ?? 0;
  if (constant.fval) return Number(constant.fval.fval);
  if (constant.sval) return constant.sval.sval ?? '';
  if (constant.bsval) return constant.bsval.bsval;
  return undefined;
}

/** The last name of a column reference (`m.user_id` → `user_id`). */
export function columnName(node: unknown): string | undefined {
  const ref = as(node, 'ColumnRef');
  if (!ref) return undefined;
  const parts = names(ref.fields);
  return parts.length ? parts[parts.length - 1].toLowerCase() : undefined;
}

/** Strips casts (`x::text`), which never change whom a predicate admits. */
export function withoutCasts(node: unknown): unknown {
  let current = node;
  for (let cast = as(current, 'TypeCast'); cast; cast = as(current, 'TypeCast')) current = cast.arg;
  return current;
}

/** The DefElem options of a statement as a map from name to argument. */
export function definitionOptions(options: unknown): Map<string, PgNode | undefined> {
  const map = new Map<string, PgNode | undefined>();
  if (!Array.isArray(options)) return map;
  for (const option of options) {
    const def = as(option, 'DefElem');
    if (def) map.set(String(def.defname).toLowerCase(), def.arg);
  }
  return map;
}

/** A reloption / DefElem argument as text (`on`, `true`, `1`). */
export function optionText(arg: unknown): string | undefined {
  const string = as(arg, 'String');
  if (string) return String(string.sval).toLowerCase();
  const boolean = as(arg, 'Boolean');
  if (boolean) return boolean.boolval ? 'true' : 'false';
  const integer = as(arg, 'Integer');
  if (integer) return String(integer.ival ?? 0);
  const typeName = as(arg, 'TypeName');
  if (typeName) return names(typeName.names).join('.').toLowerCase();
  const value = constantValue(arg);
  return value === undefined || value === null ? undefined : String(value).toLowerCase();
}

const TRUTHY = new Set(['on', 'true', '1', 'yes', 't']);
export function isTruthyOption(arg: unknown): boolean {
  // A bare option (`with (security_invoker)`) is true.
  return arg === undefined || TRUTHY.has(optionText(arg) ?? '');
}

/**
 * Caches a pure function of a parse-tree node. Trees live as long as their file's cached parse, so an
 * unchanged migration's policies are analysed once however often the history is replayed.
 */
export function perNode<T>(compute: (node: unknown) => T): (node: unknown) => T {
  const cache = new WeakMap<object, T>();
  return (node) => {
    if (!node || typeof node !== 'object') return compute(node);
    if (cache.has(node)) return cache.get(node)!;
    const value = compute(node);
    cache.set(node, value);
    return value;
  };
}
