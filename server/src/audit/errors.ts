import { redactSecrets } from '../engine/secrets';

/** What went wrong, in the words a user acts on. `kind` lets the panel offer the right next step. */
export type AuditErrorKind =
  | 'connection-refused'
  | 'host-not-found'
  | 'auth-failed'
  | 'database-not-found'
  | 'missing-table'
  | 'timeout'
  | 'connection-lost'
  | 'read-only'
  | 'permission-denied'
  | 'bad-input'
  | 'query-failed';

export class AuditError extends Error {
  constructor(
    readonly kind: AuditErrorKind,
    message: string,
  ) {
    super(redactSecrets(message));
  }
}

interface DriverError {
  code?: string;
  message?: string;
}

/** Node and PostgreSQL error codes that mean the connection itself is gone. */
const LOST_CONNECTION = new Set(['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08003', '08000']);

/** Turns a driver error (node-postgres, PGlite, Node's net) into an AuditError with a clear message. */
export function classifyError(error: unknown, where: string): AuditError {
  if (error instanceof AuditError) return error;
  const { code = '', message = String(error) } = (error ?? {}) as DriverError;
  if (code === 'ECONNREFUSED') {
    return new AuditError('connection-refused', `Connection refused by ${where}: is the database running? (for local Supabase run \`supabase start\`)`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AuditError('host-not-found', `Host not found: ${where}`);
  if (code === '28P01' || code === '28000') {
    return new AuditError('auth-failed', `Authentication failed for ${where}: check the user name and the stored password`);
  }
  if (code === '3D000') return new AuditError('database-not-found', `Database does not exist at ${where}`);
  if (code === '57014') {
    return new AuditError('timeout', 'The query took longer than the statement timeout and was cancelled: narrow the time range or add filters');
  }
  if (code === '25006') return new AuditError('read-only', 'Refused: audit queries run in a read-only transaction and cannot change data');
  if (code === '42501') return new AuditError('permission-denied', `Permission denied: ${message}`);
  if (code === '22P02' || code === '22007' || code === '22008') return new AuditError('bad-input', `Invalid filter value: ${message}`);
  if (LOST_CONNECTION.has(code) || /Connection terminated|connection lost|not queryable|Client has encountered a connection error/i.test(message)) {
    return new AuditError('connection-lost', `Lost the connection to ${where}`);
  }
  if (code === 'ETIMEDOUT' || /timeout expired/i.test(message)) {
    return new AuditError('connection-refused', `Could not connect to ${where} in time: check the host, port and firewall`);
  }
  return new AuditError('query-failed', `Query failed: ${message}`);
}

export function missingTableError(table: string): AuditError {
  return new AuditError(
    'missing-table',
    `Table ${table} does not exist: create it with the audit-log migration (\`supaguard audit-migration\`, or the command "Supaguard: Create Audit-Log Migration")`,
  );
}
