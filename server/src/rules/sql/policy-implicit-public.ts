import { guarantees, requiresSignedIn } from '../../languages/sql/predicates';
import { statementTokens } from '../../languages/sql/locate';
import { apiPolicies, insertAt, policyLabel, reportAt, sqlRule } from './_support';

export const policyImplicitPublic = sqlRule(
  {
    id: 'sql/policy-implicit-public',
    defaultSeverity: 'info',
    description: 'A policy without a `TO` clause applies to anon too, and its predicate does not require a signed-in user.',
  },
  (context) => {
    for (const policy of apiPolicies(context.unit)) {
      if (policy.rolesWritten) continue;
      const predicates = [policy.using, policy.withCheck].filter((p) => p !== undefined);
      if (predicates.some((p) => guarantees(p, requiresSignedIn))) continue;
      const statement = policy.at.statement;
      const parsed = context.unit.parsedOf(statement.file);
      const tokens = statementTokens(parsed, statement);
      const clause = statement.kind === 'CreatePolicyStmt'
        ? tokens.find((t, i) => t.text.toLowerCase() === 'using' || (t.text.toLowerCase() === 'with' && tokens[i + 1]?.text.toLowerCase() === 'check'))
        : undefined;
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} has no TO clause, so it applies to every role including anon, and nothing in it requires a signed-in user: visitors without an account get the same access.`,
        fixes: clause
          ? [{ title: 'Restrict the policy to authenticated users', safe: false, edits: [insertAt(parsed, clause.start, 'to authenticated ')] }]
          : [],
      });
    }
  },
);
