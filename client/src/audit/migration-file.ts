/** "Create audit-log migration": the shipped SQL as a new, correctly ordered file in supabase/migrations/. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditMigrationSql } from '../../../server/out/audit';

const VERSION = /^(\d{14})_/;

/** `YYYYMMDDHHMMSS` in UTC, as the Supabase CLI names migrations. */
export function migrationVersion(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Writes `<version>_security_audit_log.sql`, after every existing migration even if their clocks ran ahead. */
export function writeAuditMigration(projectRoot: string, now = new Date()): string {
  const folder = path.join(projectRoot, 'supabase', 'migrations');
  fs.mkdirSync(folder, { recursive: true });
  const latest = fs
    .readdirSync(folder)
    .map((name) => VERSION.exec(name)?.[1])
    .filter((v): v is string => Boolean(v))
    .sort()
    .pop();
  let version = migrationVersion(now);
  if (latest && version <= latest) version = (BigInt(latest) + 1n).toString();
  const file = path.join(folder, `${version}_security_audit_log.sql`);
  fs.writeFileSync(file, auditMigrationSql(), { flag: 'wx' });
  return file;
}
