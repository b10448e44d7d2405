import { bindsNamesAtCreation, emptySearchPathFix, functionLabel } from './_function-support';
import { isExposed, reportAt, sqlRule } from './_support';

export const functionSearchPathMutable = sqlRule(
  {
    id: 'sql/function-search-path-mutable',
    defaultSeverity: 'warning',
    description: 'A function in an exposed schema does not pin its `search_path`.',
  },
  (context) => {
    for (const fn of context.unit.model.functions) {
      // SECURITY DEFINER functions get the stronger sql/security-definer-search-path instead.
      if (fn.securityDefiner || fn.searchPath !== undefined || bindsNamesAtCreation(fn) || !isExposed(context.unit, fn.schema)) continue;
      reportAt(context, fn.at, {
        message: `Function ${functionLabel(fn)} does not set search_path, so the tables and functions it names depend on the caller's session settings: pin it with set search_path = '' and schema-qualify names.`,
        fixes: emptySearchPathFix(context.unit, fn),
      });
    }
  },
);
