import type { Rule } from '../../engine/rule';
import { classifyNamedSecret, findSecrets, type SecretMatch } from '../../engine/secrets';
import type { EnvUnit } from '../../languages/env';
import { isGitIgnored } from '../../languages/env/gitignore';

export const hardcodedSecret: Rule<EnvUnit> = {
  meta: {
    id: 'env/hardcoded-secret',
    defaultSeverity: 'warning',
    description: 'A real secret sits in a committed .env file (not an ignored one, not a template placeholder).',
  },
  language: 'env',
  check({ unit, report }) {
    if (isGitIgnored(unit.file)) return;
    const lines = unit.file.lines;
    for (const entry of unit.model.entries) {
      const valueStart = lines.offsetAt(entry.valueRange.start) + (entry.quote ? 1 : 0);
      const raw = unit.file.text.slice(valueStart, lines.offsetAt(entry.valueRange.end));
      for (const secret of secretsIn(entry.key, raw, unit.isTemplate)) {
        // Templates may carry the Supabase CLI's well-known local keys; elsewhere they are worth a note.
        if (secret.class === 'public' || (secret.class === 'local' && unit.isTemplate)) continue;
        report({
          message: `${entry.key} holds ${secret.label} in ${unit.file.relativePath}, a file git does not ignore: once committed, everyone with the repository has it. Add the file to .gitignore, or keep the value in a secret store.`,
          range: lines.rangeOf(valueStart + secret.start, valueStart + secret.end),
          severity: secret.class === 'local' ? 'info' : undefined,
        });
      }
    }
  },
};

/**
 * Secrets by shape; in a real (non-template) file also by name, for vendors whose keys have no known prefix
 * (`RESEND_API_KEY=re_…`). Templates hold sample values under credential names, so only shapes count there.
 */
function secretsIn(name: string, raw: string, isTemplate: boolean): SecretMatch[] {
  const shaped = findSecrets(raw);
  if (shaped.length || isTemplate) return shaped;
  const named = classifyNamedSecret(name, raw);
  return named ? [named] : [];
}
