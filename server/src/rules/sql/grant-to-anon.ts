import type { TableGrant } from '../../languages/sql';
import { isExposed, reportAt, sqlRule } from './_support';

const WRITES = new Set(['all', 'insert', 'update', 'delete', 'truncate']);
const EVERYONE = new Set(['anon', 'public']);

export const grantToAnon = sqlRule(
  {
    id: 'sql/grant-to-anon',
    defaultSeverity: 'warning',
    description: '`grant insert/update/delete/all` on tables (or default privileges) to `anon` or `public`.',
  },
  (context) => {
    const restated = platformDefaults(context.unit.model.tableGrants);
    for (const grant of context.unit.model.tableGrants) {
      if (!grant.isGrant || restated.has(grant)) continue;
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

const PLATFORM_ROLES = ['anon', 'authenticated', 'service_role'];

/**
 * Grants that only restate what Supabase grants every table anyway: the same privileges on the same
 * target to anon, authenticated and service_role, as `supabase db dump` writes them. RLS decides there.
 */
function platformDefaults(grants: readonly TableGrant[]): Set<TableGrant> {
  const rolesBy = new Map<string, Set<string>>();
  const keysOf = (grant: TableGrant) => grant.targets.map((t) => `${t}|${[...grant.privileges].sort().join(',')}`);
  for (const grant of grants) {
    if (!grant.isGrant) continue;
    for (const key of keysOf(grant)) {
      const roles = rolesBy.get(key) ?? new Set<string>();
      for (const g of grant.grantees) roles.add(g.role);
      rolesBy.set(key, roles);
    }
  }
  const restated = new Set<TableGrant>();
  for (const grant of grants) {
    const everywhere = keysOf(grant).every((key) => PLATFORM_ROLES.every((r) => rolesBy.get(key)?.has(r)));
    if (grant.isGrant && grant.targets.length > 0 && everywhere) restated.add(grant);
  }
  return restated;
}
