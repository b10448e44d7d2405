import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';
import { rangeOfNode } from '../../languages/code/project';

export const serviceKeyInSsrClient: Rule<CodeUnit> = {
  meta: {
    id: 'code/service-key-in-ssr-client',
    defaultSeverity: 'warning',
    description: 'createServerClient (cookie sessions) is given the service-role key.',
  },
  language: 'code',
  check({ unit, report }) {
    for (const site of unit.supabase.sitesIn(unit.parsed)) {
      if (site.constructorName !== 'createServerClient' || site.key?.role !== 'secret' || !site.keyArgument) continue;
      report({
        message: `createServerClient gets ${site.key.label}: a cookie-session client should carry the anon key so the signed-in user's RLS applies; with the service key every request runs as admin.`,
        range: rangeOfNode(unit.parsed, site.keyArgument),
      });
    }
  },
};
