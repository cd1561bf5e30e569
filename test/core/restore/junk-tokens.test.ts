import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restore } from '../../../src/core/restore/index.js';
import { FuzzySkeletons, fuzzyKey } from '../../../src/core/restore/fuzzy-skeletons.js';
import { isOcrNumberCandidate, isOcrWordCandidate } from '../../../src/core/restore/ocr-words.js';
import { splitUnits } from '../../../src/core/restore/units.js';
import { tinyModel } from './tiny-model.js';

const ocr = (text: string) => restore(text, { model: tinyModel(), input: 'ocr' }).text;

describe('fuzzy skeleton search', () => {
  const fuzzy = new FuzzySkeletons(['noi', 'nam', 'nhung', 'ky', 've', 'xuan', 'ngoc', 'nhiem']);
  const nearest = (t: string) => fuzzy.near(t)[0]?.skeleton;

  it('reads digits and symbols inside a word as letters', () => {
    assert.equal(nearest('nd1i'), 'noi');
    assert.equal(nearest('k¥'), 'ky');
    assert.equal(nearest('nhi¢m'), 'nhiem');
  });

  it('drops a stray letter or junk character', () => {
    assert.equal(nearest('niam'), 'nam');
    assert.equal(nearest('ngoqc'), 'ngoc');
  });

  it('treats a ligature as one junk character', () => {
    assert.equal(nearest('xﬁﬁn'), 'xuan');
  });

  it('finds nothing for a token far from every skeleton', () => {
    assert.deepEqual(fuzzy.near('qwrtzp'), []);
  });

  it('lists the same skeletons unordered as ordered', () => {
    for (const t of ['nd1i', 'k¥', '12', 'ngoqc']) {
      assert.deepEqual(fuzzy.nearUnordered(t).sort(), fuzzy.near(t).map((x) => x.skeleton).sort(), t);
    }
  });

  it('finds the skeletons with one lost letter put back', () => {
    const trie = new FuzzySkeletons(['day', 'duy', 'dy', 'dya', 'adyx', 'ady', 'françois']);
    assert.deepEqual(trie.withOneMore('dy', new Set(['a', 'u'])).sort(), ['ady', 'day', 'duy', 'dya']);
    assert.deepEqual(trie.withOneMore('dy', new Set(['x'])), []);
    assert.deepEqual(trie.withOneMore('franois', new Set(['ç'])), ['françois']);
    // A skeleton of other letters is no fuzzy match, but a lost letter can still lead to it.
    assert.ok(!trie.nearUnordered('francois').includes('françois'));
  });

  it('keys on letters with Latin accents dropped', () => {
    assert.equal(fuzzyKey('huy¢én'), 'huy¢en');
  });
});

