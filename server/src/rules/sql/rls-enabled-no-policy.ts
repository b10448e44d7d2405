import { apiTables, displayName, relatedAt, reportAt, sqlRule } from './support';

export const rlsEnabledNoPolicy = sqlRule(
  {
    id: 'sql/rls-enabled-no-policy',
    defaultSeverity: 'info',
    description: 'Row Level Security is on but no policy exists: the Data API returns nothing for the table.',
  },
  (context) => {
    for (const table of apiTables(context.unit)) {
      if (!table.rlsEnabled || table.policies.length > 0) continue;
      const enabled = table.rlsChanges[table.rlsChanges.length - 1];
      reportAt(context, table.created, {
        message: `Table ${displayName(table)} has Row Level Security enabled but no policy: the Data API denies every read and write (only the service role sees rows). Add policies if clients should use it.`,
        related: enabled ? [relatedAt(enabled.at, 'row level security is enabled here')] : [],
      });
    }
  },
);
