import type { AnalysisUnit } from '../../engine/language';
import type { Rule, RuleContext } from '../../engine/rule';
import { classifySecret } from '../../engine/secrets';
import type { CodeUnit } from '../../languages/code';
import { rangeOfNode } from '../../languages/code/project';
import type { EnvUnit } from '../../languages/env';

/** Prefixes whose variables bundlers inline into browser (or app) code. */
const PUBLIC_PREFIX = /^(NEXT_PUBLIC_|VITE_|EXPO_PUBLIC_|PUBLIC_|REACT_APP_)/;
/** Names that say the value is a secret (after the public prefix). */
const SECRET_NAME = /SERVICE_ROLE|SERVICE_KEY|SECRET|PRIVATE_KEY|PASSWORD$|PASSWD$/;

function publicSecretName(name: string): boolean {
  const prefix = PUBLIC_PREFIX.exec(name);
  return prefix !== null && SECRET_NAME.test(name.slice(prefix[0].length));
}

export const publicSecret: Rule<EnvUnit | CodeUnit> = {
  meta: {
    id: 'env/public-secret',
    defaultSeverity: 'error',
    description: 'A public-prefixed variable (NEXT_PUBLIC_, VITE_, EXPO_PUBLIC_, PUBLIC_, REACT_APP_) holds or names a secret.',
  },
  language: ['env', 'code'],
  check(context) {
    if (isEnvUnit(context.unit)) checkEnvFile(context as RuleContext<EnvUnit>);
    else checkCode(context as RuleContext<CodeUnit>);
  },
};

function isEnvUnit(unit: AnalysisUnit): unit is EnvUnit {
  return 'model' in unit;
}

function checkEnvFile({ unit, report }: RuleContext<EnvUnit>): void {
  for (const entry of unit.model.entries) {
    const prefix = PUBLIC_PREFIX.exec(entry.key)?.[0];
    if (!prefix) continue;
    const secret = classifySecret(entry.value);
    const holds = secret?.class === 'secret';
    if (!holds && !publicSecretName(entry.key)) continue;
    report({
      message: `${entry.key} ${holds ? `holds ${secret!.label}` : 'names a secret'}, but the ${prefix} prefix makes the bundler inline it into client code: every visitor can read it.`,
      range: entry.keyRange,
    });
  }
}

function checkCode({ unit, report }: RuleContext<CodeUnit>): void {
  for (const read of unit.parsed.envReads) {
    if (!publicSecretName(read.name)) continue;
    report({
      message: `${read.name} names a secret, but its public prefix makes the bundler inline it into client code: every visitor can read it. Use a server-only variable.`,
      range: rangeOfNode(unit.parsed, read.nameNode),
    });
  }
}
