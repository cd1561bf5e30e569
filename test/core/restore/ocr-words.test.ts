import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isOcrWordCandidate } from '../../../src/core/restore/ocr-words.js';

/** isOcrWordCandidate as written with its regexes (before the code-unit scans), the reference. */
function byRegex(core: string): boolean {
  if (core.length === 0 || core.length > 9) return false;
  if (/^\d{1,2}h(?:\d{2})?$/.test(core)) return false;
  if (!/\p{L}/u.test(core)) return core.length <= 4 && /^[\d¢€¥£©®§&]+$/.test(core) && (/[¢€¥£©®§]/.test(core) || core === '&');
  if (/[/\\_=+#]|\.\S|:\/\//.test(core) || (core.includes('@') && !/^[\p{L}&]{1,3}@$/u.test(core))) return false;
  let digits = 0, letters = 0;
  for (const ch of core) {
    if (/\d/.test(ch)) digits++;
    else if (/\p{L}/u.test(ch)) letters++;
  }
  if (digits > 2 || letters === 0) return false;
  if (digits > 0 && /^(\d+\p{Lu}+|\p{Lu}{2,}\d+)$/u.test(core)) return false;
  if (digits >= 2 && /^\p{Lu}\d*[2578]\d*$/u.test(core)) return false;
  return !core.includes('-');
}

describe('OCR word candidates', () => {
  const cores = [
    'x4', 'K&', 'v¢', 'nh4n', 'thu6c', 'ngay', 'Số', 'S6', 'S@', 'S&@', 'a@b.vn', '7h30', '24h', 'h30', '¢€', '1€', '&', '123',
    'a.b', 'a.', 'a. b', 'a.\tb', '.x', 'x/y', 'a\\b', 'a_b', 'a=b', 'a+b', '#1', 'http://x', 'ab:cd', 'KH-UBND', 'COVID19', '5G',
    'D20', 'S60', '𝐀b', 'a𝐀', '𝟏𝟐', 'ﬁ', 'ǅa', 'ℕ1', '', 'abcdefghij', 'đ.ư', '…', '½', 'ⅷ', 'a.\u00a0', 'a.\u2028',
  ];
  it('takes and leaves each core as the regex form does (letters, codes and addresses found by code unit)', () => {
    for (const core of cores) assert.equal(isOcrWordCandidate(core), byRegex(core), JSON.stringify(core));
  });
  it('leaves codes, addresses and times of day, takes damaged words', () => {
    assert.deepEqual(['x4', 'v¢', 'a.b', 'x/y', '7h30', 'a_b'].map(isOcrWordCandidate), [true, true, false, false, false, false]);
  });
});
