import * as assert from 'node:assert/strict';
import { verifyIsolated } from '../../server/src/verify/isolated';
import type { ReplayProject } from '../../server/src/verify/history';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 40 } };

describe('verified mode: a migration that never ends', function () {
  this.timeout(120_000);

  it('is stopped at the time limit instead of hanging the scan', async () => {
    const project: ReplayProject = {
      folder: '',
      exposedSchemas: ['public'],
      privateTables: [],
      tenantColumns: [],
      files: [{ path: '/project/supabase/migrations/1_loop.sql', statements: [{ index: 0, text: 'do $$ begin loop end loop; end $$', range, kind: 'DoStmt' }] }],
    };
    const outcome = await verifyIsolated(project, {}, 8_000);
    assert.ok('error' in outcome);
    assert.match(outcome.error, /stopped after 8 s/);
  });
});
