import picomatch from 'picomatch';
import { as, type PgNode } from '../../languages/sql/ast';
import { callsUserFunction, guarantees, ownerColumn, relationsIn, tiesColumnToCaller } from '../../languages/sql/predicates';
import { apiPolicies, displayName, governsReads, policyLabel, reportAt, restrictedElsewhere, sqlRule } from './_support';

export const privateTableShared = sqlRule(
  {
    id: 'sql/private-table-shared',
    defaultSeverity: 'error',
    description: 'A private table (conversations, chat messages, copilot data) has a SELECT policy that admits rows beyond the user\'s own.',
  },
  (context) => {
    const isPrivate = picomatch(context.config.privateTables, { nocase: true });
    const tenantColumns = new Set(context.config.tenantColumns);
    for (const policy of apiPolicies(context.unit)) {
      if (!governsReads(policy) || !isPrivate(policy.table.name)) continue;
      const perUser = (leaf: PgNode) => ownerColumn(leaf) !== undefined || ownedParent(leaf, isPrivate) || opaqueCall(leaf, tenantColumns);
      if (guarantees(policy.using, perUser) || restrictedElsewhere(policy, perUser)) continue;
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} lets users read rows of ${displayName(policy.table)} that are not their own: private data such as conversations must be readable only by its owner (user_id = auth.uid()).`,
      });
    }
  },
);

/** `conversation_id in (select id from conversations where user_id = auth.uid())`: rows of a parent the user owns. */
function ownedParent(leaf: PgNode, isPrivate: (name: string) => boolean): boolean {
  const subLink = as(leaf, 'SubLink');
  const select = as(subLink?.subselect, 'SelectStmt');
  if (!select?.whereClause) return false;
  const parents = relationsIn(select.fromClause).map((r) => r.split('.').pop()!);
  return parents.some(isPrivate) && guarantees(select.whereClause, (l) => ownerColumn(l) !== undefined);
}

/**
 * A project function decides (`can_read_conversation(id)`, `requesting_user_id() = user_id`): its logic is
 * out of sight, so no verdict — unless it ties a tenant column to the caller, which shares by design.
 */
function opaqueCall(leaf: PgNode, tenantColumns: ReadonlySet<string>): boolean {
  return callsUserFunction(leaf) && tiesColumnToCaller(leaf, tenantColumns) === undefined;
}
