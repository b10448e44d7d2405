import { apiTables, displayName, enableRlsFix, reportAt, sqlRule, whoReaches } from './_support';

export const rlsDisabled = sqlRule(
  {
    id: 'sql/rls-disabled',
    defaultSeverity: 'error',
    description: 'A table in an exposed schema does not have Row Level Security enabled at the end of the migration history.',
  },
  (context) => {
    for (const table of apiTables(context.unit)) {
      // A table whose RLS was switched off on purpose is reported where that happens (sql/rls-explicitly-disabled).
      if (table.rlsEnabled || table.rlsChanges.length > 0) continue;
      reportAt(context, table.created, {
        message: `Table ${displayName(table)} does not have Row Level Security enabled: ${whoReaches(table)} can read and change every row through the Data API.`,
        fixes: [enableRlsFix(context.unit, table)],
      });
    }
  },
);
