/**
 * Pictures of a Word 97–2003 .doc with no text (scans pasted in): inline ones from the Data stream,
 * floating ones from the picture store, in the order their anchors stand, each once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docPictures } from '../../../src/ingest/word/doc-pictures.js';
import { wordPictures } from '../../../src/ingest/word/index.js';
import { assertBothScans, assertReadByOcr, indexOfBytes, LINE, PAGE2, wordFixture } from './pasted-scans.js';

const INLINE = wordFixture('scans-pasted.doc');
const FLOATING = wordFixture('scans-floating.doc');

/** The file with the BLIP record holding `picture` claiming more bytes than it has (a record cut short). */
function cutShort(doc: Uint8Array, picture: Uint8Array): Uint8Array {
  const out = doc.slice();
  const data = indexOfBytes(out, picture.subarray(0, 16));
  assert.ok(data > 25, 'the picture is stored whole in the file');
  const header = data - 25; // record header (8), one id (16), tag (1)
  assert.equal(out[header + 3], 0xf0, 'a BLIP record header stands before the picture');
  new DataView(out.buffer).setUint32(header + 4, 0x7ffffff0, true);
  return out;
}

describe('pictures of a .doc', () => {
  it('in line with the text are found in the order they stand, each once', () => {
    assertBothScans(docPictures(INLINE));
    assertBothScans(wordPictures(INLINE).pictures);
  });

  it('floating (anchored shapes) are found in the order of their anchors, from the picture store', () => {
    assertBothScans(docPictures(FLOATING));
  });

  it('whose record is cut short are skipped, the others still read', () => {
    for (const [name, doc] of [['inline', INLINE], ['floating', FLOATING]] as const) {
      const found = docPictures(cutShort(doc, LINE));
      assert.equal(found.length, 1, name);
      assert.equal(found[0]!.length, PAGE2.length, name);
      const second = docPictures(cutShort(doc, PAGE2));
      assert.equal(second.length, 1, name);
      assert.equal(second[0]!.length, LINE.length, name);
    }
  });

  it('are none for a damaged or non-Word file, never a throw', () => {
    assert.deepEqual(docPictures(INLINE.subarray(0, 3000)), []);
    assert.deepEqual(docPictures(new Uint8Array(1024)), []);
  });

  it('of a .doc with no text are read by OCR, a page each', async () => {
    await assertReadByOcr('scans-pasted.doc', INLINE);
  });
});
