import { statementTokens } from '../../languages/sql/locate';
import { apiTables, createdHere, displayName, replaceBytes, reportAt, sqlRule } from './support';

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
        message: `Row Level Security is disabled on ${displayName(table)} here and never re-enabled: every row is readable and writable with the public anon key.`,
        related: [createdHere(table)],
        fixes: word
          ? [{ title: `Re-enable row level security on ${displayName(table)}`, safe: false, edits: [replaceBytes(parsed, word.start, word.end, 'enable')] }]
          : [],
      });
    }
  },
);
