import { apiTables, createdHere, displayName, enableRlsFix, relatedAt, reportAt, sqlRule, whoReaches } from './_support';

export const policyWithoutRls = sqlRule(
  {
    id: 'sql/policy-without-rls',
    defaultSeverity: 'error',
    description: 'Policies are written for a table whose Row Level Security is never enabled, so they filter nothing.',
  },
  (context) => {
    for (const table of apiTables(context.unit)) {
      if (table.rlsEnabled || table.rlsChanges.some((c) => c.enabled) || table.policies.length === 0) continue;
      const [first, ...others] = table.policies;
      reportAt(context, first.at, {
        message: `Policy "${first.name}" on ${displayName(table)} has no effect: Row Level Security is never enabled on the table, so every row stays open to ${whoReaches(table)}.`,
        related: [createdHere(table), ...others.map((p) => relatedAt(p.at, `policy "${p.name}" has no effect either`))],
        fixes: [enableRlsFix(context.unit, table)],
      });
    }
  },
);
