import { ruleTester } from '../../support/rule-tester';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const table = 'create table public.orders (id bigint primary key, user_id uuid, total_cents int);\nalter table public.orders enable row level security;\n';
const view = 'create view public.order_totals as\n  select user_id, sum(total_cents) as total from public.orders group by user_id;\n';

ruleTester('sql/security-definer-view', {
  valid: [
    { name: 'security_invoker = on', files: { [INIT]: `${table}${view.replace('order_totals as', 'order_totals with (security_invoker = on) as')}` } },
    { name: 'switched to invoker later', files: { [INIT]: `${table}${view}`, 'supabase/migrations/20240201000000_invoker.sql': 'alter view public.order_totals set (security_invoker = true);\n' } },
    { name: 'a view in a private schema', files: { [INIT]: `${table}${view.replace('public.order_totals', 'reporting.order_totals')}` } },
    { name: 'API roles cannot select from it', files: { [INIT]: `${table}${view}revoke all on public.order_totals from anon, authenticated;\n` } },
    {
      name: 'a materialized view the API roles cannot read',
      files: { [INIT]: `${table}create materialized view public.totals as select count(*) from public.orders;\nrevoke select on public.totals from anon, authenticated;\n` },
    },
    { name: 'a materialized view in a private schema', files: { [INIT]: `${table}create materialized view reporting.totals as select count(*) from public.orders;\n` } },
  ],
  invalid: [
    {
      name: 'a plain view over an RLS table, fixed with security_invoker',
      files: { [INIT]: `${table}${view}` },
      findings: [{
        line: 3, column: 13, endColumn: 32, message: 'public.orders',
        fix: { safe: false, output: { [INIT]: `${table}${view.replace('order_totals as', 'order_totals with (security_invoker = on) as')}` } },
      }],
    },
    {
      name: 'a materialized view the API serves (no fix: it cannot be security_invoker)',
      files: { [INIT]: `${table}create materialized view public.totals as select user_id, sum(total_cents) from public.orders group by user_id;\n` },
      findings: [{ line: 3, column: 26, endColumn: 39, message: ['Materialized view public.totals', 'public.orders', 'revoke select'] }],
    },
    { name: 'invoker switched off again', files: { [INIT]: `${table}${view.replace('order_totals as', 'order_totals with (security_invoker) as')}alter view public.order_totals reset (security_invoker);\n` }, findings: [{ line: 3 }] },
  ],
});
