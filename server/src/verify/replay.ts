import type { PGlite } from '@electric-sql/pglite';
import type { Range } from '../engine/finding';
import { SUPABASE_SEARCH_PATH } from './database';
import { headRange, positionInStatement, refOf, type ReplayFile, type ReplayStatement, type StatementRef } from './history';
import { CONTRIB_EXTENSIONS, extensionOwningSchema, extensionStub, isStubbedExtension } from './standin';

export interface StatementFailure {
  path: string;
  range: Range;
  message: string;
  /** Statements of the same file that failed after this one (usually because of it). */
  laterFailures: number;
}

/** A statement the stand-in cannot run for reasons of its own (an extension PGlite lacks): neither applied nor reported. */
export interface SkippedStatement {
  path: string;
  range: Range;
  reason: string;
}

/** What the replay learned about where objects came from, by catalog object id. */
export interface Origins {
  tables: Map<number, StatementRef>;
  policies: Map<number, StatementRef>;
  functions: Map<number, StatementRef>;
  views: Map<number, StatementRef>;
  /** The statement that last turned RLS off on a table that had it on. */
  rlsDisabled: Map<number, StatementRef>;
}

export interface ReplayResult {
  failures: StatementFailure[];
  skipped: SkippedStatement[];
  origins: Origins;
  statements: number;
  /** Extensions the migrations enable that the embedded Postgres has no stand-in for. */
  missingExtensions: string[];
}

export function emptyReplayResult(): ReplayResult {
  return { failures: [], skipped: [], origins: emptyOrigins(), statements: 0, missingExtensions: [] };
}

function emptyOrigins(): Origins {
  return { tables: new Map(), policies: new Map(), functions: new Map(), views: new Map(), rlsDisabled: new Map() };
}

// User objects only (object ids from 16384 up); the stand-in's own objects are in the first snapshot.
// Functions are many (every extension's) and only their creation matters: the ones above the highest id
// at the start are the new ones, since Postgres hands out object ids in increasing order.
const SNAPSHOT_SQL = `
select 'c' || c.relkind::text as kind, c.oid::int8::text as id, c.relrowsecurity::text as state
  from pg_class c where c.oid >= 16384 and c.relkind in ('r', 'p', 'v', 'm')
union all select 'p', p.oid::int8::text, '' from pg_policy p
union all select 'f', p.oid::int8::text, '' from pg_proc p where p.oid > $1`;
const HIGHEST_FUNCTION_SQL = `select coalesce(max(oid), 0)::int8::text as oid from pg_proc`;

interface Snapshot {
  kind: string;
  id: string;
  state: string;
}

/**
 * Applies a history statement by statement, committing each (as `supabase db reset` applies a file and
 * moves on), and records which statement made each table, view, policy and function by diffing the
 * catalog after each one: that is how objects made in `DO` blocks or by dynamic SQL get a place to report.
 *
 * With `inTransaction` the caller has opened a transaction (the editor's warm mode, rolled back later):
 * each statement then runs under a savepoint so a failure leaves the rest applicable.
 */
export class HistoryReplayer {
  private readonly origins: Origins;
  private readonly missingExtensions: string[];
  private known = new Map<string, string>();
  private functionsBefore = '0';

  private constructor(
    private readonly db: PGlite,
    before: ReplayResult,
  ) {
    this.origins = cloneOrigins(before.origins);
    this.missingExtensions = [...before.missingExtensions];
  }

  /** A replayer for `db`, which already holds the history `before` describes (nothing by default). */
  static async start(db: PGlite, before: ReplayResult = emptyReplayResult()): Promise<HistoryReplayer> {
    const replayer = new HistoryReplayer(db, before);
    replayer.functionsBefore = (await db.query<{ oid: string }>(HIGHEST_FUNCTION_SQL)).rows[0].oid;
    for (const row of await replayer.snapshot()) replayer.known.set(`${row.kind}:${row.id}`, row.state);
    return replayer;
  }

  async replay(files: readonly ReplayFile[], options: { inTransaction?: boolean } = {}): Promise<ReplayResult> {
    // Origins and missing extensions accumulate over the whole history; the rest is this replay's.
    const result: ReplayResult = { failures: [], skipped: [], origins: this.origins, statements: 0, missingExtensions: this.missingExtensions };
    for (const file of files) await this.replayFile(file, result, options.inTransaction ?? false);
    return result;
  }

  private async replayFile(file: ReplayFile, result: ReplayResult, inTransaction: boolean): Promise<void> {
    // Each migration starts from Supabase's session settings, whatever the previous one changed.
    await this.db.exec(`reset all; reset role; set search_path = ${SUPABASE_SEARCH_PATH}`);
    let firstFailure: StatementFailure | undefined;
    for (const statement of file.statements) {
      // Transaction control is the replay's job: each statement is applied on its own.
      if (statement.kind === 'TransactionStmt') continue;
      result.statements++;
      const sql = this.sqlFor(statement);
      if (sql === undefined) continue;
      const error = await this.run(sql, inTransaction);
      if (error) {
        const skip = standinLimitation(statement, error, inTransaction, this.missingExtensions);
        if (skip) {
          if (statement.extension?.action === 'create' && skip.startsWith('the embedded Postgres has no')) this.missingExtensions.push(statement.extension.name);
          result.skipped.push({ path: file.path, range: statement.range, reason: skip });
          continue;
        }
        if (firstFailure) firstFailure.laterFailures++;
        else {
          firstFailure = { path: file.path, range: failureRange(statement, error), message: describeError(error), laterFailures: 0 };
          result.failures.push(firstFailure);
        }
        continue;
      }
      await this.recordOrigins(refOf(file, statement));
    }
  }

