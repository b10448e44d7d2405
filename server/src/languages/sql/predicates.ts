import { as, columnName, constantValue, functionName, operatorOf, perNode, some, walk, withoutCasts, type PgNode } from './ast';

/**
 * What a policy predicate (a parsed USING / WITH CHECK tree) guarantees about the rows it admits.
 * Predicates are judged as trees, never as text: `true`, `(true)`, `1 = 1` are the same tautology, and
 * a comment that mentions `auth.uid()` is not a call.
 */

/** Functions that say who the caller is. */
const IDENTITY_FUNCTIONS = new Set(['auth.uid', 'auth.jwt', 'auth.email', 'auth.role']);

/** A call of `auth.uid()`, `auth.jwt()` (…), with whether it is already evaluated once per statement. */
export interface AuthCall {
  name: string;
  /** Node location (statement-relative bytes) of the call. */
  location: number;
  /** True inside `(select …)`: Postgres evaluates it once (an initPlan) instead of once per row. */
  wrapped: boolean;
}

/** `auth.*` calls in a predicate, noting which are wrapped in a scalar subquery. */
export const authCalls = perNode((predicate: unknown): AuthCall[] => {
  const calls: AuthCall[] = [];
  const visit = (node: unknown, wrapped: boolean) => {
    walk(node, (kind, fields) => {
      if (kind === 'SubLink') {
        visit(fields.testexpr, wrapped);
        visit(fields.subselect, true);
        return false;
      }
      if (kind === 'FuncCall') {
        const name = functionName(fields);
        if (IDENTITY_FUNCTIONS.has(name)) calls.push({ name, location: fields.location ?? 0, wrapped });
      }
      return true;
    });
  };
  visit(predicate, false);
  return calls;
});

/** Whether a predicate reads the caller's identity at all (an `auth.*` call or the JWT claims setting). */
export const mentionsIdentity = perNode((node: unknown): boolean => {
  return some(node, (kind, fields) => {
    if (kind !== 'FuncCall') return false;
    const name = functionName(fields);
    return IDENTITY_FUNCTIONS.has(name) || (isCurrentSetting(name) && some(fields.args, (k, f) => k === 'A_Const' && /request\.jwt/.test(String(f.sval?.sval ?? ''))));
  });
});

function isCurrentSetting(name: string): boolean {
  return name === 'current_setting' || name === 'pg_catalog.current_setting';
}

/**
 * An expression that evaluates to the signed-in user's id or email: `auth.uid()`, `(select auth.uid())`,
 * `auth.jwt() ->> 'sub'`, `auth.jwt() ->> 'email'`, `current_setting('request.jwt.claim.sub')`, any of
 * them cast or case-folded (`lower(…)`).
 */
export function isUserIdentity(node: unknown): boolean {
  const expr = withoutCaseFolding(node);
  const call = as(expr, 'FuncCall');
  if (call) {
    const name = functionName(call);
    if (name === 'auth.uid' || name === 'auth.email') return true;
    if (isCurrentSetting(name)) return /request\.jwt\.claim\.sub/.test(String(constantValue(call.args?.[0]) ?? ''));
    return false;
  }
  const subLink = as(expr, 'SubLink');
  if (subLink?.subLinkType === 'EXPR_SUBLINK') {
    const select = as(subLink.subselect, 'SelectStmt');
    const targets = select?.targetList ?? [];
    return !select?.fromClause && targets.length === 1 && isUserIdentity(as(targets[0], 'ResTarget')?.val);
  }
  const op = as(expr, 'A_Expr');
  if (op && op.kind === 'AEXPR_OP' && (operatorOf(op) === '->>' || operatorOf(op) === '->')) {
    return ['sub', 'email'].includes(String(constantValue(op.rexpr))) && mentionsIdentity(op.lexpr);
  }
  return false;
}

const CASE_FOLDING = new Set(['lower', 'upper', 'btrim', 'trim']);

