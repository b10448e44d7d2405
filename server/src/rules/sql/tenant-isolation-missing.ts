import type { PolicyModel } from '../../languages/sql';
import { callsUserFunction, guarantees, ownerColumn, tiesColumnToCaller } from '../../languages/sql/predicates';
import type { PgNode } from '../../languages/sql/ast';
import { apiPolicies, displayName, openWrite, policyLabel, reportAt, restrictedElsewhere, sqlRule, visibilityPredicate, writePredicate } from './_support';

export const tenantIsolationMissing = sqlRule(
  {
    id: 'sql/tenant-isolation-missing',
    defaultSeverity: 'warning',
    description: 'A permissive policy on a table with a tenant column constrains neither the tenant nor the row owner.',
  },
  (context) => {
    for (const policy of apiPolicies(context.unit)) {
      const tenantColumns = new Set(policy.table.columns.map((c) => c.name).filter((c) => context.config.tenantColumns.includes(c)));
      if (tenantColumns.size === 0) continue;
      const isolatingLeaf = (leaf: PgNode) =>
        ownerColumn(leaf) !== undefined || tiesColumnToCaller(leaf, tenantColumns) !== undefined || callsUserFunction(leaf);
      const key = [...tenantColumns].join(',');
      const isolates = (predicate: unknown) => remembered(predicate, key, () => guarantees(predicate, isolatingLeaf));
      const predicates = [visibilityPredicate(policy), writePredicate(policy)].filter((p) => p !== undefined);
      // Writes open to every row are sql/policy-always-true's: one finding per mistake.
      if (predicates.every(isolates) || openWrite(policy) || restrictedElsewhere(policy, isolatingLeaf)) continue;
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} constrains neither ${[...tenantColumns].join(', ')} nor the row's owner: a user of one tenant can ${REACH[policy.command]} in ${displayName(policy.table)}.`,
      });
    }
  },
);

const REACH: Record<PolicyModel['command'], string> = {
  select: "read every other tenant's rows",
  insert: 'add rows to every other tenant',
  update: "change every other tenant's rows",
  delete: "delete every other tenant's rows",
  all: "read and change every other tenant's rows",
};

// Verdicts per predicate tree and tenant columns: unchanged migrations are not re-judged on every edit.
const verdicts = new WeakMap<object, Map<string, boolean>>();
function remembered(predicate: unknown, key: string, judge: () => boolean): boolean {
  if (!predicate || typeof predicate !== 'object') return judge();
  let byKey = verdicts.get(predicate);
  if (!byKey) verdicts.set(predicate, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, judge());
  return byKey.get(key)!;
}
