import * as assert from 'node:assert/strict';
import type { ReplayProject } from '../../server/src/verify/history';
import { IsolatedWarmVerifier, verifyIsolated } from '../../server/src/verify/isolated';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 40 } };
const FIRST = '/project/supabase/migrations/1_notes.sql';
const SECOND = '/project/supabase/migrations/2_edit.sql';

function projectWith(secondFile: string): ReplayProject {
  return {
    folder: '',
    exposedSchemas: ['public'],
    privateTables: [],
    tenantColumns: [],
    files: [
      { path: FIRST, statements: [{ index: 0, text: 'create table public.notes (id bigint primary key, body text)', range, kind: 'CreateStmt' }] },
      { path: SECOND, statements: [{ index: 0, text: secondFile, range, kind: secondFile.startsWith('do') ? 'DoStmt' : 'AlterTableStmt' }] },
    ],
  };
}

describe('verified mode: a migration that never ends', function () {
  this.timeout(120_000);

  it('is stopped at the time limit instead of hanging the scan', async () => {
    const outcome = await verifyIsolated(projectWith('do $$ begin loop end loop; end $$'), {}, 8_000);
    assert.ok('error' in outcome);
    assert.match(outcome.error, /stopped after 8 s/);
  });

  it('stops the editor check too, and the next check starts afresh', async () => {
    const verifier = new IsolatedWarmVerifier(15_000);
    try {
      const looping = await verifier.verify(projectWith('do $$ begin loop end loop; end $$'), SECOND);
      assert.ok('error' in looping && /stopped after 15 s/.test(looping.error));
      const fixed = await verifier.verify(projectWith('alter table public.notes enable row level security'), SECOND);
      assert.ok('verification' in fixed, JSON.stringify(fixed));
      assert.deepEqual(fixed.verification.findings, []);
      assert.equal(fixed.verification.stats.tablesProbed, 1);
    } finally {
      await verifier.dispose();
    }
  });
});
