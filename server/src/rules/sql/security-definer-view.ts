import type { Fix } from '../../engine/finding';
import type { SqlUnit, ViewModel } from '../../languages/sql';
import { displayName, isExposed, reportAt, sqlRule } from './_support';

export const securityDefinerView = sqlRule(
  {
    id: 'sql/security-definer-view',
    defaultSeverity: 'error',
    description: 'A view in an exposed schema runs with its owner\'s rights (no `security_invoker = on`), bypassing Row Level Security.',
  },
  (context) => {
    for (const view of context.unit.model.views) {
      if (!isDefinerView(context.unit, view)) continue;
      reportAt(context, view.at, view.materialized
        ? {
          message: `Materialized view ${displayName(view)} stores rows of ${view.sources.join(', ')} and serves them to API callers without their Row Level Security (it cannot be security_invoker): revoke select on it from anon, authenticated, or move it out of the exposed schema.`,
        }
        : {
          message: `View ${displayName(view)} runs with the rights of its owner, so the Row Level Security of ${view.sources.join(', ')} does not apply to API callers: create it with (security_invoker = on).`,
          fixes: invokerFix(context.unit, view),
        });
    }
  },
);

/**
 * A view readable through the API that reads some relation with its owner's rights: a plain view without
 * `security_invoker`, or a materialized view (its rows were read by its owner when it was refreshed).
 */
export function isDefinerView(unit: SqlUnit, view: ViewModel): boolean {
  return !view.securityInvoker && view.sources.length > 0 && view.apiRoles.size > 0 && isExposed(unit, view.schema);
}

function invokerFix(unit: SqlUnit, view: ViewModel): Fix[] {
  const statement = view.at.statement;
  if (statement.kind !== 'ViewStmt' || (statement.node.options ?? []).length > 0) return [];
  const at = { start: view.at.range.end, end: view.at.range.end };
  return [{
    title: `Create ${displayName(view)} with (security_invoker = on)`,
    // Callers now see only the rows their own policies allow: the point, but a behaviour change.
    safe: false,
    edits: [{ file: statement.file.path, range: at, newText: ' with (security_invoker = on)' }],
  }];
}
