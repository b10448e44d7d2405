import { findSecrets, redact } from '../../engine/secrets';
import { sqlRule } from './_support';

export const hardcodedSecret = sqlRule(
  {
    id: 'sql/hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A secret (service-role key, secret key, access token, database password, API key) is written into a migration.',
  },
  (context) => {
    for (const file of context.unit.files) {
      for (const secret of findSecrets(file.text)) {
        if (secret.class === 'public') continue;
        context.report({
          file,
          range: file.lines.rangeOf(secret.start, secret.end),
          severity: secret.class === 'local' ? 'info' : undefined,
          message: secret.class === 'local'
            ? `This migration contains ${secret.label} (${redact(secret.value)}): harmless locally, but read it from configuration rather than committing it.`
            : `This migration contains ${secret.label} (${redact(secret.value)}): migrations are committed and replayed everywhere, so the secret is now public to anyone with the repository. Rotate it and store it in Supabase Vault or a setting.`,
        });
      }
    }
  },
);
