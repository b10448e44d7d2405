import { apiTables, appliesToApi, displayName, relatedAt, reportAt, sqlRule } from './_support';

export const rlsEnabledNoPolicy = sqlRule(
  {
    id: 'sql/rls-enabled-no-policy',
    defaultSeverity: 'info',
    description: 'Row Level Security is on but no permissive policy applies to API roles: the Data API returns nothing for the table.',
  },
  (context) => {
    for (const table of apiTables(context.unit)) {
      // Restrictive policies only narrow permissive ones, and other roles' policies do not apply to API callers.
      if (!table.rlsEnabled || table.policies.some((p) => p.permissive && appliesToApi(p))) continue;
      const enabled = table.rlsChanges[table.rlsChanges.length - 1];
      const none = table.policies.length === 0 ? 'no policy' : 'no permissive policy for anon or authenticated';
      reportAt(context, table.created, {
        message: `Table ${displayName(table)} has Row Level Security enabled but ${none}: the Data API denies every read and write (only the service role sees rows). Add policies if clients should use it.`,
        related: enabled ? [relatedAt(enabled.at, 'row level security is enabled here')] : [],
      });
    }
  },
);
