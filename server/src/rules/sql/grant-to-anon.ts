import { isExposed, reportAt, sqlRule } from './support';

const WRITES = new Set(['all', 'insert', 'update', 'delete', 'truncate']);
const EVERYONE = new Set(['anon', 'public']);

export const grantToAnon = sqlRule(
  {
    id: 'sql/grant-to-anon',
    defaultSeverity: 'warning',
    description: '`grant insert/update/delete/all` on tables (or default privileges) to `anon` or `public`.',
  },
  (context) => {
    for (const grant of context.unit.model.tableGrants) {
      if (!grant.isGrant) continue;
      const writes = grant.privileges.filter((p) => WRITES.has(p));
      if (writes.length === 0) continue;
      if (grant.schemas && !grant.schemas.some((s) => isExposed(context.unit, s))) continue;
      for (const grantee of grant.grantees.filter((g) => EVERYONE.has(g.role))) {
        const what = grant.isDefault ? 'every future table' : 'these tables';
        reportAt(context, grantee.at, {
          message: `This ${grant.isDefault ? 'default privilege' : 'grant'} gives ${grantee.role === 'public' ? 'PUBLIC (every role, anon included)' : 'anon'} ${writes.join(', ')} on ${what}: visitors without an account can change data wherever Row Level Security is off or a policy is loose. Grant writes to authenticated only.`,
        });
      }
    }
  },
);
