import * as assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { writeProject } from '../support/project';

describe('supaguard checklist', () => {
  const root = writeProject({ '.env.local': 'NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\n' });

  it('prints the Markdown report by default', () => {
    const result = runCli(['checklist', root]);
    assert.match(result.stdout, /^# Supaguard production checklist\n/);
    assert.match(result.stdout, /\n## \[ \] An audit log present in the migrations — CHECK BY HAND\n\nNothing in the scanned files can answer this\.\n/);
  });

  it('prints JSON with every item and exits 0 when nothing fails', () => {
    const result = runCli(['checklist', root, '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    const checklist = JSON.parse(result.stdout);
    assert.equal(checklist.items.length, 13);
    assert.equal(checklist.files, 1);
    assert.deepEqual(checklist.counts.fail, 0);
  });

  it('rejects an unknown format', () => {
    const result = runCli(['checklist', root, '--format', 'html']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--format must be one of markdown, json/);
  });
});
