import type { FunctionModel } from '../../languages/sql';
import { as, columnName, constantValue, functionName, names, operatorOf, withoutCasts, type PgNode } from '../../languages/sql/ast';
import { bodyQueries } from '../../languages/sql/function-body';
import { functionLabel } from './_function-support';
import { sqlRule } from './_support';

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
  const cast = as(expression, 'TypeCast');
  if (cast) {
    // A cast to a number, uuid or `regclass` (printed as a quoted name) leaves nothing to inject.
    const target = names(cast.typeName?.names);
    const type = `${(target[target.length - 1] ?? '').toLowerCase()}${cast.typeName?.arrayBounds ? '[]' : ''}`;
    return TEXTUAL.has(type) ? splicedParameter(cast.arg, parameters) : undefined;
  }
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
    // Only arguments a `%s` takes are spliced as is; `%I` and `%L` quote theirs.
    const template = constantValue(args[0]);
    if (typeof template !== 'string') return undefined;
    return unquotedFormatArguments(template).map((i) => splicedParameter(args[i], parameters)).find(Boolean);
  }
  if (name === 'concat' || name === 'concat_ws' || name === 'coalesce') {
    return args.map((a) => splicedParameter(a, parameters)).find(Boolean);
  }
  return undefined;
}

/**
 * Indexes (into the call's arguments, 1 = the first after the template) of the arguments `format` splices
 * through `%s`. Follows Postgres: `%n$` picks an argument, otherwise each specifier (and a `*` width) takes
 * the next one; `%%` takes none.
 */
function unquotedFormatArguments(template: string): number[] {
  const spliced: number[] = [];
  let next = 1;
  for (const spec of template.matchAll(/%(?:(\d+)\$)?(-?)(\*(?:\d+\$)?|\d*)([sIL%])/g)) {
    const [, position, , width, type] = spec;
    if (type === '%') continue;
    if (width.startsWith('*')) {
      const widthPosition = /^\*(\d+)\$$/.exec(width)?.[1];
      next = widthPosition ? Number(widthPosition) + 1 : next + 1;
    }
    const argument = position ? Number(position) : next;
    next = argument + 1;
    if (type === 's') spliced.push(argument);
  }
  return spliced;
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
