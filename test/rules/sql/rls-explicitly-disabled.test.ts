import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const LATER = 'supabase/migrations/20240201000000_change.sql';
const secured = `create table public.invoices (id bigint primary key, amount_cents int not null);
alter table public.invoices enable row level security;
`;

ruleTester('sql/rls-explicitly-disabled', {
  valid: [
    { name: 'secured and left on', files: { [INIT]: secured } },
    { name: 'disabled for a data fix, then re-enabled', files: { [INIT]: secured, [LATER]: 'alter table public.invoices disable row level security;\nupdate public.invoices set amount_cents = 0 where amount_cents < 0;\nalter table public.invoices enable row level security;\n' } },
    { name: 'disabled on a table outside the exposed schemas', files: { [INIT]: 'create schema internal;\ncreate table internal.jobs (id int);\nalter table internal.jobs disable row level security;\n' } },
  ],
  invalid: [
    {
      name: 'secured in one migration, disabled in a later one',
      files: { [INIT]: secured, [LATER]: '-- quick débogage 🐛\nalter table public.invoices disable row level security;\n' },
      findings: [{
        file: LATER, line: 2, column: 29, endColumn: 55, message: 'public.invoices', related: [INIT],
        fix: { safe: false, output: { [LATER]: '-- quick débogage 🐛\nalter table public.invoices enable row level security;\n' } },
      }],
    },
    {
      name: 'the disabling statement removed',
      files: { [INIT]: `${secured}alter table public.invoices disable row level security;\ncreate index invoices_amount on public.invoices (amount_cents);\n` },
      findings: [{
        line: 3, fix: { title: 'Remove', safe: false, output: { [INIT]: `${secured}create index invoices_amount on public.invoices (amount_cents);\n` } },
      }],
    },
    {
      name: 'disabled together with another change',
      files: { [INIT]: `${secured}alter table public.invoices add column note text, disable row level security;\n` },
      findings: [{ line: 3, message: 'public.invoices' }],
    },
  ],
});
