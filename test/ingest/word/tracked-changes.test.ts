/**
 * Tracked changes not yet accepted (a draft kept in an archive) are read as accepted, in every Word
 * format: a deletion is left out, an insertion kept, a moved paragraph read once, at its new place.
 * Before, a .doc kept its deletions in the text and a .docx read a moved paragraph twice.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingestWord } from '../../../src/ingest/word/index.js';
import { wordFixture } from './pasted-scans.js';
import { ACCEPTED, trackedReport } from './tracked-report.js';

const paragraphs = (data: Uint8Array) => ingestWord(data).original.split('\n').filter((l) => l.trim() !== '');

describe('a Word file with tracked changes', () => {
  it('is read as accepted from a .docx: no deletion, the insertion, a moved paragraph once', async () => {
    assert.deepEqual(paragraphs(await trackedReport()), ACCEPTED);
  });

  for (const format of ['doc', 'odt', 'rtf']) {
    it(`is read as accepted from a .${format} (LibreOffice's save of the same report)`, () => {
      const read = paragraphs(wordFixture(`tracked-changes.${format}`));
      assert.deepEqual(read, ACCEPTED);
      assert.ok(!read.join(' ').includes('kế hoạch cũ'), 'the deleted words');
    });
  }
});
