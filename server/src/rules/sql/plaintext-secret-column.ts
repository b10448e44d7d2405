import { apiTables, displayName, reportAt, sqlRule } from './_support';

/** Name endings that mean "this column holds a credential" (`stripe_secret_key`, `refresh_token`, `password`). */
const CREDENTIAL_ENDINGS = [
  ['api', 'key'], ['apikey'], ['secret', 'key'], ['private', 'key'], ['access', 'key'], ['secret'], ['client', 'secret'],
  ['token'], ['password'], ['passwd'], ['credentials'], ['credential'], ['passphrase'], ['service', 'role', 'key'],
];
/** Parts that mean the value is not the credential itself (a hash, a hint, a timestamp, a reference). */
const NOT_THE_VALUE = new Set([
  'hash', 'hashed', 'digest', 'encrypted', 'enc', 'cipher', 'ciphertext', 'hint', 'expires', 'expiry', 'id', 'at',
  'prefix', 'last4', 'suffix', 'type', 'count', 'name', 'vault', 'ref', 'fingerprint', 'salt', 'length', 'mask', 'masked',
]);
const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar', 'char', 'character', 'json', 'jsonb', 'citext']);

export const plaintextSecretColumn = sqlRule(
  {
    id: 'sql/plaintext-secret-column',
    defaultSeverity: 'warning',
    description: 'A column named like a credential (`api_key`, `secret`, `token`, `password`, …) stores it as plain text in an exposed table.',
  },
  (context) => {
    for (const table of apiTables(context.unit)) {
      for (const column of table.columns) {
        if (!TEXT_TYPES.has(column.type) || !looksLikeCredential(column.name)) continue;
        reportAt(context, column.at, {
          message: `Column ${column.name} of ${displayName(table)} stores a credential as plain text in a table the Data API serves: one loose policy or leaked backup exposes it. Store it in Supabase Vault (or hashed) and keep only a reference here.`,
        });
      }
    }
  },
);

export function looksLikeCredential(columnName: string): boolean {
  const parts = columnName.toLowerCase().split(/_+/).filter(Boolean);
  if (parts.some((p) => NOT_THE_VALUE.has(p))) return false;
  return CREDENTIAL_ENDINGS.some((ending) => ending.length <= parts.length && ending.every((word, i) => parts[parts.length - ending.length + i] === word));
}