/** `lower(x)`, `upper(btrim(x))`… → `x`, casts dropped: comparing folded values still compares the values. */
function withoutCaseFolding(node: unknown): unknown {
  let expr = withoutCasts(node);
  for (let call = as(expr, 'FuncCall'); call && CASE_FOLDING.has(functionName(call).replace(/^pg_catalog\./, '')) && call.args?.length === 1; call = as(expr, 'FuncCall')) {
    expr = withoutCasts(call.args[0]);
  }
  return expr;
}

/** The leaves of a predicate and how they combine: AND needs one leaf to hold, OR needs every branch. */
export function guarantees(predicate: unknown, leafHolds: (leaf: PgNode) => boolean): boolean {
  const bool = as(predicate, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).some((a: PgNode) => guarantees(a, leafHolds));
  if (bool?.boolop === 'OR_EXPR') return (bool.args ?? []).every((a: PgNode) => guarantees(a, leafHolds));
  return predicate !== undefined && predicate !== null && leafHolds(predicate as PgNode);
}

/** `owner = auth.uid()` (either side, wrapped or cast): the column that ties a row to its user. */
export function ownerColumn(leaf: PgNode): string | undefined {
  const op = as(leaf, 'A_Expr');
  if (!op || op.kind !== 'AEXPR_OP' || operatorOf(op) !== '=') return undefined;
  const left = columnName(withoutCaseFolding(op.lexpr));
  const right = columnName(withoutCaseFolding(op.rexpr));
  if (left && isUserIdentity(op.rexpr)) return left;
  if (right && isUserIdentity(op.lexpr)) return right;
  return undefined;
}

/** The relations (`schema.name` or `name`) a subquery reads. */
export const relationsIn = perNode((node: unknown): string[] => {
  const out: string[] = [];
  walk(node, (kind, fields) => {
    if (kind === 'RangeVar') out.push(fields.schemaname ? `${fields.schemaname}.${fields.relname}` : fields.relname);
  });
  return out;
});

/**
 * A leaf that ties one of `columns` to the caller: `col in (select … where user_id = auth.uid())`,
 * `exists (select … where m.col = t.col and m.user_id = auth.uid())`, `col = (auth.jwt() ->> 'org')::uuid`,
 * or a helper function given the column (`is_member(col)`). Returns the subquery's relations when there is one.
 */
export function tiesColumnToCaller(leaf: PgNode, columns: ReadonlySet<string>): { column: string; via: string[] } | undefined {
  const subLink = as(leaf, 'SubLink');
  if (subLink) {
    if (![subLink.subselect, subLink.testexpr].some((n) => mentionsIdentity(n) || callsUserFunction(n))) return undefined;
    if (subLink.subLinkType === 'ANY_SUBLINK') {
      const column = columnName(withoutCasts(subLink.testexpr));
      if (column && columns.has(column)) return { column, via: relationsIn(subLink.subselect) };
      // `auth.uid() in (select user_id from members where members.team_id = t.team_id)`: correlated the other way.
      if (!isUserIdentity(subLink.testexpr)) return undefined;
    }
    if (subLink.subLinkType === 'ANY_SUBLINK' || subLink.subLinkType === 'EXISTS_SUBLINK') {
      let column: string | undefined;
      walk(subLink.subselect, (kind, fields) => {
        const name = kind === 'ColumnRef' ? columnName({ ColumnRef: fields }) : undefined;
        if (name && columns.has(name)) column ??= name;
      });
      return column ? { column, via: relationsIn(subLink.subselect) } : undefined;
    }
    return undefined;
  }
  const op = as(leaf, 'A_Expr');
  if (op && (op.kind === 'AEXPR_OP' || op.kind === 'AEXPR_OP_ANY' || op.kind === 'AEXPR_IN')) {
    for (const [mine, other] of [[op.lexpr, op.rexpr], [op.rexpr, op.lexpr]]) {
      const column = columnName(withoutCasts(mine));
      if (column && columns.has(column) && (mentionsIdentity(other) || callsUserFunction(other))) {
        return { column, via: relationsIn(other) };
      }
    }
    return undefined;
  }
  const call = as(leaf, 'FuncCall');
  if (call && !isBuiltinOrAuth(functionName(call))) {
    let column: string | undefined;
    walk(call.args, (kind, fields) => {
      const name = kind === 'ColumnRef' ? columnName({ ColumnRef: fields }) : undefined;
      if (name && columns.has(name)) column ??= name;
    });
    return column ? { column, via: [] } : undefined;
  }
  return undefined;
}