describe('OCR tokens with junk inside', () => {
  it('are word units, bare symbols included, but codes are not', () => {
    for (const w of ['d01', '1€', '¢€', '&', '¢']) assert.ok(isOcrWordCandidate(w), w);
    for (const w of ['2023', '100%', '%', '5G', '4G', 'COVID19']) assert.ok(!isOcrWordCandidate(w), w);
    // A short word ending in "@" is damage ("S@", "S&@" Sở); an e-mail address is not a word.
    for (const w of ['S@', 'S&@']) assert.ok(isOcrWordCandidate(w), w);
    for (const w of ['a@b.vn', 'vp@ubnd', '@abc']) assert.ok(!isOcrWordCandidate(w), w);
  });

  it('bare short numbers may be words, long ones never', () => {
    assert.ok(isOcrNumberCandidate('16'));
    assert.ok(isOcrNumberCandidate('6'));
    assert.ok(!isOcrNumberCandidate('2023'));
    assert.ok(!isOcrNumberCandidate('1.500'));
    const units = splitUnits('theo 16 trinh', true);
    assert.deepEqual(units.map((u) => (u.kind === 'word' ? [u.text, !!u.numeric] : u.kind)), [['theo', false], ['16', true], ['trinh', false]]);
  });

  it('restores a word whose vowel came out as digits', () => {
    assert.equal(ocr('Nhi¢m vu cua can b0 duoc giao'), 'Nhiệm vụ của cán bộ được giao');
  });

  it('restores a word with a stray letter from its context', () => {
    assert.equal(ocr('thuc hien cong tac cai cach hanh chinh niam 2023'), 'thực hiện công tác cải cách hành chính năm 2023');
  });

  it('puts back the space between a word and the number the OCR glued to it, and nothing else moves', () => {
    const text = 'cai cach hanh chinh nam2023.';
    const out = ocr(text);
    assert.equal(out, 'cải cách hành chính năm 2023.');
    const tokens = restore(text, { model: tinyModel(), input: 'ocr' }).tokens;
    assert.ok(tokens.some((t) => t.original === '' && t.restored === ' ' && t.start === text.indexOf('2023')));
  });

  it('keeps numbers that the context reads as numbers', () => {
    assert.equal(ocr('ke hoach so 72 nam 2023'), 'kế hoạch số 72 năm 2023');
  });

  it('keeps the original text and offsets around a ligature', () => {
    const text = 'xa Ngoc Ky Xﬁﬁn';
    const r = restore(text, { model: tinyModel(), input: 'ocr' });
    const last = r.tokens[r.tokens.length - 1]!;
    assert.equal(last.original, 'Xﬁﬁn');
    assert.equal(text.slice(last.start, last.end), 'Xﬁﬁn');
    assert.ok(r.text.startsWith('xã Ngọc Kỳ '));
  });
});

describe('lenient channel scoring (fallback candidates only)', () => {
  const channel = tinyModel().channel;

  it('lets a letter come out as two characters only when lenient', () => {
    assert.equal(channel.score('năm', 'niam'), -Infinity);
    assert.ok(channel.score('năm', 'niam', 'none', true) > -Infinity);
  });

  it('finds a symbol likelier for a marked vowel than for a plain one', () => {
    assert.ok(channel.score('về', 'v¢€', 'none', true) > channel.score('va', 'v¢€', 'none', true));
    assert.ok(channel.score('nhiệm', 'nhi¢m', 'none', true) > channel.score('nhiam', 'nhi¢m', 'none', true));
  });
});

describe('OCR letter-shape confusions', () => {
  it('a capital I read for a small l mid-word does not capitalise the word', () => {
    assert.equal(ocr('tuyen truyen phap Iuật'), 'tuyên truyền pháp luật');
  });

  it('keeping lower-case letters that make no syllable costs more than keeping an acronym', async () => {
    const { candidatesFor, DEFAULT_TUNING } = await import('../../../src/core/restore/candidates.js');
    const keep = (w: string) => { const c = candidatesFor(tinyModel(), w, 'ocr', DEFAULT_TUNING); return c.chan[c.forms.indexOf(w.toLowerCase())]; };
    assert.equal(keep('HQPA'), DEFAULT_TUNING.keepLogP);
    assert.equal(keep('tlch'), DEFAULT_TUNING.keepLogP * DEFAULT_TUNING.junkKeepFactor);
  });
});

describe('acronyms in OCR text', () => {
  it('keeps capitals without a vowel rather than forcing a word on them', async () => {
    const { candidatesFor, DEFAULT_TUNING } = await import('../../../src/core/restore/candidates.js');
    const c = candidatesFor(tinyModel(), 'PCT', 'ocr', DEFAULT_TUNING);
    assert.equal(c.chan[c.forms.indexOf('pct')], DEFAULT_TUNING.keepLogP / 2);
    assert.equal(ocr('PCT'), 'PCT');
    const mixed = candidatesFor(tinyModel(), 'TTgCP', 'ocr', DEFAULT_TUNING);
    assert.equal(mixed.chan[mixed.forms.indexOf('ttgcp')], DEFAULT_TUNING.keepLogP / 2);
  });

  it('still restores Đ in a known acronym', () => {
    assert.equal(ocr('Thuong truc HDND xa'), 'Thường trực HĐND xã');
  });
});

