import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrationVersion, writeAuditMigration } from '../../client/src/audit/migration-file';
import { rowsToCsv, rowsToJson } from '../../server/src/audit';
import { writeProject } from '../support/project';

describe('audit export and migration file', () => {
  it('CSV quotes separators and keeps formula-looking audit values inert', () => {
    const csv = rowsToCsv(['operation', 'details', 'user_id'], [
      { operation: '=HYPERLINK("http://evil.test","x")', details: { note: 'a,b\n"c"' }, user_id: null },
      { operation: '+cmd', details: null, user_id: '00000000-0000-4000-8000-000000000001' },
    ]);
    assert.equal(
      csv,
      'operation,details,user_id\r\n' +
        `"'=HYPERLINK(""http://evil.test"",""x"")","{""note"":""a,b\\n\\""c\\""""}",\r\n` +
        "'+cmd,,00000000-0000-4000-8000-000000000001\r\n",
    );
    assert.deepEqual(JSON.parse(rowsToJson([{ a: 1 }])), [{ a: 1 }]);
  });

  it('writes a new migration after every existing one, even one dated in the future', () => {
    const root = writeProject({
      'supabase/migrations/20240101000000_init.sql': 'create table public.notes (id bigint primary key);',
      'supabase/migrations/20991231235959_future.sql': 'select 1;',
    });
    const now = new Date('2026-03-04T05:06:07Z');
    assert.equal(migrationVersion(now), '20260304050607');
    const file = writeAuditMigration(root, now);
    assert.equal(path.basename(file), '20991231235960_security_audit_log.sql');
    assert.match(fs.readFileSync(file, 'utf8'), /create table if not exists public\.security_audit_log/);
    const fresh = writeAuditMigration(writeProject({ 'README.md': '# app' }), now);
    assert.equal(path.basename(fresh), '20260304050607_security_audit_log.sql');
  });
});
