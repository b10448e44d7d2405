import { admitsEverySignedInUser, isTautology } from '../../languages/sql/predicates';
import { apiPolicies, policyLabel, reportAt, sqlRule, visibilityPredicate, writePredicate } from './support';

export const policyAlwaysTrue = sqlRule(
  {
    id: 'sql/policy-always-true',
    defaultSeverity: 'warning',
    description: 'A permissive write policy for anon, authenticated or public whose USING or WITH CHECK admits every row (to everyone, or to every signed-in user).',
  },
  (context) => {
    for (const policy of apiPolicies(context.unit)) {
      if (policy.command === 'select') continue;
      const open = [['USING', visibilityPredicate(policy)], ['WITH CHECK', writePredicate(policy)]] as const;
      const anyone = open.find(([, predicate]) => isTautology(predicate));
      const forSignedIn = policy.roles.includes('authenticated') || policy.roles.includes('public');
      const signedIn = anyone ?? (forSignedIn ? open.find(([, predicate]) => admitsEverySignedInUser(predicate)) : undefined);
      if (!signedIn) continue;
      const [clause] = signedIn;
      const who = anyone && (policy.roles.includes('anon') || policy.roles.includes('public')) ? 'anyone with the anon key' : 'any signed-in user';
      const what = anyone ? 'an always-true' : 'a sign-in-only';
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} (${policy.command}) has ${what} ${clause}: ${who} can ${verb(policy.command)} every row, not only their own.`,
      });
    }
  },
);

function verb(command: string): string {
  return command === 'all' ? 'read, insert, update and delete' : command;
}
