import type { TextEdit } from '../../engine/finding';
import type { SqlStatement } from '../../languages/sql';
import { statementTokens } from '../../languages/sql/locate';
import { authCalls } from '../../languages/sql/predicates';
import { insertAt, policedTables, policyLabel, relatedAt, reportAt, sqlRule } from './_support';

const PER_ROW = new Set(['auth.uid', 'auth.jwt']);

export const policyInitplan = sqlRule(
  {
    id: 'sql/policy-initplan',
    defaultSeverity: 'info',
    description: '`auth.uid()` or `auth.jwt()` in a policy is evaluated once per row instead of once per query.',
  },
  (context) => {
    for (const policy of policedTables(context.unit).flatMap((t) => t.policies)) {
      const calls = new Map<string, { statement: SqlStatement; location: number; name: string }>();
      for (const [predicate, statement] of [[policy.using, policy.usingStatement], [policy.withCheck, policy.withCheckStatement]] as const) {
        for (const call of authCalls(predicate)) {
          if (call.wrapped || !PER_ROW.has(call.name) || !statement) continue;
          calls.set(`${statement.file.path}:${statement.locationBase + call.location}`, { statement, location: call.location, name: call.name });
        }
      }
      if (calls.size === 0) continue;
      const edits: TextEdit[] = [];
      const related = [];
      for (const call of calls.values()) {
        const parsed = context.unit.parsedOf(call.statement.file);
        const start = call.statement.locationBase + call.location;
        const tokens = statementTokens(parsed, call.statement);
        const open = tokens.findIndex((t) => t.start > start && t.text === '(');
        const close = tokens[open + 1]?.text === ')' ? tokens[open + 1] : undefined;
        if (!close) continue;
        edits.push(insertAt(parsed, start, '(select '), insertAt(parsed, close.end, ')'));
        related.push(relatedAt({ statement: call.statement, range: parsed.rangeOfBytes(start, close.end) }, `${call.name}() is called for every row here`));
      }
      const names = [...new Set([...calls.values()].map((c) => `${c.name}()`))].join(' and ');
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} calls ${names} once per row: wrap it as (select ${[...calls.values()][0].name}()) so Postgres evaluates it once per query (much faster on large tables, same result).`,
        related,
        fixes: edits.length === calls.size * 2
          ? [{ title: `Wrap ${names} in (select …)`, safe: true, edits }]
          : [],
      });
    }
  },
);
