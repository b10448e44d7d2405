import type { FunctionModel } from '../../languages/sql';
import { as, columnName, constantValue, functionName, operatorOf, withoutCasts, type PgNode } from '../../languages/sql/ast';
import { bodyQueries } from '../../languages/sql/function-body';
import { functionLabel } from './function-support';
import { sqlRule } from './support';

const TEXTUAL = new Set(['text', 'varchar', 'bpchar', 'char', 'character', 'citext', 'name', 'json', 'jsonb', 'anyelement', 'text[]', 'varchar[]']);

/** Functions that make a value safe to splice into SQL. */
const QUOTING = new Set(['quote_ident', 'quote_literal', 'quote_nullable']);

export const dynamicSqlInjection = sqlRule(
  {
    id: 'sql/dynamic-sql-injection',
    defaultSeverity: 'warning',
    description: 'PL/pgSQL `execute` runs a string built by concatenating parameters instead of `format(\'%I/%L\')` or `using`.',
  },
  (context) => {
    for (const fn of context.unit.model.functions) {
      // Only bodies that can run dynamic SQL are worth a PL/pgSQL parse.
      if (fn.language !== 'plpgsql' || !fn.body || !/\bexecute\b/i.test(fn.body.text)) continue;
      // PL/pgSQL names a parameter by its name and by its position. Numbers, booleans, uuids and dates
      // cannot carry SQL when spliced: only text-like parameters can.
      const textual = fn.parameters.map((p, i) => ({ ...p, position: `$${i + 1}` })).filter((p) => TEXTUAL.has(p.type));
      const parameters = new Set(textual.flatMap((p) => [p.name, p.position]));
      if (parameters.size === 0) continue;
      for (const query of bodyQueries(fn)) {
        if (!query.dynamic) continue;
        const target = as(query.tree, 'SelectStmt')?.targetList?.[0];
        const spliced = splicedParameter(as(target, 'ResTarget')?.val, parameters);
        if (!spliced) continue;
        context.report({
          file: fn.body.parsed.file,
          range: executeLine(fn, query.lineno),
          message: `Function ${functionLabel(fn)} executes SQL built from its parameter ${spliced} without quoting: a caller can inject SQL that runs with the function's rights. Use format('%I', …) / format('%L', …) or execute … using.`,
        });
      }
    }
  },
);

/** The parameter spliced unquoted into a dynamic query string, if any. */
function splicedParameter(expression: unknown, parameters: ReadonlySet<string>): string | undefined {
  const node = withoutCasts(expression);
  const column = columnName(node);
  if (column && parameters.has(column)) return column;
  const param = as(node, 'ParamRef');
  if (param && parameters.has(`$${param.number}`)) return `$${param.number}`;
  const op = as(node, 'A_Expr');
  if (op?.kind === 'AEXPR_OP' && operatorOf(op) === '||') {
    return splicedParameter(op.lexpr, parameters) ?? splicedParameter(op.rexpr, parameters);
  }
  const call = as(node, 'FuncCall');
  if (!call) return undefined;
  const name = functionName(call).replace(/^pg_catalog\./, '');
  if (QUOTING.has(name)) return undefined;
  const args: PgNode[] = call.args ?? [];
  if (name === 'format') {
    // Only `%s` splices its argument as is; `%I` and `%L` quote it.
    const template = constantValue(args[0]);
    if (typeof template !== 'string' || !/%(\d+\$)?s/.test(template)) return undefined;
    return args.slice(1).map((a) => splicedParameter(a, parameters)).find(Boolean);
  }
  if (name === 'concat' || name === 'concat_ws' || name === 'coalesce') {
    return args.map((a) => splicedParameter(a, parameters)).find(Boolean);
  }
  return undefined;
}

/** The body line of the `execute` (PL/pgSQL counts lines from the one the body starts on). */
function executeLine(fn: FunctionModel, lineno: number | undefined) {
  const body = fn.body!;
  const lines = body.parsed.file.lines;
  const line = lines.positionAt(body.start).line + Math.max(0, (lineno ?? 1) - 1);
  const text = lines.lineText(line);
  const column = text.search(/\bexecute\b/i);
  const start = column >= 0 ? column : text.length - text.trimStart().length;
  return { start: { line, character: start }, end: { line, character: column >= 0 ? column + 'execute'.length : text.trimEnd().length } };
}
