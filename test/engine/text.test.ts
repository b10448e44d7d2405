import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import { LineIndex, Utf8OffsetMap } from '../../server/src/engine/text';

describe('text positions', () => {
  it('maps offsets and positions across LF and CRLF lines', () => {
    const lines = new LineIndex('one\r\ntwo\nthree');
    assert.deepEqual(lines.positionAt(5), { line: 1, character: 0 });
    assert.equal(lines.offsetAt({ line: 2, character: 2 }), 11);
    assert.equal(lines.lineText(0), 'one');
  });

  it('maps UTF-8 byte offsets to UTF-16 offsets past non-ASCII text and astral characters', () => {
    const text = "-- é 😀\ncreate table public.café (id int);";
    const bytes = Buffer.from(text, 'utf8');
    const byteOffset = bytes.indexOf(Buffer.from('café'));
    assert.equal(new Utf8OffsetMap(text).toUtf16(byteOffset), text.indexOf('café'));
  });

  it('applies non-overlapping edits in any order and refuses overlapping ones', () => {
    const text = 'a b c';
    const at = (s: number, e: number, newText: string) => ({ range: { start: { line: 0, character: s }, end: { line: 0, character: e } }, newText });
    assert.equal(applyEdits(text, [at(0, 1, 'A'), at(4, 5, 'C')]), 'A b C');
    assert.throws(() => applyEdits(text, [at(0, 3, 'x'), at(2, 4, 'y')]), /overlapping/);
  });
});
