import ts from 'typescript';
import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';

export const adminApiInBrowser: Rule<CodeUnit> = {
  meta: {
    id: 'code/admin-api-in-browser',
    defaultSeverity: 'error',
    description: 'auth.admin.* is called in code bundled for the browser.',
  },
  language: 'code',
  check({ unit, report }) {
    const { parsed, project } = unit;
    const browser = project.browserContext(parsed.file.path);
    if (!browser) return;
    for (const call of parsed.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) continue;
      const admin = callee.expression;
      if (!ts.isPropertyAccessExpression(admin) || admin.name.text !== 'admin') continue;
      const auth = admin.expression;
      if (!ts.isPropertyAccessExpression(auth) || auth.name.text !== 'auth') continue;
      report({
        message: `auth.admin.${callee.name.text}() runs in browser code (${browser.reason}): the admin API needs the service-role key, which must never reach a browser; move it to a server route.`,
        range: parsed.file.lines.rangeOf(auth.name.getStart(parsed.ast), callee.name.end),
      });
    }
  },
};
