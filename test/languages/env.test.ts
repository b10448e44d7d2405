import * as assert from 'node:assert/strict';
import { SourceFile } from '../../server/src/engine/source-file';
import { parseEnv } from '../../server/src/languages/env/parse';

const at = (file: SourceFile, range: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  file.text.slice(file.lines.offsetAt(range.start), file.lines.offsetAt(range.end));

describe('dotenv parser', () => {
  it('reads export lines, quotes, multi-line values and comments with their ranges', () => {
    const file = new SourceFile('/p/.env', '.env', [
      '# Supabase',
      'export SUPABASE_URL=https://abc.supabase.co # the project',
      "ANON_KEY='single # not a comment'",
      'PRIVATE_KEY="-----BEGIN KEY-----',
      'line two',
      '-----END KEY-----"',
      'EMPTY=',
      'HASH=abc#def',
      '',
    ].join('\r\n'));
    const model = parseEnv(file);
    assert.deepEqual(
      model.entries.map((e) => [e.key, e.value, e.quote ?? null, e.exported]),
      [
        ['SUPABASE_URL', 'https://abc.supabase.co', null, true],
        ['ANON_KEY', 'single # not a comment', "'", false],
        ['PRIVATE_KEY', '-----BEGIN KEY-----\r\nline two\r\n-----END KEY-----', '"', false],
        ['EMPTY', '', null, false],
        ['HASH', 'abc#def', null, false],
      ],
    );
    assert.equal(at(file, model.entries[0].keyRange), 'SUPABASE_URL');
    assert.equal(at(file, model.entries[1].valueRange), "'single # not a comment'");
    assert.deepEqual(model.comments.map((c) => [c.text, c.trailing]), [[' Supabase', false], [' the project', true]]);
  });
});
