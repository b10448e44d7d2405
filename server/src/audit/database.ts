/**
 * The one door to an audit database. Every query goes through `readOnly`: a `READ ONLY` transaction with a
 * local `statement_timeout`, parameters bound through the extended protocol (one statement, no string
 * splicing). Two back ends share it: a PostgreSQL server through node-postgres, and the embedded PGlite.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Client, Pool, type ClientConfig, type QueryConfig } from 'pg';
import { AuditError, classifyError } from './errors';

export type Row = Record<string, unknown>;

export interface SqlRunner {
  query(sql: string, params: readonly unknown[]): Promise<Row[]>;
}

export type ConnectionStatus =
  | { state: 'connected' }
  | { state: 'reconnecting'; attempt: number; delayMs: number; reason: string }
  | { state: 'failed'; reason: string };

export interface AuditDatabase {
  /** Where it points, for messages; never carries a password. */
  readonly label: string;
  readOnly<T>(work: (sql: SqlRunner) => Promise<T>, timeoutMs: number): Promise<T>;
  /** Subscribes to NOTIFY on `channel`; `onReconnected` runs after a lost listener connection is back. */
  listen(channel: string, onNotify: (payload: string) => void, onReconnected?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with a cap: 250 ms, 500 ms, 1 s … 30 s. */
export function backoffDelay(attempt: number, baseMs = 250, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export interface PostgresTarget {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  ssl?: boolean;
  connectionString?: string;
}

export interface PostgresOptions {
  onStatus?: (status: ConnectionStatus) => void;
  /** How many times a query is retried after a lost connection before the error is reported. */
  maxReconnectAttempts?: number;
  connectTimeoutMs?: number;
}

/** `user@host:port/database`, read from fields or a URL; the password never appears. */
export function describeTarget(target: PostgresTarget): string {
  if (target.connectionString) {
    try {
      const url = new URL(target.connectionString);
      const user = decodeURIComponent(url.username || 'postgres');
      return `${user}@${url.hostname || 'localhost'}:${url.port || 5432}${url.pathname || '/postgres'}`;
    } catch {
      return 'the database (unreadable URL)';
    }
  }
  return `${target.user ?? 'postgres'}@${target.host ?? 'localhost'}:${target.port ?? 5432}/${target.database ?? 'postgres'}`;
}

function clientConfig(target: PostgresTarget, connectTimeoutMs: number): ClientConfig {
  const ssl = target.ssl ? { rejectUnauthorized: false } : undefined;
  const base: ClientConfig = { connectionTimeoutMillis: connectTimeoutMs, application_name: 'supaguard-audit' };
  if (target.connectionString) return { ...base, connectionString: target.connectionString, ...(ssl ? { ssl } : {}) };
  const { host, port, database, user, password } = target;
  return { ...base, host, port, database, user, password, ssl };
}

export class PostgresDatabase implements AuditDatabase {
  readonly label: string;
  private readonly pool: Pool;
  private readonly config: ClientConfig;
  private readonly listeners = new Set<Client>();

  constructor(
    target: PostgresTarget,
    private readonly options: PostgresOptions = {},
  ) {
    this.label = describeTarget(target);
    this.config = clientConfig(target, options.connectTimeoutMs ?? 10_000);
    this.pool = new Pool({ ...this.config, max: 4, idleTimeoutMillis: 30_000 });
    // An idle client that loses its server emits here; the next query gets a fresh client.
    this.pool.on('error', () => undefined);
  }

  async readOnly<T>(work: (sql: SqlRunner) => Promise<T>, timeoutMs: number): Promise<T> {
    const maxAttempts = this.options.maxReconnectAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.readOnlyOnce(work, timeoutMs);
        if (attempt > 1) this.options.onStatus?.({ state: 'connected' });
        return result;
      } catch (error) {
        const failure = classifyError(error, this.label);
        if (failure.kind !== 'connection-lost' || attempt > maxAttempts) {
          if (attempt > 1) this.options.onStatus?.({ state: 'failed', reason: failure.message });
          throw failure;
        }
        const delayMs = backoffDelay(attempt);
        this.options.onStatus?.({ state: 'reconnecting', attempt, delayMs, reason: failure.message });
        await sleep(delayMs);
      }
    }
  }

  private async readOnlyOnce<T>(work: (sql: SqlRunner) => Promise<T>, timeoutMs: number): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out client whose server goes away emits 'error' besides failing the query: note it, so the
    // pool drops the client, instead of letting it crash the process.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN READ ONLY');
      await client.query({ text: "select set_config('statement_timeout', $1, true)", values: [String(timeoutMs)] });
      const runner: SqlRunner = {
        query: async (text, values) => (await client.query(extendedQuery(text, values))).rows,
      };
      const result = await work(runner);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void, onReconnected?: () => void): Promise<() => Promise<void>> {
    let stopped = false;
    let client: Client | undefined;
    const connect = async (): Promise<void> => {
      const next = new Client(this.config);
      next.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      next.on('error', () => void reconnect(next));
      next.on('end', () => void reconnect(next));
      await next.connect();
      await next.query(`LISTEN ${quoteChannel(channel)}`);
      client = next;
      this.listeners.add(next);
    };
    const reconnect = async (lost: Client): Promise<void> => {
      if (stopped || client !== lost) return;
      client = undefined;
      this.listeners.delete(lost);
      lost.end().catch(() => undefined);
      for (let attempt = 1; !stopped; attempt++) {
        const delayMs = backoffDelay(attempt);
        this.options.onStatus?.({ state: 'reconnecting', attempt, delayMs, reason: `Lost the live connection to ${this.label}` });
        await sleep(delayMs);
        try {
          await connect();
          this.options.onStatus?.({ state: 'connected' });
          onReconnected?.();
          return;
        } catch {
          // keep trying with a longer delay
        }
      }
    };
    try {
      await connect();
    } catch (error) {
      throw classifyError(error, this.label);
    }
    return async () => {
      stopped = true;
      if (client) {
        this.listeners.delete(client);
        await client.end().catch(() => undefined);
      }
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((client) => client.end().catch(() => undefined)));
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * The extended protocol for every statement, even without parameters: the server then accepts exactly one
 * statement, so `commit; delete …` cannot escape the read-only transaction. (`queryMode` is missing from @types/pg.)
 */
function extendedQuery(text: string, values: readonly unknown[]): QueryConfig {
  return { text, values: [...values], queryMode: 'extended' } as QueryConfig;
}

function quoteChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new AuditError('bad-input', `not a channel name: ${channel}`);
  return channel;
}

/** The embedded database (the demo, and tests): the same contract over PGlite. */
export class PgliteDatabase implements AuditDatabase {
  constructor(
    readonly db: PGlite,
    readonly label = 'the demo database',
  ) {}

  async readOnly<T>(work: (sql: SqlRunner) => Promise<T>, timeoutMs: number): Promise<T> {
    try {
      return await this.db.transaction(async (tx: Transaction) => {
        await tx.query('SET TRANSACTION READ ONLY');
        await tx.query("select set_config('statement_timeout', $1, true)", [String(timeoutMs)]);
        return work({ query: async (text, values) => (await tx.query<Row>(text, [...values])).rows });
      });
    } catch (error) {
      throw classifyError(error, this.label);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.db.listen(quoteChannel(channel), onNotify);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
