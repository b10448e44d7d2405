import type { PGlite } from '@electric-sql/pglite';
import picomatch from 'picomatch';
import { qualifiedName, type Catalog, type ColumnInfo, type TableInfo } from './catalog';
import { holdsPersonalRecords } from './personal-records';
import { literal, quoteIdent } from './sql-text';

/**
 * The probe users: A probes, B owns the rows A must not reach, and C is a bystander, the second person a
 * row of A's or B's may need (`check (follower_id <> followee_id)`), so that A and B are never related.
 * Fixed ids keep the emitted pgTAP tests stable.
 */
export const USERS = {
  a: { id: '00000000-0000-4000-8000-00000000000a', email: 'user-a@probe.supaguard.test' },
  b: { id: '00000000-0000-4000-8000-00000000000b', email: 'user-b@probe.supaguard.test' },
  c: { id: '00000000-0000-4000-8000-00000000000c', email: 'user-c@probe.supaguard.test' },
} as const;
export type UserKey = keyof typeof USERS;
export const PROBE_USER_KEYS = Object.keys(USERS) as UserKey[];

/** Whose row: a user, in a tenant (each user has a tenant of their own; B also belongs to A's). */
export interface Owner {
  user: UserKey;
  tenant: UserKey;
}

export interface SynthesizedRow {
  /** `ctid` of the row, to find it again inside the probe transaction. */
  ctid: string;
  values: Record<string, unknown>;
}

export type Synthesis = { row: SynthesizedRow } | { skip: string };
export type RowValues = { values: Record<string, string> } | { skip: string };

const OWNER_COLUMN_NAMES = ['user_id', 'owner_id', 'created_by', 'author_id', 'profile_id', 'owner', 'creator_id'];
/** Other names of a column holding a person's user id, when no foreign key says so. */
const PERSON_ID = /^(seller|buyer|customer|member|host|sender|patient|employee|student|driver|client|requester|reporter)_id$|_user_id$/;
const MEMBERSHIP_TABLE = /member|participant|collaborator|(^|_)users?($|_)|access|role/i;

/** Roles a table plays for the probes, read from its columns and foreign keys. */
export interface TableRoles {
  /** The column that says which user a row belongs to. */
  ownerColumn?: string;
  /** The column that says which tenant a row belongs to. */
  tenantColumn?: string;
  /** Other tables' tenant columns point at this one (workspaces, organizations). */
  isTenantRoot: boolean;
  isPrivate: boolean;
  isMembership: boolean;
  /** Per-user records (see `holdsPersonalRecords`): reading another user's row is a leak. */
  isPersonal: boolean;
  /**
   * A row makes its owner privileged: an `admins` table, or a role column whose labels are all
   * privileged (`app_role` as 'admin', 'moderator'). User A, the prober, gets none: the bystander C holds
   * A's row, or policies that let admins see everything would look like leaks.
   */
  grantsPrivilege: boolean;
}

/** What a synthesizer has made, to return to when the rows made since are rolled back. */
export interface SynthesisMark {
  rows: ReadonlyMap<string, Synthesis>;
  inserted: number;
  claimed: ReadonlySet<string>;
}

export class RowSynthesizer {
  private rows = new Map<string, Synthesis>();
  /** Rows this synthesizer inserted, parents first (the set-up of the emitted pgTAP tests). */
  readonly inserted: { table: TableInfo; row: SynthesizedRow }[] = [];
  private readonly inProgress = new Set<string>();
  private readonly tenantRoots: Set<number>;
  private readonly isPrivateName: (name: string) => boolean;
  /** Tables whose second reference to a user must name the bystander C (`check (follower_id <> followee_id)`). */
  private readonly counterpartTables = new Set<number>();
  /** Rows handed out, by table and ctid: a row taken over from the migrations' seed data is used once. */
  private claimed = new Set<string>();
  private counter = 0;

