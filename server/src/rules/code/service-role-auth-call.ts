import ts from 'typescript';
import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';
import { rangeOfNode } from '../../languages/code/project';
import { clientName } from '../../languages/code/supabase';

/** Calls that store a user session in the client, replacing the key it sends. */
const SESSION_METHODS = new Set([
  'signUp', 'signInWithPassword', 'signInWithOtp', 'signInWithOAuth', 'signInWithIdToken', 'signInWithSSO',
  'signInAnonymously', 'signInWithWeb3', 'verifyOtp', 'setSession', 'exchangeCodeForSession',
]);

export const serviceRoleAuthCall: Rule<CodeUnit> = {
  meta: {
    id: 'code/service-role-auth-call',
    defaultSeverity: 'error',
    description: 'A sign-in or session call on a service-role client: the user session silently replaces the key.',
  },
  language: 'code',
  check({ unit, report }) {
    for (const call of unit.parsed.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || !SESSION_METHODS.has(callee.name.text)) continue;
      const auth = callee.expression;
      if (!ts.isPropertyAccessExpression(auth) || auth.name.text !== 'auth') continue;
      const client = unit.supabase.clientOf(unit.parsed, auth.expression);
      if (client?.key?.role !== 'secret') continue;
      report({
        message: `auth.${callee.name.text}() on ${clientName(client)}, a service-role client: the session it stores replaces the service key for later queries (and mixes users across requests); use auth.admin.* or a separate anon client.`,
        range: rangeOfNode(unit.parsed, callee.name),
      });
    }
  },
};
