import ts from 'typescript';
import type { Fix, TextEdit } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';
import { skipOuterExpressions } from '../../languages/code/parse';
import { rangeOfNode } from '../../languages/code/project';
import { editAt, findProperty, insertProperty, replaceNode } from '../../languages/code/refactor';
import { clientName, type ClientSite } from '../../languages/code/supabase';

const SESSION_OPTIONS = ['persistSession', 'autoRefreshToken'];

export const adminClientSession: Rule<CodeUnit> = {
  meta: {
    id: 'code/admin-client-session',
    defaultSeverity: 'info',
    description: 'A server-side service-role client keeps session handling on (persistSession, autoRefreshToken).',
  },
  language: 'code',
  check({ unit, report }) {
    const { parsed, project } = unit;
    if (project.browserContext(parsed.file.path)) return;
    for (const site of unit.supabase.sitesIn(parsed)) {
      if (site.constructorName !== 'createClient' || site.key?.role !== 'secret') continue;
      const plan = sessionOptionsPlan(unit, site);
      if (!plan) continue;
      report({
        message: `${clientName(site)} uses the service-role key with session handling on: a sign-in or a stored session can replace the key and mix users; pass auth: { persistSession: false, autoRefreshToken: false }.`,
        range: rangeOfNode(parsed, site.call.expression),
        fixes: plan.length ? [{ title: 'Turn off session persistence and token refresh', safe: true, edits: plan }] : undefined,
      });
    }
  },
};

/** The edits that turn both options off; undefined when they already are; empty when the options cannot be edited in place. */
function sessionOptionsPlan(unit: CodeUnit, site: ClientSite): Fix['edits'] | undefined {
  const { parsed } = unit;
  const wanted = 'persistSession: false, autoRefreshToken: false';
  if (!site.options) {
    const last = site.call.arguments[site.call.arguments.length - 1];
    return last ? [editAt(parsed, last.end, last.end, `, { auth: { ${wanted} } }`)] : [];
  }
  const options = skipOuterExpressions(site.options);
  if (!ts.isObjectLiteralExpression(options)) return [];
  const auth = findProperty(options, 'auth');
  if (!auth) return [insertProperty(parsed, options, `auth: { ${wanted} }`)];
  const value = skipOuterExpressions(auth.initializer);
  if (!ts.isObjectLiteralExpression(value)) return [];
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const name of SESSION_OPTIONS) {
    const existing = findProperty(value, name);
    if (!existing) missing.push(`${name}: false`);
    else if (existing.initializer.kind !== ts.SyntaxKind.FalseKeyword) edits.push(replaceNode(parsed, existing.initializer, 'false'));
  }
  if (missing.length) edits.push(insertProperty(parsed, value, missing.join(', ')));
  return edits.length ? edits : undefined;
}