  constructor(
    private readonly db: PGlite,
    private readonly catalog: Catalog,
    private readonly options: { tenantColumns: readonly string[]; privateTables: readonly string[] },
  ) {
    this.tenantRoots = new Set(
      catalog.tables.flatMap((t) =>
        t.foreignKeys.filter((fk) => fk.columns.length === 1 && options.tenantColumns.includes(fk.columns[0])).map((fk) => fk.refOid),
      ),
    );
    const matchers = options.privateTables.map((p) => picomatch(p, { nocase: true }));
    this.isPrivateName = (name) => matchers.some((m) => m(name));
  }

  mark(): SynthesisMark {
    return { rows: new Map(this.rows), inserted: this.inserted.length, claimed: new Set(this.claimed) };
  }

  /** Forgets the rows made since `mark`, after the caller rolled them back. */
  restore(mark: SynthesisMark): void {
    this.rows = new Map(mark.rows);
    this.inserted.length = mark.inserted;
    this.claimed = new Set(mark.claimed);
  }

  rolesOf(table: TableInfo): TableRoles {
    const tenantColumn = table.columns.find((c) => this.options.tenantColumns.includes(c.name))?.name;
    const ownerColumn = this.ownerColumnOf(table);
    return {
      ownerColumn,
      tenantColumn,
      isTenantRoot: this.tenantRoots.has(table.oid),
      isPrivate: this.isPrivateName(table.name),
      isMembership: Boolean(tenantColumn && ownerColumn && MEMBERSHIP_TABLE.test(table.name)),
      isPersonal: this.isPersonal(table, ownerColumn, tenantColumn, new Set()),
      grantsPrivilege: Boolean(ownerColumn && !tenantColumn && grantsPrivilege(table)),
    };
  }

  /**
   * Per-user records (`holdsPersonalRecords`), and rows with no owner or tenant of their own that hang, by
   * a required foreign key, off a private or per-user row: the messages of a conversation, the lines of
   * an invoice are as personal as what they belong to.
   */
  private isPersonal(table: TableInfo, ownerColumn: string | undefined, tenantColumn: string | undefined, seen: Set<number>): boolean {
    if (tenantColumn || this.tenantRoots.has(table.oid)) return false;
    if (ownerColumn) return holdsPersonalRecords(table.name, ownerColumn, table.primaryKey);
    seen.add(table.oid);
    return table.foreignKeys.some((fk) => {
      const parent = this.catalog.byOid.get(fk.refOid);
      const required = fk.columns.every((c) => table.columns.find((col) => col.name === c)?.notNull);
      if (!parent || !required || seen.has(parent.oid)) return false;
      const parentTenant = parent.columns.find((c) => this.options.tenantColumns.includes(c.name))?.name;
      return this.isPrivateName(parent.name) || this.isPersonal(parent, this.ownerColumnOf(parent), parentTenant, seen);
    });
  }

  /** Inserts the users into `auth.users` (their sign-up triggers run, as on Supabase). */
  async createUsers(): Promise<string | undefined> {
    for (const key of PROBE_USER_KEYS) {
      const signUp = () => this.insertUser(key);
      // A sign-up trigger that fails on these users is the app's business: insert them without triggers.
      if (!(await this.attempt(signUp))) continue;
      const error = await this.attempt(async () => {
        await this.db.exec('set local session_replication_role = replica');
        await signUp();
        await this.db.exec('set local session_replication_role = origin');
      });
      if (error) return `signing up a user failed: ${error}`;
    }
    return undefined;
  }

