import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';
import { rangeOfNode } from '../../languages/code/project';
import { userScopedClientFix } from '../../languages/code/refactor';
import { clientName } from '../../languages/code/supabase';

export const serviceRoleClient: Rule<CodeUnit> = {
  meta: {
    id: 'code/service-role-client',
    defaultSeverity: 'warning',
    description: 'A Supabase client is built with the service-role (secret) key without a written justification.',
  },
  language: 'code',
  check({ unit, report }) {
    for (const site of unit.supabase.sitesIn(unit.parsed)) {
      if (site.key?.role !== 'secret' || !site.keyArgument) continue;
      const name = clientName(site);
      const fix = userScopedClientFix(unit.project, site);
      report({
        message: `${capitalize(name)} is built with ${site.key.label}, which bypasses Row Level Security on every query: use a user-scoped client, or justify it with \`// supaguard-ignore code/service-role-client: <reason>\`.`,
        range: rangeOfNode(unit.parsed, site.keyArgument),
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
