import { isTautology } from '../../languages/sql/predicates';
import { apiPolicies, policyLabel, reportAt, sqlRule, visibilityPredicate, writePredicate } from './support';

export const policyAlwaysTrue = sqlRule(
  {
    id: 'sql/policy-always-true',
    defaultSeverity: 'warning',
    description: 'A permissive write policy for anon, authenticated or public whose USING or WITH CHECK admits every row.',
  },
  (context) => {
    for (const policy of apiPolicies(context.unit)) {
      if (policy.command === 'select') continue;
      const clause = isTautology(visibilityPredicate(policy)) ? 'USING' : isTautology(writePredicate(policy)) ? 'WITH CHECK' : undefined;
      if (!clause) continue;
      const who = policy.roles.includes('anon') || policy.roles.includes('public') ? 'anyone with the anon key' : 'any signed-in user';
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} (${policy.command}) has an always-true ${clause}: ${who} can ${verb(policy.command)} every row, not only their own.`,
      });
    }
  },
);

function verb(command: string): string {
  return command === 'all' ? 'read, insert, update and delete' : command;
}
