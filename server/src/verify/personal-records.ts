/**
 * Which tables hold one person's records: the name and the owner column decide, since the policies cannot
 * (`using (true)` reads the same on `profiles` and on `invoices`).
 */

/**
 * Words that name records kept for one person only: money (invoices, payments, orders, subscriptions,
 * the Stripe customer of a user), private notes and lists (notes, todos, journals, bookmarks, drafts),
 * settings and credentials (settings, preferences, api keys, tokens, secrets), contact and health data,
 * notifications.
 */
const PERSONAL_RECORD_WORDS = new Set([
  'invoice', 'payment', 'order', 'purchase', 'subscription', 'billing', 'customer', 'transaction', 'charge', 'refund',
  'payout', 'receipt', 'cart', 'wallet', 'balance', 'bank', 'expense', 'budget',
  'note', 'todo', 'journal', 'diary', 'bookmark', 'draft', 'private',
  'setting', 'preference', 'apikey', 'token', 'secret', 'credential', 'password',
  'address', 'health', 'medical', 'prescription', 'diagnosis', 'diagnoses', 'notification',
]);

/** Keys that are credentials (`api_keys`, `ssh_keys`), not `public_keys` or `key_results`. */
const CREDENTIAL_KEYS = /(^|_)(api|access|private|secret|ssh|signing|license)_keys?($|_)/;

/** Words that say a table is written for others to read: `customer_reviews`, `public_keys`, `shared_notes`. */
const SHARED_RECORD_WORDS = new Set(['public', 'shared', 'published', 'review', 'comment', 'post', 'rating', 'testimonial', 'profile', 'listing', 'announcement']);

/**
 * Whether a table holds per-user records, so that another signed-in user reading a row is a leak even
 * though the table is neither private (`privateTables`) nor a tenant's.
 *
 * The rule: the table has an owner column (a reference to `auth.users`, or to a table with one row per
 * user, or a uuid column named like `user_id`) that names whose record the row is (`user_id`,
 * `owner_id`, `account_id`, `customer_id`, or the primary key itself, not `created_by`, `author_id` or
 * `updated_by`: authored rows are usually written for others to read), the table belongs to no tenant
 * (tenant tables are judged by tenant), and a word of its name names personal records
 * (`PERSONAL_RECORD_WORDS`: `invoices`, `user_settings`, `api_keys`, `order_items`) while none says the
 * rows are written for others (`SHARED_RECORD_WORDS`: `customer_reviews`, `public_keys`). Everything else
 * with an owner column is shared by design when its policies say so: a profile, a post, a comment, a
 * follow, a message in a channel, an announcement in `notifications` written by `created_by`. The name
 * is the signal because the policies cannot be: `using (true)` reads the same on `profiles`, where every
 * signed-in user is meant to see every row, and on `invoices`, where that is a leak.
 */
export function holdsPersonalRecords(tableName: string, ownerColumn: string, primaryKey: readonly string[]): boolean {
  const subject = primaryKey.join() === ownerColumn || RECORD_SUBJECT.test(snakeCase(ownerColumn));
  const name = snakeCase(tableName);
  const words = name.split(/[^a-z0-9]+/);
  const said = (list: Set<string>) => words.some((word) => singularForms(word).some((form) => list.has(form)));
  return subject && (said(PERSONAL_RECORD_WORDS) || CREDENTIAL_KEYS.test(name)) && !said(SHARED_RECORD_WORDS);
}

/** Owner columns that say whose record a row is. */
const RECORD_SUBJECT = /(^|_)(user|owner|profile|account|customer|member|person|client|buyer|patient|recipient)(_?id)?$/;

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** `diaries` → `diary`, `addresses` → `address`, `keys` → `key` (and the word itself). */
function singularForms(word: string): string[] {
  return [word, word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, '')];
}
