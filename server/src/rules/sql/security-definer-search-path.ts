import type { FunctionModel } from '../../languages/sql';
import { emptySearchPathFix, functionLabel } from './function-support';
import { reportAt, sqlRule } from './support';

export const securityDefinerSearchPath = sqlRule(
  {
    id: 'sql/security-definer-search-path',
    defaultSeverity: 'error',
    description: 'A SECURITY DEFINER function runs without a fixed, safe `search_path`.',
  },
  (context) => {
    for (const fn of context.unit.model.functions) {
      if (!fn.securityDefiner) continue;
      const problem = searchPathProblem(fn);
      if (!problem) continue;
      reportAt(context, fn.at, {
        message: `SECURITY DEFINER function ${functionLabel(fn)} ${problem}: a caller who controls an earlier schema on the path can make it run their own tables or functions with the owner's privileges. Add set search_path = ''.`,
        fixes: emptySearchPathFix(context.unit, fn),
      });
    }
  },
);

function searchPathProblem(fn: FunctionModel): string | undefined {
  if (fn.searchPath === undefined) return 'does not set search_path';
  if (fn.searchPath === 'from current') return 'takes its search_path from the session that created it';
  if (fn.searchPath.some((s) => s === '$user' || s === 'pg_temp' && fn.searchPath!.indexOf(s) === 0)) {
    return `searches ${fn.searchPath.join(', ')}, which a caller can influence`;
  }
  return undefined;
}