  private async insertUser(key: UserKey): Promise<void> {
    const user = USERS[key];
    const name = `Probe user ${key.toUpperCase()}`;
    // The metadata keys sign-up triggers commonly copy into a profile.
    const metadata = { full_name: name, name, display_name: name, username: `probe_${key}`, user_name: `probe_${key}`, first_name: 'Probe', last_name: key.toUpperCase(), avatar_url: `https://probe.supaguard.test/${key}.png` };
    await this.actAs(key);
    await this.db.query(
      `insert into auth.users (id, aud, role, email, raw_user_meta_data, raw_app_meta_data, email_confirmed_at, created_at)
       values ($1, 'authenticated', 'authenticated', $2, $3, '{"provider": "email", "providers": ["email"]}', now(), now())`,
      [user.id, user.email, JSON.stringify(metadata)],
    );
  }

  /** B's membership of A's tenant, so that "same tenant, other user" can be probed. */
  async joinTenant(): Promise<void> {
    for (const table of this.catalog.tables) {
      if (this.rolesOf(table).isMembership) await this.rowFor(table, { user: 'b', tenant: 'a' });
    }
  }

  /** The row of `table` owned by `owner`, made (with its parents) on first request. */
  async rowFor(table: TableInfo, requested: Owner): Promise<Synthesis> {
    const roles = this.rolesOf(table);
    const owner: Owner = roles.grantsPrivilege && requested.user === 'a' ? { ...requested, user: 'c' } : requested;
    // A tenant is one row whoever asks; a user's own rows are per user when the table has no tenant.
    const key = roles.isTenantRoot
      ? `${table.oid}:tenant-${owner.tenant}`
      : `${table.oid}:${owner.user}:${roles.tenantColumn || this.hasTenantAncestor(table) ? owner.tenant : '-'}`;
    const known = this.rows.get(key);
    if (known) return known;
    if (this.inProgress.has(key)) return { skip: `${qualifiedName(table)} needs a row of itself (a foreign key cycle)` };
    this.inProgress.add(key);
    const made = await this.make(table, roles.isTenantRoot ? { user: owner.tenant, tenant: owner.tenant } : owner, roles);
    this.inProgress.delete(key);
    this.rows.set(key, made);
    return made;
  }

  /** Values for a new row owned by `owner` that does not clash with the rows already made (for insert probes). */
  async valuesFor(table: TableInfo, owner: Owner): Promise<RowValues> {
    return this.valuesOf(table, owner, this.rolesOf(table));
  }

  private hasTenantAncestor(table: TableInfo): boolean {
    return table.foreignKeys.some((fk) => {
      const parent = this.catalog.byOid.get(fk.refOid);
      return parent !== undefined && parent.oid !== table.oid && (this.tenantRoots.has(parent.oid) || Boolean(this.rolesOf(parent).tenantColumn));
    });
  }

  /**
   * `auth.users`, or a table with one row per user: a profile whose primary key is the user's id, or an
   * app's own `users` table with a unique `auth_user_id` (it stands for the user).
   */
  private standsForUser(oid: number): boolean {
    const usersTable = this.catalog.tables.find((t) => t.schema === 'auth' && t.name === 'users');
    if (usersTable && oid === usersTable.oid) return true;
    const parent = this.catalog.byOid.get(oid);
    if (!parent) return false;
    const keys = [parent.primaryKey, ...parent.uniqueKeys].map((k) => k.join());
    return parent.foreignKeys.some((fk) => fk.refOid === usersTable?.oid && fk.columns.length === 1 && keys.includes(fk.columns[0]));
  }

  private ownerColumnOf(table: TableInfo): string | undefined {
    // In column order: the first reference to a person is the row's (`patient_id` before `practitioner_id`).
    const position = (column: string) => table.columns.findIndex((c) => c.name === column);
    const byForeignKey = table.foreignKeys
      .filter((fk) => fk.columns.length === 1 && this.standsForUser(fk.refOid))
      .map((fk) => fk.columns[0])
      .sort((x, y) => position(x) - position(y));
    // Without a foreign key (a schema dump without constraints, third-party auth keeping the user's id as
    // text: `user_id text default auth.jwt() ->> 'sub'`), the name says it: `user_id`, `seller_id`.
    const unreferenced = table.columns.filter(
      (c) => (c.baseType === 'uuid' || c.category === 'S') && !table.foreignKeys.some((fk) => fk.columns.includes(c.name)),
    );
    const named = (test: (name: string) => boolean) =>
      unreferenced.find((c) => test(c.name) && (c.baseType === 'uuid' || /_id$|_by$/.test(c.name)))?.name;
    const byName = named((name) => OWNER_COLUMN_NAMES.includes(name)) ?? named((name) => PERSON_ID.test(name));
    return byForeignKey.find((c) => OWNER_COLUMN_NAMES.includes(c)) ?? byForeignKey[0] ?? byName;
  }