/** Whether a leaf calls a function of the project (`is_admin()`, `private.my_workspaces()`): its logic is out of sight. */
export const callsUserFunction = perNode((node: unknown): boolean => {
  return some(node, (kind, fields) => kind === 'FuncCall' && !isBuiltinOrAuth(functionName(fields)));
});

const BUILTINS = new Set([
  'coalesce', 'lower', 'upper', 'now', 'current_setting', 'array', 'any', 'jsonb_build_object', 'json_build_object',
  'to_jsonb', 'to_json', 'length', 'char_length', 'nullif', 'greatest', 'least', 'btrim', 'trim', 'concat',
  'jsonb_array_elements_text', 'json_array_elements_text', 'string_to_array', 'array_agg', 'count', 'cardinality',
]);

/** Supabase's own helpers: they read the object's path or the channel's topic, not who the caller is. */
const PLATFORM_HELPERS = new Set(['storage.foldername', 'storage.filename', 'storage.extension', 'realtime.topic']);

function isBuiltinOrAuth(name: string): boolean {
  const bare = name.replace(/^pg_catalog\./, '');
  return IDENTITY_FUNCTIONS.has(name) || name.startsWith('auth.') || BUILTINS.has(bare) || PLATFORM_HELPERS.has(name);
}

/** A leaf that admits anyone signed in (or some signed-in subset): it needs a user, even if not the row's owner. */
export function requiresSignedIn(leaf: PgNode): boolean {
  return mentionsIdentity(leaf) || callsUserFunction(leaf);
}

/**
 * Whether a predicate admits every row to every signed-in user: a tautology, or only a check that the
 * caller is signed in (`auth.uid() is not null`, `auth.role() = 'authenticated'`, `auth.jwt() ->> 'role'
 * <> 'anon'`), combined with others of the kind.
 */
export const admitsEverySignedInUser = perNode((node: unknown): boolean => {
  if (isTautology(node)) return true;
  const expr = withoutCasts(node);
  const bool = as(expr, 'BoolExpr');
  if (bool?.boolop === 'OR_EXPR') return (bool.args ?? []).some(admitsEverySignedInUser);
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).every(admitsEverySignedInUser);
  const nullTest = as(expr, 'NullTest');
  if (nullTest) return nullTest.nulltesttype === 'IS_NOT_NULL' && isCallerIdentity(nullTest.arg);
  const op = as(expr, 'A_Expr');
  if (op?.kind !== 'AEXPR_OP') return false;
  const operator = operatorOf(op);
  for (const [side, other] of [[op.lexpr, op.rexpr], [op.rexpr, op.lexpr]]) {
    if (!isCallerRole(side)) continue;
    const role = constantValue(withoutCasts(other));
    if ((operator === '=' && role === 'authenticated') || ((operator === '<>' || operator === '!=') && role === 'anon')) return true;
  }
  return false;
});

/** The caller's user id, email or whole JWT, possibly in `(select …)`: not null exactly when signed in. */
function isCallerIdentity(node: unknown): boolean {
  const expr = scalarSelected(node);
  const call = as(expr, 'FuncCall');
  return isUserIdentity(expr) || (call !== undefined && functionName(call) === 'auth.jwt');
}

/** The caller's database role: `auth.role()`, `auth.jwt() ->> 'role'`, the `role` claim setting, `current_user`. */
function isCallerRole(node: unknown): boolean {
  const expr = scalarSelected(node);
  const call = as(expr, 'FuncCall');
  if (call) {
    const name = functionName(call);
    return name === 'auth.role' || (isCurrentSetting(name) && /request\.jwt\.claim\.role/.test(String(constantValue(call.args?.[0]) ?? '')));
  }
  const op = as(expr, 'A_Expr');
  if (op?.kind === 'AEXPR_OP' && operatorOf(op) === '->>') return constantValue(op.rexpr) === 'role' && mentionsIdentity(op.lexpr);
  const value = as(expr, 'SQLValueFunction');
  return value?.op === 'SVFOP_CURRENT_USER' || value?.op === 'SVFOP_CURRENT_ROLE';
}

