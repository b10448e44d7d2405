import { guarantees, ownerColumn, tiesColumnToCaller } from '../../languages/sql/predicates';
import { parenthesisedAfter, textBetween } from '../../languages/sql/locate';
import { apiPolicies, insertAt, policyLabel, reportAt, sqlRule } from './_support';

export const policyUpdateWithoutCheck = sqlRule(
  {
    id: 'sql/policy-update-without-check',
    defaultSeverity: 'warning',
    description: 'An UPDATE (or ALL) policy checks ownership in USING but has no WITH CHECK for the new row.',
  },
  (context) => {
    const tenantColumns = new Set(context.config.tenantColumns);
    for (const policy of apiPolicies(context.unit)) {
      if ((policy.command !== 'update' && policy.command !== 'all') || policy.withCheck || !policy.using) continue;
      const owns = guarantees(policy.using, (leaf) => ownerColumn(leaf) !== undefined || tiesColumnToCaller(leaf, tenantColumns) !== undefined);
      if (!owns) continue;
      const statement = policy.usingStatement!;
      const parsed = context.unit.parsedOf(statement.file);
      const using = parenthesisedAfter(parsed, statement, 'using');
      const copied = using && textBetween(parsed, using.open.start, using.close.end);
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} (${policy.command}) restricts which rows a user may change but not what they may change them into: without an explicit WITH CHECK, a later edit of USING can let users hand rows to another owner. State the check.`,
        fixes: copied
          ? [{
              title: 'Copy USING into WITH CHECK',
              // Postgres already checks new rows against USING when WITH CHECK is absent: same behaviour, now explicit.
              safe: true,
              edits: [insertAt(parsed, using.close.end, ` with check ${copied}`)],
            }]
          : [],
      });
    }
  },
);