  private async make(table: TableInfo, owner: Owner, roles: TableRoles): Promise<Synthesis> {
    if (table.schema === 'auth' && table.name === 'users') return this.existingRow(table, 'id', USERS[owner.user].id);
    // Rows a trigger already made (a profile per signed-up user) are reused.
    if (roles.ownerColumn && table.primaryKey.join() === roles.ownerColumn) {
      const existing = await this.existingRow(table, roles.ownerColumn, USERS[owner.user].id);
      if ('row' in existing) return existing;
    }
    let made = await this.valuesOf(table, owner, roles);
    if ('skip' in made) return made;
    let inserted = await this.insert(table, made.values, owner.user);
    // `check (follower_id <> followee_id)`: the row's other reference to a user names the bystander.
    if ('skip' in inserted && inserted.skip.includes('check constraint') && this.hasCounterpart(table, roles) && !this.counterpartTables.has(table.oid)) {
      this.counterpartTables.add(table.oid);
      made = await this.valuesOf(table, owner, roles);
      if ('skip' in made) return made;
      inserted = await this.insert(table, made.values, owner.user);
    }
    if ('row' in inserted || !inserted.skip.includes('duplicate key')) return inserted;
    const values = made.values;
    // A trigger made this row already (a membership for a workspace's creator): find it.
    const match = [roles.ownerColumn, roles.tenantColumn].filter((c): c is string => Boolean(c && values[c]));
    if (match.length === 0) {
      const seeded = await this.unclaimedRow(table);
      if (seeded) return seeded;
      // Other labels for the enum columns: `unique (role, permission)` holds one row per combination.
      for (let variant = 1; variant < 4 && 'skip' in inserted && inserted.skip.includes('duplicate key'); variant++) {
        const again = await this.valuesOf(table, owner, roles, variant);
        if ('skip' in again) break;
        inserted = await this.insert(table, again.values, owner.user);
      }
      return inserted;
    }
    const conditions = match.map((c, i) => `${quoteIdent(c)}::text = $${i + 1}`).join(' and ');
    const found = await this.db.query<{ ctid: string }>(
      `select ctid::text as ctid, * from ${qualifiedName(table)} where ${conditions} limit 1`,
      match.map((c) => unquote(values[c])),
    );
    return found.rows[0] ? { row: { ctid: found.rows[0].ctid, values: found.rows[0] } } : inserted;
  }

  /**
   * A row no user owns clashes with seed data (`role_permissions` filled by the migration, whose enum
   * columns allow few combinations): a seeded row not handed out yet serves instead.
   */
  private async unclaimedRow(table: TableInfo): Promise<Synthesis | undefined> {
    const rows = (await this.db.query<Record<string, unknown> & { ctid: string }>(`select ctid::text as ctid, * from ${qualifiedName(table)} limit 100`)).rows;
    const row = rows.find((r) => !this.claimed.has(`${table.oid}:${r.ctid}`));
    if (!row) return undefined;
    this.claimed.add(`${table.oid}:${row.ctid}`);
    return { row: { ctid: row.ctid, values: row } };
  }

