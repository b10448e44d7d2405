import type { FunctionModel } from '../../languages/sql';
import { bindsNamesAtCreation, emptySearchPathFix, functionLabel } from './_function-support';
import { reportAt, sqlRule } from './_support';

export const securityDefinerSearchPath = sqlRule(
  {
    id: 'sql/security-definer-search-path',
    defaultSeverity: 'error',
    description: 'A SECURITY DEFINER function runs without a fixed, safe `search_path`.',
  },
  (context) => {
    for (const fn of context.unit.model.functions) {
      if (!fn.securityDefiner || bindsNamesAtCreation(fn)) continue;
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
  // Temporary objects are anyone's: searched first, they shadow the owner's. `"$user"` is harmless here:
  // inside a SECURITY DEFINER function it names the owner's schema, not the caller's.
  if (fn.searchPath[0] === 'pg_temp') {
    return `searches ${fn.searchPath.join(', ')}, which a caller can influence`;
  }
  return undefined;
}
