import ts from 'typescript';
import type { RelatedLocation } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import { anonKeyAccess, anonKeyFor } from '../../languages/code/anon-key';
import type { CodeUnit } from '../../languages/code';
import type { BrowserContext } from '../../languages/code/project';
import { rangeOfNode } from '../../languages/code/project';
import { replaceNode } from '../../languages/code/refactor';
import { envLabel, isSecretName, serviceKeyLiteral } from '../../languages/code/supabase';

export const serviceRoleInBrowser: Rule<CodeUnit> = {
  meta: {
    id: 'code/service-role-in-browser',
    defaultSeverity: 'error',
    description: 'A service-role or secret key is read in code that ends up in a browser bundle.',
  },
  language: 'code',
  check({ unit, report }) {
    const { parsed, project } = unit;
    const browser = project.browserContext(parsed.file.path);
    if (!browser) return;
    const why = browserWhy(unit, browser);
    const related = relatedChain(unit, browser);
    const anon = anonKeyFor(project, parsed, true);
    const fixFor = (node: ts.Node) => {
      const read = anonKeyAccess(anon, parsed);
      const access = ts.isNonNullExpression(node.parent) ? read.replace(/!$/, '') : read;
      return [{ title: `Use the anon key ${anon.name} instead${anon.known ? '' : ' (check the variable name)'}`, safe: false, edits: [replaceNode(parsed, node, access)] }];
    };
    for (const read of parsed.envReads) {
      if (!isSecretName(read.name)) continue;
      const node = read.style === 'sveltekit' ? read.nameNode : read.node;
      report({
        message: `${envLabel(read)} (a secret key) is read in ${why}: the bundler ships it to every visitor${/SUPABASE|SERVICE_ROLE|SB_/.test(read.name) ? ', who can then bypass Row Level Security' : ''}.`,
        range: rangeOfNode(parsed, node),
        related,
        fixes: read.style === 'sveltekit' || ts.isBindingElement(read.node) ? undefined : fixFor(read.node),
      });
    }
    for (const literal of parsed.strings) {
      if (!ts.isStringLiteralLike(literal)) continue;
      const secret = serviceKeyLiteral(literal.text);
      if (!secret) continue;
      report({
        message: `${secret.label} is written into ${why}: anyone can read it from the bundle and bypass Row Level Security.`,
        range: rangeOfNode(parsed, literal),
        related,
        fixes: fixFor(literal),
      });
    }
  },
};

function browserWhy(unit: CodeUnit, browser: BrowserContext): string {
  const self = unit.parsed.file.path;
  if (browser.root === self) return `a module bundled for the browser (${browser.reason})`;
  const root = unit.project.parsed(browser.root)?.file.relativePath ?? browser.root;
  return `a module bundled for the browser (imported from ${root}, ${browser.reason})`;
}

/** The import chain, nearest importer first. */
function relatedChain(unit: CodeUnit, browser: BrowserContext): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const [i, step] of [...browser.chain].reverse().entries()) {
    const importer = unit.project.parsed(step.file)?.file.relativePath ?? step.file;
    const next = i === 0 ? unit.parsed.file.relativePath : 'the next module';
    related.push({ file: step.file, range: step.range, message: `${importer} imports ${next} into the browser bundle` });
  }
  return related;
}