  /** A required reference to a user other than the owner column. */
  private hasCounterpart(table: TableInfo, roles: TableRoles): boolean {
    return table.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] !== roles.ownerColumn && this.standsForUser(fk.refOid));
  }

  private async existingRow(table: TableInfo, column: string, value: string): Promise<Synthesis> {
    const found = await this.db.query<{ ctid: string }>(
      `select ctid::text as ctid, * from ${qualifiedName(table)} where ${quoteIdent(column)}::text = $1 limit 1`,
      [value],
    );
    return found.rows[0] ? { row: { ctid: found.rows[0].ctid, values: found.rows[0] } } : { skip: `no ${qualifiedName(table)} row for the user` };
  }

  /** SQL literals (or expressions) by column name. */
  private async valuesOf(table: TableInfo, owner: Owner, roles: TableRoles, variant = 0): Promise<RowValues> {
    const values: Record<string, string> = {};
    const serial = ++this.counter;
    for (const column of table.columns) {
      if (column.generated || column.identity) continue;
      const foreignKey = table.foreignKeys.find((fk) => fk.columns.includes(column.name));
      const isOwner = column.name === roles.ownerColumn;
      const isTenant = column.name === roles.tenantColumn;
      if (foreignKey && foreignKey.refOid !== table.oid && (isOwner || isTenant || column.notNull)) {
        const parent = this.catalog.byOid.get(foreignKey.refOid);
        if (!parent) return { skip: `column ${column.name} references a table the probes cannot fill` };
        const counterpart = !isOwner && this.counterpartTables.has(table.oid) && this.standsForUser(parent.oid);
        const parentRow = await this.rowFor(parent, counterpart ? { ...owner, user: 'c' } : owner);
        if ('skip' in parentRow) return { skip: `no parent row for ${column.name}: ${parentRow.skip}` };
        const value = parentRow.row.values[foreignKey.refColumns[foreignKey.columns.indexOf(column.name)]];
        values[column.name] = literal(value);
        continue;
      }
      if (isOwner) {
        values[column.name] = literal(USERS[owner.user].id);
        continue;
      }
      if (isTenant) {
        values[column.name] = literal(column.baseType === 'uuid' ? tenantId(owner.tenant) : `tenant-${owner.tenant}`);
        continue;
      }
      if (column.hasDefault || !column.notNull) continue;
      if (foreignKey) return { skip: `column ${column.name} must reference a row of the same table` };
      const value = await this.satisfyingValue(table, column, candidateValues(column, table, { user: owner.user, serial, variant }, table.columns.indexOf(column)));
      if (value === undefined) return { skip: `no value can be made for column ${column.name} of type ${column.type} that its checks accept` };
      values[column.name] = value;
    }
    return { values };
  }

  /**
   * The first candidate the column's type and own checks accept (`check (slug ~ '^[a-z0-9-]+$')`), tried
   * on a cast and the check expressions alone.
   */
  private async satisfyingValue(table: TableInfo, column: ColumnInfo, candidates: string[]): Promise<string | undefined> {
    const expressions = table.checks
      .filter((c) => c.columns.length === 1 && c.columns[0] === column.name)
      .map((c) => /^CHECK \((.*)\)(?: NOT VALID)?$/s.exec(c.definition)?.[1])
      .filter((e): e is string => Boolean(e));
    // Plain text, numbers, booleans and times take the first; checks, a type modifier (`numeric(3, 2)`), a
    // domain or another type (`hstore`, `ltree`) may refuse it.
    const plain = column.type === column.baseType && 'SNBD'.includes(column.category);
    if (expressions.length === 0 && (plain || candidates.length < 2)) return candidates[0];
    // `candidate.*` makes Postgres compute the cast, which it skips for a column the query does not return.
    const test = (candidate: string) =>
      `select candidate.*, (${['true', ...expressions].map((e) => `(${e}) is not false`).join(' and ')}) as supaguard_accepted
       from (select (${candidate})::${column.type} as ${quoteIdent(column.name)}) as candidate`;
    for (const candidate of candidates) {
      let accepted = false;
      const error = await this.attempt(async () => {
        accepted = (await this.db.query<{ supaguard_accepted: boolean }>(test(candidate))).rows[0]?.supaguard_accepted === true;
      });
      if (!error && accepted) return candidate;
    }
    return undefined;
  }

  private async insert(table: TableInfo, values: Record<string, string>, user: UserKey): Promise<Synthesis> {
    const columns = Object.keys(values);
    const sql = columns.length
      ? `insert into ${qualifiedName(table)} (${columns.map(quoteIdent).join(', ')}) values (${columns.map((c) => values[c]).join(', ')}) returning ctid::text as ctid, *`
      : `insert into ${qualifiedName(table)} default values returning ctid::text as ctid, *`;
    let row: (Record<string, unknown> & { ctid: string }) | undefined;
    const error = await this.attempt(async () => {
      await this.actAs(user);
      row = (await this.db.query<Record<string, unknown> & { ctid: string }>(sql)).rows[0];
    });
    if (error || !row) return { skip: `inserting a row failed: ${error ?? 'no row returned'}` };
    const made = { ctid: row.ctid, values: row };
    this.inserted.push({ table, row: made });
    this.claimed.add(`${table.oid}:${row.ctid}`);
    return { row: made };
  }

  /** Claims of `user` while the superuser inserts, for triggers that read `auth.uid()`. */
  private async actAs(user: UserKey): Promise<void> {
    await this.db.query(`select set_config('request.jwt.claims', $1, true)`, [claimsOf(user)]);
  }

  /** Runs `work` under a savepoint; returns Postgres's message when it failed. */
  private async attempt(work: () => Promise<void>): Promise<string | undefined> {
    await this.db.exec('savepoint supaguard_synthesis');
    try {
      await work();
      await this.db.exec('release savepoint supaguard_synthesis');
      return undefined;
    } catch (error) {
      await this.db.exec('rollback to savepoint supaguard_synthesis; release savepoint supaguard_synthesis');
      return (error as Error).message.split('\n')[0];
    }
  }
}

