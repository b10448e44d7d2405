import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';

ruleTester('sql/plaintext-secret-column', {
  valid: [
    { name: 'hashes, prefixes and references', files: { [INIT]: 'create table public.api_keys (id uuid primary key, key_hash text not null, key_prefix text, secret_id uuid, token_count int, password_hash text, max_tokens int);\nalter table public.api_keys enable row level security;\n' } },
    { name: 'a private schema', files: { [INIT]: 'create table private.integrations (id int, access_token text);\n' } },
    { name: 'renamed to a hash, or changed to an encrypted type later', files: { [INIT]: 'create table public.integrations (id int, api_key text, access_token text);\nalter table public.integrations rename column api_key to api_key_hash;\nalter table public.integrations alter column access_token type bytea using convert_to(access_token, \'UTF8\');\n' } },
    { name: 'a binary (encrypted) column', files: { [INIT]: 'create table public.integrations (id int, access_token bytea);\n' } },
  ],
  invalid: [
    {
      name: 'credential columns at creation',
      files: { [INIT]: 'create table public.integrations (\n  id bigint primary key,\n  openai_api_key text,\n  refresh_token varchar(500),\n  provider text\n);\n' },
      findings: [{ line: 3, column: 3, endColumn: 17, message: 'openai_api_key' }, { line: 4, column: 3, endColumn: 16 }],
    },
    {
      name: 'a column added in a later migration',
      files: { [INIT]: 'create table public.users_extra (id uuid primary key);\n', 'supabase/migrations/20240201000000_pw.sql': '-- « mot de passe »\nalter table public.users_extra add column password text;\n' },
      findings: [{ file: 'supabase/migrations/20240201000000_pw.sql', line: 2, column: 43, endColumn: 51 }],
    },
  ],
});
