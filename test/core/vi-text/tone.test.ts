import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectToneStyle, normalizeTonePlacement, placeTone, splitTone, stripMarks, type Tone,
} from '../../../src/core/vi-text/index.js';
import { allSyllables } from './syllable-list.js';

// [base, tone, old style, new style]
const PLACEMENT: Array<[string, Tone, string, string]> = [
  ['hoa', 1, 'hòa', 'hoà'], ['khoe', 3, 'khỏe', 'khoẻ'], ['thuy', 3, 'thủy', 'thuỷ'],
  ['uy', 3, 'ủy', 'uỷ'], ['loa', 2, 'lóa', 'loá'], ['xoe', 2, 'xóe', 'xoé'], ['tuy', 1, 'tùy', 'tuỳ'],
  ['hoang', 1, 'hoàng', 'hoàng'], ['thuyêt', 2, 'thuyết', 'thuyết'], ['khoet', 2, 'khoét', 'khoét'],
  ['huynh', 1, 'huỳnh', 'huỳnh'], ['toan', 2, 'toán', 'toán'], ['hoach', 5, 'hoạch', 'hoạch'],
  ['quy', 2, 'quý', 'quý'], ['qua', 3, 'quả', 'quả'], ['quôc', 2, 'quốc', 'quốc'],
  ['quyên', 3, 'quyển', 'quyển'], ['quynh', 1, 'quỳnh', 'quỳnh'],
  ['gia', 2, 'giá', 'giá'], ['gia', 1, 'già', 'già'], ['gi', 1, 'gì', 'gì'], ['gin', 1, 'gìn', 'gìn'],
  ['giư', 4, 'giữ', 'giữ'], ['giêng', 2, 'giếng', 'giếng'], ['giuc', 2, 'giúc', 'giúc'],
  ['ngươi', 1, 'người', 'người'], ['muôn', 2, 'muốn', 'muốn'], ['tiêng', 2, 'tiếng', 'tiếng'],
  ['khuyên', 2, 'khuyến', 'khuyến'], ['yên', 2, 'yến', 'yến'], ['rươu', 5, 'rượu', 'rượu'],
  ['mua', 1, 'mùa', 'mùa'], ['mia', 2, 'mía', 'mía'], ['mưa', 2, 'mứa', 'mứa'], ['cưu', 2, 'cứu', 'cứu'],
  ['ngoai', 1, 'ngoài', 'ngoài'], ['khuyu', 3, 'khuỷu', 'khuỷu'], ['ngoeo', 5, 'ngoẹo', 'ngoẹo'],
  ['tai', 1, 'tài', 'tài'], ['sao', 2, 'sáo', 'sáo'], ['câu', 2, 'cấu', 'cấu'], ['thuê', 2, 'thuế', 'thuế'],
  ['thuơ', 3, 'thuở', 'thuở'], ['hoăc', 5, 'hoặc', 'hoặc'], ['tuân', 1, 'tuần', 'tuần'],
  ['Nguyên', 4, 'Nguyễn', 'Nguyễn'], ['HOA', 1, 'HÒA', 'HOÀ'], ['THUY', 3, 'THỦY', 'THUỶ'],
  ['QUY', 2, 'QUÝ', 'QUÝ'], ['GIA', 1, 'GIÀ', 'GIÀ'], ['ĐANG', 3, 'ĐẢNG', 'ĐẢNG'], ['Khoe', 3, 'Khỏe', 'Khoẻ'],
  ['y', 2, 'ý', 'ý'], ['a', 0, 'a', 'a'],
];

describe('placeTone', () => {
  for (const [base, tone, old, neu] of PLACEMENT) {
    it(`places tone ${tone} on ${base}: ${old} (old) / ${neu} (new)`, () => {
      assert.equal(placeTone(base, tone, 'old'), old);
      assert.equal(placeTone(base, tone, 'new'), neu);
      assert.deepEqual(splitTone(old), { base, tone });
      assert.deepEqual(splitTone(neu), { base, tone });
    });
  }
  it('defaults to the old style', () => {
    assert.equal(placeTone('hoa', 1), 'hòa');
  });
  it('replaces a tone already present', () => {
    assert.equal(placeTone('hoà', 2, 'old'), 'hóa');
    assert.equal(placeTone('hòa', 0), 'hoa');
  });
  it('leaves a base without vowels unchanged', () => {
    assert.equal(placeTone('bcd', 2), 'bcd');
    assert.equal(placeTone('', 2), '');
  });
});