/**
 * The claims of a signed-in user's access token as Supabase Auth issues them, down to `is_anonymous` and
 * `aal`: a restrictive policy that keeps anonymous sign-ins out (`(auth.jwt() ->> 'is_anonymous')::boolean
 * is false`) must let a regular user through, or every probe behind it would be refused for the wrong reason.
 */
export function claimsOf(user: UserKey): string {
  return JSON.stringify({
    sub: USERS[user].id,
    role: 'authenticated',
    aud: 'authenticated',
    email: USERS[user].email,
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    aal: 'aal1',
    is_anonymous: false,
  });
}

function tenantId(tenant: UserKey): string {
  return `00000000-0000-4000-9000-00000000000${tenant}`;
}

/**
 * Values for a column, best first; the column's checks pick among them. Numbers and times grow with the
 * column's position, so that checks across columns written in the usual order hold (`ends_at > starts_at`,
 * `max_guests >= min_guests`).
 */
function candidateValues(
  column: ColumnInfo,
  table: TableInfo,
  { user, serial, variant }: { user: UserKey; serial: number; variant: number },
  position: number,
): string[] {
  const choices = column.enumLabels?.length ? column.enumLabels : allowedLiterals(column, table);
  if (choices.length) {
    const ordered = leastPrivilegedFirst(choices);
    return [literal(ordered[variant % ordered.length])];
  }
  switch (column.category) {
    case 'B':
      return ['false', 'true'];
    case 'N':
      return [String(serial + position), '1', '0'];
    case 'D':
      return position ? [`now() + interval '${position} days ${position} minutes'`, 'now()'] : ['now()'];
    case 'A':
      return [`'{}'`];
    case 'I':
      return [`'127.0.0.${serial % 250}'`];
    case 'R':
      return [`'empty'`];
    case 'G':
      return [`'(0,0)'`];
    case 'S':
      return textCandidates(column, user, serial).map(literal);
  }
  switch (column.baseType) {
    case 'uuid':
      return ['gen_random_uuid()'];
    case 'json':
    case 'jsonb':
      return [`'{}'`, `'[]'`];
    case 'bytea':
      return [`'\\x00'`];
    case 'interval':
      return [`'1 hour'`];
    case 'tsvector':
      return [`''`];
  }
  if (/vector/.test(column.baseType)) return [`'[0]'`];
  // Extension and other types (`ltree`, `hstore`, `bit`): literals that many accept; the cast picks one.
  return [`'probe'`, `''`, `'0'`, `'{}'`];
}

