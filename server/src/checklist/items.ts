import type { LanguageId } from '../engine/language';
import type { ProjectEvidence } from './evidence';

export type ChecklistStatus = 'pass' | 'fail' | 'manual';

/** One item of SPEC §6's production checklist, answered from findings (by rule id) and, where no rule says it, from files. */
export interface ItemDefinition {
  id: string;
  title: string;
  /** Findings of these rules (warning or error) fail the item. */
  rules: string[];
  /** A pass means something only when files of one of these languages were scanned; otherwise the item is manual. */
  needs: LanguageId[];
  /** What to check by hand when the scan cannot answer. */
  manual: string;
  /** For items no rule covers: the answer from the project's files. */
  judge?(evidence: ProjectEvidence): { status: ChecklistStatus; summary: string } | undefined;
}

const OUTSIDE_CONFIGS =
  'No MCP config was scanned. Configs kept outside the project (Claude Desktop\'s claude_desktop_config.json, ~/.cursor/mcp.json, ~/.claude.json) are not covered: check them with `supaguard scan <file>` and probe running servers with `supaguard probe-mcp <file>`.';

export const CHECKLIST: readonly ItemDefinition[] = [
  {
    id: 'rls-enabled',
    title: 'RLS enabled on every exposed table',
    rules: ['sql/rls-disabled', 'sql/rls-explicitly-disabled', 'sql/policy-without-rls'],
    needs: ['sql'],
    manual: 'No migrations were scanned. In the database, list tables of exposed schemas without RLS: `select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = \'public\' and c.relkind = \'r\' and not c.relrowsecurity;` (or `supaguard audit --preset missing-rls`).',
  },
  {
    id: 'no-leaking-policies',
    title: 'No policy that leaks across users or tenants',
    rules: [
      'sql/policy-always-true', 'sql/policy-user-metadata', 'sql/policy-update-without-check', 'sql/tenant-isolation-missing',
      'sql/security-definer-view', 'sql/auth-users-exposed', 'sql/definer-function-exposed', 'sql/grant-to-anon',
      'sql/rls-cross-user-leak', 'sql/rls-anon-leak',
    ],
    needs: ['sql'],
    manual: 'No migrations were scanned. Review every policy for `using (true)`, `user_metadata` and missing tenant filters, and run `supaguard verify` on the migrations to try cross-user access for real.',
  },
  {
    id: 'private-tables-per-user',
    title: 'Private tables (conversations) strictly per user',
    rules: ['sql/private-table-shared'],
    needs: ['sql'],
    manual: 'No migrations were scanned. Check that conversation and chat-message tables only admit `user_id = (select auth.uid())` in their SELECT policies.',
  },
  {
    id: 'service-role-justified',
    title: 'Service-role use minimised and every use justified',
    rules: [
      'code/service-role-client', 'code/service-role-unscoped-query', 'code/service-role-in-browser', 'code/service-key-in-ssr-client',
      'code/service-role-auth-call', 'code/admin-api-in-browser',
    ],
    needs: ['code'],
    manual: 'No Supabase client code was scanned. List where the service-role key is used (`supaguard inventory`) and justify each use, or switch it to a user-scoped client.',
    judge: ({ serviceRoleClients: clients }) => {
      if (!clients) return undefined;
      if (!clients.length) return { status: 'pass', summary: 'No Supabase client is built with a service-role or secret key.' };
      const unjustified = clients.filter((c) => !c.justified);
      const count = `${clients.length} service-role client${clients.length === 1 ? '' : 's'}`;
      if (unjustified.length) {
        const first = unjustified[0];
        return { status: 'fail', summary: `${count}, ${unjustified.length} without a justification (first: ${first.client} at ${first.file}:${first.line}); \`supaguard inventory\` lists them.` };
      }
      return { status: 'pass', summary: `${count}, each justified; \`supaguard inventory\` lists them for review.` };
    },
  },
  {
    id: 'no-hardcoded-credentials',
    title: 'No hardcoded credentials anywhere; secrets read from the environment',
    rules: ['sql/hardcoded-secret', 'mcp/hardcoded-secret', 'mcp/token-in-url', 'code/hardcoded-key', 'env/hardcoded-secret', 'env/public-secret'],
    needs: ['sql', 'mcp', 'code', 'env'],
    manual: 'Nothing was scanned. Search the repository and its history for keys (`sb_secret_`, `eyJ…` service-role JWTs, `sbp_` tokens) and move them to the environment or a secret store.',
  },
  {
    id: 'no-plaintext-credential-columns',
    title: 'No credential stored in plaintext columns',
    rules: ['sql/plaintext-secret-column'],
    needs: ['sql'],
    manual: 'No migrations were scanned. Check that columns holding API keys, tokens or passwords are encrypted (Supabase Vault) or kept out of exposed tables.',
  },
  {
    id: 'audit-log',
    title: 'An audit log present in the migrations',
    rules: [],
    needs: ['sql'],
    manual: 'No migrations were scanned. Check that the database has a `security_audit_log` table written by your security-relevant operations (`supaguard audit-migration` prints one).',
    judge: (evidence) => {
      if (!evidence.migrations) return undefined;
      const created = evidence.auditLog;
      return created
        ? { status: 'pass', summary: `security_audit_log is created in ${created.file}:${created.line}.` }
        : { status: 'fail', summary: 'No migration creates a security_audit_log table: `supaguard audit-migration` prints one to add.' };
    },
  },
  {
    id: 'conversation-retention',
    title: 'Retention for conversation data (a scheduled delete or archive)',
    rules: [],
    needs: ['sql'],
    manual: 'No migrations were scanned. Check that old conversation data is deleted or archived on a schedule (pg_cron `cron.schedule(… delete from … )`).',
    judge: (evidence) => {
      if (!evidence.migrations) return undefined;
      if (!evidence.privateTables.length) return { status: 'pass', summary: 'No conversation table (matching the private-table patterns) is created in the migrations.' };
      const tables = evidence.privateTables.map((t) => t.name).join(', ');
      const covering = evidence.scheduledDeletes.find((d) => evidence.privateTables.some((t) => d.text.includes(t.name)));
      if (covering) return { status: 'pass', summary: `A scheduled delete or archive of conversation data is set up in ${covering.file}:${covering.line}.` };
      if (evidence.scheduledDeletes.length) {
        const first = evidence.scheduledDeletes[0];
        return { status: 'manual', summary: `A scheduled job deletes or archives data (${first.file}:${first.line}), but names none of ${tables}: check that it covers them.` };
      }
      return { status: 'fail', summary: `Conversation tables (${tables}) have no scheduled delete or archive: add a pg_cron job that removes old rows.` };
    },
  },
  {
    id: 'mcp-localhost',
    title: 'Every MCP server bound to localhost',
    rules: ['mcp/bind-all-interfaces', 'code/mcp-server-bind-all', 'code/mcp-server-no-host-check', 'mcp/no-origin-check'],
    needs: ['mcp', 'code'],
    manual: OUTSIDE_CONFIGS,
  },
  {
    id: 'mcp-authenticated-remote',
    title: 'Every MCP server authenticated when remote',
    rules: ['mcp/insecure-transport', 'mcp/token-in-url', 'mcp/unauthenticated-http'],
    needs: ['mcp'],
    manual: OUTSIDE_CONFIGS,
  },
  {
    id: 'mcp-read-only-scoped',
    title: 'MCP servers that reach the database are read-only and project-scoped',
    rules: ['mcp/supabase-not-read-only', 'mcp/supabase-not-project-scoped', 'mcp/write-tools-exposed'],
    needs: ['mcp'],
    manual: OUTSIDE_CONFIGS,
  },
  {
    id: 'mcp-no-service-role',
    title: 'No MCP server given a service-role key',
    rules: ['mcp/service-role-to-agent'],
    needs: ['mcp'],
    manual: OUTSIDE_CONFIGS,
  },
  {
    id: 'mcp-no-vulnerable-or-auto-approved',
    title: 'No MCP server with known vulnerabilities or auto-approved write tools',
    rules: ['mcp/known-vulnerable-server', 'mcp/auto-approve', 'mcp/tool-poisoning'],
    needs: ['mcp'],
    manual: OUTSIDE_CONFIGS,
  },
];
