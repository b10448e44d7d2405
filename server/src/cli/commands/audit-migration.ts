import { auditMigrationSql } from '../../audit/migration';
import { parseCommandLine } from '../args';
import type { Command } from '../main';

export const command: Command = {
  summary: 'Print the audit-log migration SQL (security_audit_log, RLS, NOTIFY trigger, detection functions)',
  usage: `Usage: supaguard audit-migration > supabase/migrations/$(date -u +%Y%m%d%H%M%S)_security_audit_log.sql

Prints the migration that creates public.security_audit_log (indexes on time, user and operation), enables RLS
with admin-only reads, a trigger that NOTIFYs live audit panels, and the supaguard.* detection functions
behind the \`supaguard audit\` presets. Applying it twice is harmless.`,
  async run(args) {
    parseCommandLine(args, {});
    process.stdout.write(auditMigrationSql());
    return 0;
  },
};
