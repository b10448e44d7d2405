import type { Fix } from '../../engine/finding';
import type { FunctionModel, SqlUnit } from '../../languages/sql';
import { as } from '../../languages/sql/ast';
import { statementTokens, textBetween, textOfRange } from '../../languages/sql/locate';
import { functionLabel, isUncallableByApi } from './_function-support';
import { insertStatementAfter, isExposed, reportAt, sqlRule } from './_support';

const CALLERS = ['public', 'anon'];

export const definerFunctionExposed = sqlRule(
  {
    id: 'sql/definer-function-exposed',
    defaultSeverity: 'warning',
    description: 'A SECURITY DEFINER function in an exposed schema can still be executed by anon or PUBLIC.',
  },
  (context) => {
    for (const fn of context.unit.model.functions) {
      if (!fn.securityDefiner || isUncallableByApi(fn) || !isExposed(context.unit, fn.schema)) continue;
      const callers = CALLERS.filter((r) => fn.executableBy.has(r));
      if (callers.length === 0) continue;
      reportAt(context, fn.at, {
        message: `SECURITY DEFINER function ${functionLabel(fn)} bypasses Row Level Security and anyone can call it through /rpc without signing in (EXECUTE is granted to ${callers.join(' and ')}): revoke it, or move the function out of the exposed schema.`,
        fixes: revokeFix(context.unit, fn),
      });
    }
  },
);

function revokeFix(unit: SqlUnit, fn: FunctionModel): Fix[] {
  const statement = fn.at.statement;
  if (statement.kind !== 'CreateFunctionStmt') return [];
  const parsed = unit.parsedOf(statement.file);
  const tokens = statementTokens(parsed, statement);
  const types: string[] = [];
  for (const p of statement.node.parameters ?? []) {
    const parameter = as(p, 'FunctionParameter');
    if (!parameter?.argType || parameter.mode === 'FUNC_PARAM_OUT' || parameter.mode === 'FUNC_PARAM_TABLE') continue;
    const start = statement.locationBase + parameter.argType.location;
    let depth = 0;
    let end = start;
    for (const token of tokens) {
      if (token.start < start) continue;
      const word = token.text.toLowerCase();
      if (depth === 0 && (word === ',' || word === ')' || word === 'default' || word === '=')) break;
      if (word === '(') depth++;
      if (word === ')') depth--;
      end = token.end;
    }
    types.push(textBetween(parsed, start, end));
  }
  const name = textOfRange(parsed, fn.at.range);
  return [{
    title: `Revoke execute on ${functionLabel(fn)} from public and anon`,
    // Callers without an account lose access: intended, but a behaviour change.
    safe: false,
    edits: [insertStatementAfter(unit, statement, `revoke execute on function ${name}(${types.join(', ')}) from public, anon;`)],
  }];
}