  /** The SQL that stands for a statement, or undefined when the stand-in ignores it. */
  private sqlFor(statement: ReplayStatement): string | undefined {
    const extension = statement.extension;
    if (!extension || !isStubbedExtension(extension.name)) return statement.text;
    if (extension.action === 'create') return extensionStub(extension.name, extension.schema);
    return undefined;
  }

  private async run(sql: string, inTransaction: boolean): Promise<PgError | undefined> {
    try {
      if (!inTransaction) {
        await this.db.exec(sql);
        return undefined;
      }
      await this.db.exec('savepoint supaguard_statement');
      try {
        await this.db.exec(sql);
        await this.db.exec('release savepoint supaguard_statement');
      } catch (error) {
        await this.db.exec('rollback to savepoint supaguard_statement; release savepoint supaguard_statement');
        throw error;
      }
      return undefined;
    } catch (error) {
      return error as PgError;
    }
  }

  private async snapshot(): Promise<Snapshot[]> {
    return (await this.db.query<Snapshot>(SNAPSHOT_SQL, [this.functionsBefore])).rows;
  }

  private async recordOrigins(ref: StatementRef): Promise<void> {
    for (const row of await this.snapshot()) {
      const key = `${row.kind}:${row.id}`;
      const previous = this.known.get(key);
      this.known.set(key, row.state);
      const id = Number(row.id);
      if (previous === undefined) {
        if (row.kind === 'cr' || row.kind === 'cp') this.origins.tables.set(id, ref);
        else if (row.kind === 'cv' || row.kind === 'cm') this.origins.views.set(id, ref);
        else if (row.kind === 'p') this.origins.policies.set(id, ref);
        else if (row.kind === 'f') this.origins.functions.set(id, ref);
      } else if (previous === 'true' && row.state === 'false') {
        this.origins.rlsDisabled.set(id, ref);
      } else if (previous === 'false' && row.state === 'true') {
        this.origins.rlsDisabled.delete(id);
      }
    }
  }
}

export interface PgError extends Error {
  code?: string;
  position?: string;
  where?: string;
  hint?: string;
}

function describeError(error: PgError): string {
  const message = error.message.split('\n')[0];
  // The stand-in's own guards are no place in the user's code.
  const where = error.where?.split('\n').find((line) => !line.includes('supaguard_standin'));
  const extension = extensionOwningSchema(/^schema "(\w+)" does not exist/.exec(message)?.[1] ?? '');
  const advice = extension
    ? ` (no earlier migration enables ${extension}: add \`create extension if not exists ${extension}\`; enabling it in the dashboard does not reach \`supabase db reset\` or branches)`
    : error.code === '42501' && /^must be owner of table/.test(message)
      ? ` (Supabase's auth, storage and realtime tables belong to those services: migrations may add policies to them but not alter or index them; row level security is already on for storage.objects, so remove the statement)`
      : '';
  return `${message}${where ? ` (${where})` : ''}${advice}`;
}

function failureRange(statement: ReplayStatement, error: PgError): Range {
  const position = Number(error.position);
  const offset = Number.isInteger(position) && position >= 1 ? position - 1 : namedObjectOffset(statement.text, error.message);
  if (offset === undefined) return headRange(statement);
  const word = /^[\w$."]+/.exec(statement.text.slice(offset))?.[0] ?? '';
  return { start: positionInStatement(statement, offset), end: positionInStatement(statement, offset + Math.max(1, word.length)) };
}

/**
 * Postgres gives no position for errors in some clauses (a policy's expression): the object the message
 * names (`column "owner_id" does not exist`), found as a whole word in the statement, is the next best place.
 */
function namedObjectOffset(text: string, message: string): number | undefined {
  const name = /"([^"]+)"/.exec(message)?.[1];
  if (!name) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`(?<![\\w$])"?${escaped}"?(?![\\w$])`, 'i').exec(text);
  return found?.index;
}

const VECTOR_INDEX = /access method "(hnsw|ivfflat)" does not exist|operator class "(vector|halfvec|sparsevec)_\w+" does not exist/;

/** Why a failure is the stand-in's and not the migration's, or undefined when the migration is to blame. */
// Unknown type, function or relation: what a statement that needs a missing extension's objects fails with.
const MISSING_OBJECT_CODES = new Set(['42704', '42883', '42P01']);

function standinLimitation(
  statement: ReplayStatement,
  error: PgError,
  inTransaction: boolean,
  missingExtensions: readonly string[],
): string | undefined {
  const extension = statement.extension;
  if (extension?.action === 'create' && !(CONTRIB_EXTENSIONS as readonly string[]).includes(extension.name)) {
    return `the embedded Postgres has no ${extension.name} extension`;
  }
  if (extension) return `the stand-in cannot change the ${extension.name} extension`;
  if (VECTOR_INDEX.test(error.message)) return 'the pgvector stand-in has no index access methods';
  if (inTransaction && error.code === '25001') return 'this statement cannot run inside the transaction the editor check uses';
  if (missingExtensions.length && MISSING_OBJECT_CODES.has(error.code ?? '')) {
    return `it probably needs the ${missingExtensions.join(', ')} extension, which the embedded Postgres lacks (${error.message.split('\n')[0]})`;
  }
  return undefined;
}

function cloneOrigins(origins: Origins): Origins {
  return {
    tables: new Map(origins.tables),
    policies: new Map(origins.policies),
    functions: new Map(origins.functions),
    views: new Map(origins.views),
    rlsDisabled: new Map(origins.rlsDisabled),
  };
}