/** Distinct per row; readable first, then shapes slugs, handles and codes accept. */
function textCandidates(column: ColumnInfo, user: UserKey, serial: number): string[] {
  // `character(2)`, `varchar(10)`: the text must fit.
  const limit = Number(/\((\d+)\)$/.exec(column.type)?.[1] ?? Infinity);
  if (limit < 12) {
    const letters = user.toUpperCase().repeat(2);
    const digits = String(serial % 100).padStart(2, '0');
    return [`${user}${serial}`, `${serial}`.padStart(limit, '0'), `${letters}${digits}`, `${letters.toLowerCase()}${digits}`].map((t) => t.slice(-limit));
  }
  if (/email/i.test(column.name)) return [`${user}${serial}@probe.supaguard.test`.slice(0, limit)];
  if (/url|link|website/i.test(column.name)) return [`https://probe.supaguard.test/${user}/${serial}`.slice(0, limit)];
  const readable = [`probe ${user} ${column.name} ${serial}`, `probe-${user}-${serial}`, `probe_${user}_${serial}`, `probe${user}${serial}`, `Probe ${user.toUpperCase()} ${serial}`];
  // Phone numbers and codes made of digits, and addresses under another name (`contact citext check (… ~ '@')`).
  const shaped = [`+1555${String(serial).padStart(7, '0')}`, String(serial).padStart(10, '0'), `${user}${serial}@probe.supaguard.test`];
  return [...readable, ...shaped].map((t) => t.slice(0, limit));
}

/** `check (status in ('draft', 'published'))` → `draft`, `published`. */
function allowedLiterals(column: ColumnInfo, table: TableInfo): string[] {
  for (const check of table.checks) {
    if (check.columns.length !== 1 || check.columns[0] !== column.name || !/= ANY|IN \(|=/.test(check.definition)) continue;
    const values = [...check.definition.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
    if (values.length) return values;
  }
  return [];
}

const PRIVILEGE_TABLE = /(^|_)(admins?|administrators?|moderators?|superusers?|super_admins?|staff|operators?)($|_)/i;

/** See `TableRoles.grantsPrivilege`. */
function grantsPrivilege(table: TableInfo): boolean {
  if (PRIVILEGE_TABLE.test(table.name)) return true;
  return table.columns.some((column) => {
    if (column.hasDefault || !column.notNull) return false;
    const choices = column.enumLabels?.length ? column.enumLabels : allowedLiterals(column, table);
    return choices.length > 0 && choices.every(isPrivileged);
  });
}

function isPrivileged(choice: string): boolean {
  return /admin|owner|super|staff|service|root|manager|moderator/i.test(choice);
}

/**
 * A probe user must not be an admin by accident: `role in ('admin', 'member')` makes them a member, or
 * policies that let admins see everything would look like leaks.
 */
function leastPrivilegedFirst(choices: string[]): string[] {
  return [...choices.filter((c) => !isPrivileged(c)), ...choices.filter(isPrivileged)];
}


function unquote(sqlLiteral: string | undefined): string {
  if (!sqlLiteral) return '';
  return sqlLiteral.startsWith("'") ? sqlLiteral.slice(1, -1).replace(/''/g, "'") : sqlLiteral;
}