/** `(select x)` → `x` (casts dropped on both levels). */
function scalarSelected(node: unknown): unknown {
  const expr = withoutCasts(node);
  const subLink = as(expr, 'SubLink');
  const select = subLink?.subLinkType === 'EXPR_SUBLINK' ? as(subLink.subselect, 'SelectStmt') : undefined;
  const targets = select?.targetList ?? [];
  if (!select || select.fromClause || targets.length !== 1) return expr;
  return withoutCasts(as(targets[0], 'ResTarget')?.val);
}

/**
 * Whether a predicate admits every row: `true`, `(true)`, `1 = 1`, `'a' = 'a'`, `true or …`, `not false`,
 * `x = x`. Casts are ignored.
 */
export const isTautology = perNode((node: unknown): boolean => {
  const expr = withoutCasts(node);
  const value = constantValue(expr);
  if (value !== undefined) return value === true || value === 't' || value === 'true' || value === 'on';
  const bool = as(expr, 'BoolExpr');
  if (bool?.boolop === 'OR_EXPR') return (bool.args ?? []).some(isTautology);
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).every(isTautology);
  if (bool?.boolop === 'NOT_EXPR') return isContradiction(bool.args?.[0]);
  const op = as(expr, 'A_Expr');
  if (op?.kind === 'AEXPR_OP') {
    const result = compareConstants(operatorOf(op), op.lexpr, op.rexpr);
    if (result !== undefined) return result;
    // `id = id`, `1 = 1` written with columns: true for every non-null row.
    const left = columnName(withoutCasts(op.lexpr));
    return ['=', '>=', '<='].includes(operatorOf(op)) && left !== undefined && left === columnName(withoutCasts(op.rexpr)) &&
      JSON.stringify(withoutLocations(op.lexpr)) === JSON.stringify(withoutLocations(op.rexpr));
  }
  return false;
});

function isContradiction(node: unknown): boolean {
  const expr = withoutCasts(node);
  const value = constantValue(expr);
  if (value !== undefined) return value === false || value === 'f' || value === 'false' || value === null;
  const op = as(expr, 'A_Expr');
  if (op?.kind === 'AEXPR_OP') return compareConstants(operatorOf(op), op.lexpr, op.rexpr) === false;
  return false;
}

function compareConstants(operator: string, leftNode: unknown, rightNode: unknown): boolean | undefined {
  const left = constantValue(withoutCasts(leftNode));
  const right = constantValue(withoutCasts(rightNode));
  if (left === undefined || right === undefined || left === null || right === null) return undefined;
  switch (operator) {
    case '=': return left === right;
    case '<>':
    case '!=': return left !== right;
    case '<': return left < right;
    case '>': return left > right;
    case '<=': return left <= right;
    case '>=': return left >= right;
  }
  return undefined;
}

function withoutLocations(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node ?? null, (key, value) => (key === 'location' ? undefined : value)));
}

/** The `'user_metadata'` constants a predicate reads from the JWT (`auth.jwt() -> 'user_metadata'`, `#>> '{user_metadata,…}'`). */
export const userMetadataReads = perNode((predicate: unknown): number[] => {
  const locations: number[] = [];
  walk(predicate, (kind, fields) => {
    if (kind === 'A_Expr' && fields.kind === 'AEXPR_OP' && ['->', '->>', '#>', '#>>'].includes(operatorOf(fields))) {
      const key = constantValue(withoutCasts(fields.rexpr));
      const path = typeof key === 'string' ? key.replace(/^\{/, '').split(',')[0].trim() : undefined;
      if (path === 'user_metadata' && mentionsIdentity(fields.lexpr)) locations.push(as(withoutCasts(fields.rexpr), 'A_Const')?.location ?? fields.location);
    }
    if (kind === 'ColumnRef' && columnName({ ColumnRef: fields }) === 'raw_user_meta_data') locations.push(fields.location);
    return true;
  });
  return locations;
});