describe('placeTone over every syllable (base × tone)', () => {
  const syllables = allSyllables();
  it('builds a large syllable list', () => {
    assert.ok(syllables.length > 10000, String(syllables.length));
  });
  it('round-trips through splitTone in both styles, one toned letter, NFC', () => {
    for (const { base, tone } of syllables) {
      for (const style of ['old', 'new'] as const) {
        for (const b of [base, base.toUpperCase()]) {
          const placed = placeTone(b, tone, style);
          assert.deepEqual(splitTone(placed), { base: b, tone }, `${b} ${tone} ${style}`);
          assert.equal(placed.normalize('NFC'), placed);
          assert.equal(placed.length, b.length);
          assert.equal(stripMarks(placed), stripMarks(b));
        }
      }
    }
  });
  it('differs between styles only for open oa, oe, uy rhymes', () => {
    for (const { base, tone } of syllables) {
      const differs = placeTone(base, tone, 'old') !== placeTone(base, tone, 'new');
      const rhymeIsStylePair = tone !== 0 && /(?:^|[^q])(?:oa|oe|uy)$/.test(base) && !/^qu/.test(base);
      assert.equal(differs, rhymeIsStylePair, `${base} ${tone}`);
    }
  });
  it('normalizes old ↔ new and back to the same text', () => {
    const old = syllables.map(({ base, tone }) => placeTone(base, tone, 'old')).join(' ');
    const neu = normalizeTonePlacement(old, 'new');
    assert.equal(neu, syllables.map(({ base, tone }) => placeTone(base, tone, 'new')).join(' '));
    assert.equal(normalizeTonePlacement(neu, 'old'), old);
  });
});

describe('normalizeTonePlacement', () => {
  it('converts to the new style, keeping case and everything else', () => {
    assert.equal(
      normalizeTonePlacement('Hòa bình, KHỎE mạnh; thủy lợi (ủy ban) 2023.', 'new'),
      'Hoà bình, KHOẺ mạnh; thuỷ lợi (uỷ ban) 2023.',
    );
  });
  it('converts to the old style', () => {
    assert.equal(normalizeTonePlacement('Uỷ ban hoà giải, thuỷ sản', 'old'), 'Ủy ban hòa giải, thủy sản');
  });
  it('leaves words that are not shaped like one syllable alone', () => {
    assert.equal(normalizeTonePlacement('Café Hanoì naïve', 'old'), 'Café Hanoì naïve');
  });
  it('returns text without tones as it is', () => {
    const s = 'Ket qua tuyen truyen\r\n\f';
    assert.equal(normalizeTonePlacement(s, 'new'), s);
  });
});

describe('detectToneStyle', () => {
  it('recognises the old style', () => {
    assert.equal(detectToneStyle('hòa giải, sức khỏe, thủy lợi'), 'old');
  });
  it('recognises the new style', () => {
    assert.equal(detectToneStyle('hoà giải, sức khoẻ, thuỷ lợi, hòa'), 'new');
  });
  it('returns null without distinguishing syllables or on a tie', () => {
    assert.equal(detectToneStyle('hoàng quý người'), null);
    assert.equal(detectToneStyle('hòa hoà'), null);
    assert.equal(detectToneStyle(''), null);
  });
  it('does not count qu + y as uy', () => {
    assert.equal(detectToneStyle('quý quỳ'), null);
  });
});

describe('detectToneStyle reads each toned word once', () => {
  it('counts toned words at the text\'s ends, beside punctuation and among untoned words', () => {
    assert.equal(detectToneStyle('hòa'), 'old');
    assert.equal(detectToneStyle('thuỷ'), 'new');
    assert.equal(detectToneStyle('(hòa),hoà;thuỷ.'), 'new');
    assert.equal(detectToneStyle('nguoi hòa ban thuỷ khoẻ dan'), 'new');
    assert.equal(detectToneStyle('hòa-khỏe-hoà'), 'old');
  });
  it('reads the whole word around its toned letter (the word, not its tail, decides)', () => {
    // The toned letter last ("hoà") or first ("hòa") in its word: the whole word is read.
    assert.equal(detectToneStyle('ban hoà'), 'new');
    assert.equal(detectToneStyle('hòa ban'), 'old');
    // Two toned letters in one word count the word once.
    assert.equal(detectToneStyle('hòà hoà'), null);
  });
  it('matches a count over every word on mixed text', () => {
    const text = 'Hòa bình, sức khỏe và thuỷ lợi; hoà giải ở xã Thủy An — khoẻ mạnh, quý hóa.';
    const reference = (t: string) => {
      let o = 0, n = 0;
      for (const w of t.match(/[\p{L}\p{M}]+/gu) ?? []) {
        const s = detectToneStyleOfWord(w);
        if (s === 'old') o++; else if (s === 'new') n++;
      }
      return o === n ? null : o > n ? 'old' : 'new';
    };
    assert.equal(detectToneStyle(text), reference(text));
    assert.equal(detectToneStyle(text + ' hoà hoà'), reference(text + ' hoà hoà'));
  });
});

/** The style one word shows alone (detectToneStyle of the word: a tie is impossible with one). */
const detectToneStyleOfWord = (w: string) => detectToneStyle(w);
