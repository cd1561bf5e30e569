/**
 * A Word file's pictures are read by OCR inside its text worker, which the file's time limit ends:
 * their OCR must stop first, so the text and the pictures read by then are kept.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocrTimeLimit, timeLimitMs, wordOcrTimeLimit, WORD_PICTURES_SHARE } from '../../src/batch/time-limit.js';

describe("a Word file's picture OCR time limit", () => {
  it('ends before the text worker\'s limit for the file, with no allowance a page', () => {
    for (const [bytes, seconds] of [[10_000, undefined], [40 * 1024 * 1024, undefined], [500, 30]] as const) {
      const word = wordOcrTimeLimit(bytes, seconds);
      assert.equal(word.ocrTimeoutPerPageMs, 0);
      assert.equal(word.ocrTimeoutMs, timeLimitMs(bytes, seconds) * WORD_PICTURES_SHARE);
      assert.ok(word.ocrTimeoutMs < timeLimitMs(bytes, seconds));
      // A scan's own OCR limit is not cut: its pages are read on the OCR pool, not in a text worker.
      assert.ok(ocrTimeLimit(bytes, seconds).ocrTimeoutMs >= timeLimitMs(bytes, seconds));
    }
  });

  it('is none when the file has none (--timeout 0)', () => {
    assert.equal(wordOcrTimeLimit(1000, 0).ocrTimeoutMs, Infinity);
  });
});
