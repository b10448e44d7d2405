import { statementTokens } from '../../languages/sql/locate';
import { userMetadataReads } from '../../languages/sql/predicates';
import { displayName, policyLabel, relatedAt, reportAt, replaceBytes, sqlRule } from './_support';

export const policyUserMetadata = sqlRule(
  {
    id: 'sql/policy-user-metadata',
    defaultSeverity: 'error',
    description: 'A policy trusts `user_metadata` from the JWT, which every user can edit about themselves.',
  },
  (context) => {
    for (const table of [...context.unit.model.tables, ...context.unit.model.platformTables]) {
      for (const policy of table.policies) {
        const reads = [
          ...userMetadataReads(policy.using).map((location) => ({ location, statement: policy.usingStatement! })),
          ...userMetadataReads(policy.withCheck).map((location) => ({ location, statement: policy.withCheckStatement! })),
        ];
        if (reads.length === 0) continue;
        const edits = [];
        const related = [];
        for (const read of reads) {
          const parsed = context.unit.parsedOf(read.statement.file);
          const at = read.statement.locationBase + read.location;
          const token = statementTokens(parsed, read.statement).find((t) => t.start === at);
          const offset = token?.text.indexOf('user_metadata') ?? -1;
          if (token && offset >= 0) edits.push(replaceBytes(parsed, token.start + offset, token.start + offset + 'user_metadata'.length, 'app_metadata'));
          related.push(relatedAt({ statement: read.statement, range: parsed.rangeOfLocation(read.statement, read.location, token ? token.end - token.start : 0) }, 'user_metadata is read here'));
        }
        reportAt(context, policy.at, {
          message: `${policyLabel(policy)} decides access from user_metadata, which any user can change with supabase.auth.updateUser(): use app_metadata (only the server can set it).`,
          related,
          fixes: edits.length === reads.length
            ? [{ title: `Read app_metadata instead of user_metadata in the policy on ${displayName(table)}`, safe: false, edits }]
            : [],
        });
      }
    }
  },
);
