import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';
import { checksSharedSecret, requestHandlerOf } from '../../languages/code/handlers';
import { rangeOfNode } from '../../languages/code/project';
import { tableQueries } from '../../languages/code/queries';
import { userScopedClientFix } from '../../languages/code/refactor';
import { clientName } from '../../languages/code/supabase';

const VERBS = { select: 'reads', insert: 'writes to', update: 'updates', delete: 'deletes from', upsert: 'writes to' } as const;

export const serviceRoleUnscopedQuery: Rule<CodeUnit> = {
  meta: {
    id: 'code/service-role-unscoped-query',
    defaultSeverity: 'warning',
    description: 'A request handler queries a table through a service-role client without filtering on the caller or tenant.',
  },
  language: 'code',
  check({ unit, config, report }) {
    for (const query of tableQueries(unit.supabase, unit.parsed, config.tenantColumns)) {
      if (query.client.key?.role !== 'secret' || query.scoped || !query.operation) continue;
      const handler = requestHandlerOf(unit.parsed, query.fromCall);
      if (!handler || checksSharedSecret(unit.parsed, handler.fn, query.fromCall.pos)) continue;
      const fix = userScopedClientFix(unit.project, query.client);
      report({
        message: `In ${handler.label}, ${clientName(query.client)} (service role, no RLS) ${VERBS[query.operation]} ${query.table} with no filter on the caller (user_id) or a tenant column: any caller reaches every row.`,
        range: rangeOfNode(unit.parsed, query.tableNode),
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
