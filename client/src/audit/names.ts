/** Identifiers the extension manifest (package.json) must declare: checked by test/audit/manifest.test.ts. */
export const AUDIT_VIEW_TYPE = 'supaguard.auditLog';

export const AUDIT_COMMANDS = {
  open: 'supaguard.audit.open',
  createMigration: 'supaguard.audit.createMigration',
  addConnection: 'supaguard.audit.addConnection',
  setPassword: 'supaguard.audit.setPassword',
} as const;

export const AUDIT_SETTINGS = ['connections', 'thresholds', 'columnMapping', 'statementTimeoutMs', 'pollIntervalSeconds'].map((name) => `supaguard.audit.${name}`);