describe('channel back-off for lost letters', () => {
  it('a marked letter the OCR lost borrows its base letter’s deletion rate, discounted', async () => {
    const { OcrChannel } = await import('../../../src/core/restore/channel.js');
    const tables = { emit: { a: [['', -1], ['a', -0.1]] as [string, number][], 'ầ': [['a', -0.1]] as [string, number][] }, pairs: {}, unseen: -10, maxEmit: 2 };
    const ch = new OcrChannel(tables, [], new Map(), new Map(), () => 0);
    const lost = ch.score('ầ', '');
    assert.ok(lost > -10 && lost < -1, String(lost));
    assert.equal(ch.score('ê', ''), -10);
  });

  it('a marked vowel read as several characters borrows a sibling mark’s reading, discounted', async () => {
    const { OcrChannel } = await import('../../../src/core/restore/channel.js');
    // The pairs showed "ũ" read as "ii", never "ữ"; a plain "u" is not a marked sibling.
    const tables = { emit: { 'ũ': [['ii', -1.5]] as [string, number][], u: [['u', -0.1]] as [string, number][], 'ữ': [['u', -2]] as [string, number][] }, pairs: {}, unseen: -10, maxEmit: 2 };
    const ch = new OcrChannel(tables, [], new Map(), new Map(), () => 0);
    assert.equal(ch.score('ũ', 'ii'), -1.5);
    assert.equal(ch.score('ữ', 'ii'), -4.5);
    assert.equal(ch.score('u', 'ii'), -Infinity);
    assert.equal(ch.score('ơ', 'ii'), -Infinity);
  });
});

describe('channel candidate list', () => {
  it('keeps every spelling of the token’s own letters, even past the usual cut', async () => {
    const { OcrChannel } = await import('../../../src/core/restore/channel.js');
    const forms = [...'aàáảãạâầấẩẫậăằắẳẵặ'].map((v) => 'b' + v);
    const vocab = ['<s>', '</s>', '<unk>', '<num>', ',', ...forms];
    const vocabIndex = new Map(vocab.map((f, i) => [f, i] as [string, number]));
    const skeletonIndex = new Map([['ba', forms.map((_, i) => i + 5)]]);
    const rare = vocabIndex.get('bặ')!;
    const ch = new OcrChannel({ emit: {}, pairs: {}, unseen: -10, maxEmit: 2 }, vocab, vocabIndex, skeletonIndex, (id) => (id === rare ? -8 : -1));
    const ids = ch.candidates('ba').map((c) => c.id);
    assert.equal(ids.length, forms.length);
    assert.ok(ids.includes(rare));
  });

  it('finds a real syllable behind a dear reading that cheap nonsense readings outnumber', async () => {
    const { OcrChannel } = await import('../../../src/core/restore/channel.js');
    // Every letter is cheaply read as "x"; "ư" only dearly as "xx": "xxa" has hundreds of cheap
    // mark-free readings ("bca", "qza", …), none of them a syllable, and one real one, "ua".
    const letters = 'bcdghklmnpqrstvxz';
    const emit: Record<string, [string, number][]> = Object.fromEntries([...letters].map((l) => [l, [['x', -0.5]]]));
    emit['ư'] = [['xx', -8]];
    emit.a = [['a', -0.01]];
    // A memorised whole-token reading makes the token look well read, so no fuzzy search runs.
    const vocab = ['<s>', '</s>', '<unk>', '<num>', ',', 'ưa', 'ô'];
    const ch = new OcrChannel({ emit, pairs: { xxa: [['ô', -1]] }, unseen: -10, maxEmit: 2 }, vocab, new Map([['ưa', 5], ['ô', 6]]), new Map([['ua', [5]], ['o', [6]]]), () => -1);
    assert.deepEqual(ch.candidates('xxa').map((c) => c.id), [6, 5]);
  });
});
