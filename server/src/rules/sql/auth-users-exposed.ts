import type { FunctionModel, SqlUnit } from '../../languages/sql';
import { bodyQueries } from '../../languages/sql/function-body';
import { walk } from '../../languages/sql/ast';
import { guarantees, ownerColumn, relationsIn } from '../../languages/sql/predicates';
import { functionLabel, isUncallableByApi } from './_function-support';
import { displayName, isExposed, reportAt, sqlRule } from './_support';

const AUTH_USERS = 'auth.users';
/** Return types that cannot carry a user's columns back to the caller. */
const SCALAR_VERDICTS = new Set(['void', 'bool', 'boolean', 'int4', 'int8', 'integer', 'bigint']);

export const authUsersExposed = sqlRule(
  {
    id: 'sql/auth-users-exposed',
    defaultSeverity: 'error',
    description: 'A view or function in an exposed schema returns columns of `auth.users` (emails, phone numbers, metadata) to API callers.',
  },
  (context) => {
    for (const view of context.unit.model.views) {
      // A security-invoker view reads auth.users with the caller's rights, which API roles do not have.
      if (view.securityInvoker || view.apiRoles.size === 0 || !isExposed(context.unit, view.schema)) continue;
      if (!readsOtherUsers(view.query)) continue;
      reportAt(context, view.at, {
        message: `View ${displayName(view)} reads auth.users with its owner's rights, so API callers can list other users' emails and metadata: keep user data in a public profiles table with its own policies.`,
      });
    }
    for (const fn of context.unit.model.functions) {
      if (!returnsUserData(context.unit, fn)) continue;
      reportAt(context, fn.at, {
        message: `SECURITY DEFINER function ${functionLabel(fn)} returns data read from auth.users to anyone who may call it through /rpc: other users' emails and metadata leak.`,
      });
    }
  },
);

function returnsUserData(unit: SqlUnit, fn: FunctionModel): boolean {
  if (!fn.securityDefiner || isUncallableByApi(fn) || !isExposed(unit, fn.schema)) return false;
  if (![...fn.executableBy].some((r) => ['public', 'anon', 'authenticated'].includes(r))) return false;
  if (fn.returnSchema === 'auth' && fn.returnType === 'users') return true;
  if (SCALAR_VERDICTS.has(fn.returnType) && !fn.returnsSet) return false;
  return bodyQueries(fn).some((q) => !q.dynamic && readsOtherUsers(q.tree));
}

/** A query that reads auth.users beyond the caller's own row (`where id = auth.uid()` reads only one's own). */
function readsOtherUsers(tree: unknown): boolean {
  let leaks = false;
  walk(tree, (kind, fields) => {
    if (leaks || kind !== 'SelectStmt') return !leaks;
    const own = fields.whereClause !== undefined && guarantees(fields.whereClause, (leaf) => ownerColumn(leaf) === 'id');
    const readsUsers = (fields.fromClause ?? []).some((from: unknown) => relationsIn(from).includes(AUTH_USERS));
    if (readsUsers && !own) leaks = true;
    return !leaks;
  });
  return leaks;
}
