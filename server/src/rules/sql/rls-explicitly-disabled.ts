import type { ParsedSqlFile } from '../../languages/sql';
import { statementTokens } from '../../languages/sql/locate';
import { apiTables, createdHere, displayName, replaceBytes, reportAt, sqlRule, whoReaches } from './_support';

export const rlsExplicitlyDisabled = sqlRule(
  {
    id: 'sql/rls-explicitly-disabled',
    defaultSeverity: 'error',
    description: '`disable row level security` leaves an exposed table open at the end of the migration history.',
  },
  (context) => {
    for (const table of apiTables(context.unit)) {
      const last = table.rlsChanges[table.rlsChanges.length - 1];
      if (!last || last.enabled) continue;
      const statement = last.at.statement;
      const parsed = context.unit.parsedOf(statement.file);
      const word = statementTokens(parsed, statement).find((t) => t.text.toLowerCase() === 'disable');
      reportAt(context, last.at, {
        message: `Row Level Security is disabled on ${displayName(table)} here and never re-enabled: ${whoReaches(table)} can read and write every row.`,
        related: [createdHere(table)],
        fixes: [
          ...(word ? [{ title: `Re-enable row level security on ${displayName(table)}`, safe: false, edits: [replaceBytes(parsed, word.start, word.end, 'enable')] }] : []),
          // Only a statement that does nothing else can go.
          ...(statement.node.cmds?.length === 1
            ? [{ title: 'Remove the statement that disables row level security', safe: false, edits: [replaceBytes(parsed, statement.byteStart, lineEndAfter(parsed, statement.byteEndWithSemicolon), '')] }]
            : []),
        ],
      });
    }
  },
);

/** Past the statement's line break, so removing it leaves no empty line. */
function lineEndAfter(parsed: ParsedSqlFile, byte: number): number {
  const text = parsed.file.text;
  const at = parsed.utf16(byte);
  const newline = /^[ \t]*\r?\n/.exec(text.slice(at));
  return newline ? byte + newline[0].length : byte;
}
