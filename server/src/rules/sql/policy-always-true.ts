import { callsUserFunction, ownerColumn } from '../../languages/sql/predicates';
import { apiPolicies, openWrite, policyLabel, reportAt, restrictedElsewhere, sqlRule } from './_support';

export const policyAlwaysTrue = sqlRule(
  {
    id: 'sql/policy-always-true',
    defaultSeverity: 'warning',
    description: 'A permissive write policy for anon, authenticated or public whose USING or WITH CHECK admits every row (to everyone, or to every signed-in user).',
  },
  (context) => {
    for (const policy of apiPolicies(context.unit)) {
      const open = openWrite(policy);
      // A restrictive policy that keeps rows to their owner (or a project function's verdict) narrows it.
      if (!open || restrictedElsewhere(policy, (leaf) => ownerColumn(leaf) !== undefined || callsUserFunction(leaf))) continue;
      const { clause, toAnyone } = open;
      const who = toAnyone && (policy.roles.includes('anon') || policy.roles.includes('public')) ? 'anyone with the anon key' : 'any signed-in user';
      const what = toAnyone ? 'an always-true' : 'a sign-in-only';
      reportAt(context, policy.at, {
        message: `${policyLabel(policy)} (${policy.command}) has ${what} ${clause}: ${who} can ${verb(policy.command)} every row, not only their own.`,
      });
    }
  },
);

function verb(command: string): string {
  return command === 'all' ? 'read, insert, update and delete' : command;
}
