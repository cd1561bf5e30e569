import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gluedNumberEnd, gluedWordEnd, isOcrWordCandidate, splitChunk } from '../../../src/core/restore/ocr-words.js';
import { isVietnameseSyllable } from '../../../src/core/vi-text/index.js';
import { isSpace, splitUnits } from '../../../src/core/restore/units.js';

describe('OCR word chunks', () => {
  it('peels punctuation around a damaged word but keeps look-alike digits and symbols', () => {
    assert.deepEqual(splitChunk('“x4,'), { lead: '“', core: 'x4', trail: ',' });
    assert.deepEqual(splitChunk('bai('), { lead: '', core: 'bai', trail: '(' });
    assert.equal(splitChunk('K&.').core, 'K&');
  });

  it('tells damaged words from numbers, codes, URLs and e-mails', () => {
    for (const w of ['x4', 'ctia', 'K&', 'v¢', 's6', 'HQP']) assert.ok(isOcrWordCandidate(w), w);
    for (const w of ['2023', '72/KH-UBND', 'a@b.vn', 'www.gov.vn', 'KH-UBND', '1.500']) assert.ok(!isOcrWordCandidate(w), w);
    // Times of day ("đến 24h ngày 12/8", "lúc 7h30") stay as printed.
    for (const w of ['24h', '7h30', '23h']) assert.ok(!isOcrWordCandidate(w), w);
  });
});

describe('word units', () => {
  it('breaks segments at sentence punctuation and blank lines, not at single line breaks', () => {
    const kinds = splitUnits('mot hai,\nba. bon\n\nnam 2023', false).map((u) => (u.kind === 'word' ? u.text : u.kind));
    assert.deepEqual(kinds, ['mot', 'hai', 'comma', 'ba', 'break', 'bon', 'break', 'nam', 'num']);
  });

  it('reads a dash between words on a line as a comma, a list dash at a line start not', () => {
    const kinds = splitUnits('Doc lap - Tu do\n- Tang cuong', false).map((u) => (u.kind === 'word' ? u.text : u.kind));
    assert.deepEqual(kinds, ['Doc', 'lap', 'comma', 'Tu', 'do', 'break', 'Tang', 'cuong']);
  });

  it('splits two damaged OCR words joined by a slash into words, and leaves codes and dates', () => {
    const kinds = (t: string) => splitUnits(t, true).map((u) => (u.kind === 'word' ? u.text : u.kind));
    assert.deepEqual(kinds('lam dé 4n/khéa ludn'), ['lam', 'dé', '4n', 'break', 'khéa', 'ludn']);
    assert.deepEqual(kinds('So 72/KH-UBND ngay 12/9/2025'), ['So', 'num', 'break', 'acronym', 'acronym', 'ngay', 'num', 'break']);
  });

  it('reads a web address or e-mail as one unknown word, not as words to restore', () => {
    const kinds = (t: string, ocr: boolean) => splitUnits(t, ocr).map((u) => (u.kind === 'word' ? u.text : u.kind));
    for (const ocr of [true, false]) {
      assert.deepEqual(kinds('trang sinhvien.epu.edu.vn; hoac email a@b.vn', ocr), ['trang', 'unk', 'break', 'hoac', 'email', 'unk', 'break']);
    }
  });

  it('reads a colon before a number as no sentence end ("So: 72/KH-UBND" like "so 72/KH-UBND")', () => {
    for (const ocr of [false, true]) {
      const kinds = splitUnits('So: 72/KH-UBND\nLuu: VT', ocr).map((u) => (u.kind === 'word' ? u.text : u.kind));
      assert.deepEqual(kinds.slice(0, 2), ['So', 'num'], String(ocr));
      assert.deepEqual(kinds.slice(kinds.indexOf('Luu'), kinds.indexOf('Luu') + 2), ['Luu', 'break'], String(ocr));
    }
  });

  it('reads a colon with the number glued to it as no sentence end either ("Số:2116/TB-ĐHĐL")', () => {
    const kinds = splitUnits('Số:2116/TB-ĐHĐL', false).map((u) => (u.kind === 'word' ? u.text : u.kind));
    assert.deepEqual(kinds.slice(0, 2), ['Số', 'num']);
  });

  it('takes a mixed-case type code split from its number ("45 /TTr-UBND", ".../CTr-UBND") as a code, not a word', () => {
    for (const text of ['Số: 45 /TTr-UBND', 'Số: .../CTr-UBND', 'Số: 45/ TTh-UBND']) {
      const code = splitUnits(text, false).find((u) => u.kind === 'acronym' && /^(TTr|CTr|TTh)$/.test(u.text));
      assert.ok(code, text);
    }
    // A capitalised word next to a dash is still a word.
    assert.ok(splitUnits('Hà-Nội và/Hoặc', false).every((u) => u.kind !== 'acronym'));
  });

  it('in English-model OCR text, cuts a label glued to its number ("S6:2116/TB") into the label and the number, not a time ("7h30:15")', () => {
    const kinds = (t: string) => splitUnits(t, true).map((u) => (u.kind === 'word' ? u.text : u.kind));
    assert.deepEqual(kinds('S6:2116/TB-DHDL').slice(0, 2), ['S6', 'num']);
    assert.deepEqual(kinds('luc 7h30:15 ngay'), ['luc', 'num', 'break', 'num', 'ngay'], 'a time is read as before');
  });

  it('in English-model OCR text, cuts a word glued to a number ("ngay29", "ngayA5") into the word and a number', () => {
    const kinds = (t: string) => splitUnits(t, true).map((u) => (u.kind === 'word' ? `${u.text}${u.glued ? '+' : ''}` : u.kind));
    assert.deepEqual(kinds('Ha Noi, ngay29 thang 8'), ['Ha', 'Noi', 'comma', 'ngay+', 'num', 'thang', '8'], 'a bare short number stays a word candidate');
    assert.deepEqual(kinds('ngayA5 thang'), ['ngay+', 'num', 'thang']);
    assert.deepEqual(kinds('x (ngay29),'), ['x', 'break', 'ngay+', 'num', 'break']);
    // Not in clean or stripped text, where the tokenizer already reads what it can.
    assert.ok(splitUnits('ngay29', false).every((u) => u.kind !== 'word' || !u.glued));
  });

  it('leaves a damaged word with one digit for a vowel, a code, a non-syllable head and inner punctuation glued', () => {
    for (const w of ['thu6c', 'nh4n', 'kh6ng', 'nguw6i', 'COVID19', 'TTHTien3', 'ngayABC', 'ngan2Ss,undm', 'ab12', 'xyzt29'])
      assert.equal(gluedWordEnd(w, isVietnameseSyllable), -1, w);
    assert.equal(gluedWordEnd('ngay29', isVietnameseSyllable), 4);
    assert.equal(gluedWordEnd('tháng12', isVietnameseSyllable), 5, 'marks allowed in the head');
  });

  it('finds a glued word where the regex form finds it and nowhere else (its code-unit pre-test)', () => {
    // The regex form of gluedWordEnd before the pre-test (GLUED_HEAD alone).
    const byRegex = (core: string, isSyllable: (s: string) => boolean) => {
      const m = /^(\p{Ll}{3,7})(?=\p{Lu}|\d\d|\d\p{Lu})/u.exec(core);
      const rest = m ? core.slice(m[1]!.length) : '';
      if (!m || !/\d/.test(rest) || !/^[\p{L}\d]+$/u.test(rest)) return -1;
      return isSyllable(m[1]!) ? m[1]!.length : -1;
    };
    const any = () => true;
    // Lower and upper case ASCII, digits, letters with marks in either case, astral letters of either case, punctuation.
    const units = ['a', 'z', 'n', 'A', 'Z', '0', '9', 'ă', 'Ă', 'ế', 'Đ', 'đ', '\u{1D41A}', '\u{1D400}', '.', ',', '-', '_', ' ', '`', '{', '@', '[', '/'];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % units.length;
    const cores = ['', 'ngay29', 'ngayA5', 'tháng12', 'thangA', 'ngayy', 'abcdefgh9', 'abcdefg9', 'abcdefg99', 'ab9', 'abc9', 'abc99', 'abcD', 'abcđ9'];
    for (let k = 0; k < 20_000; k++) {
      let core = '';
      const len = 1 + (k % 11);
      // Mostly lower-case heads, as OCR words are, then anything.
      for (let i = 0; i < len; i++) core += i < 3 + (k % 5) && k % 3 !== 0 ? 'abcdefghijklmnopqrstuvwxyz'[(k * 7 + i * 13) % 26] : units[next()];
      cores.push(core);
    }
    for (const core of cores) {
      assert.equal(gluedWordEnd(core, any), byRegex(core, any), core);
      assert.equal(gluedWordEnd(core, isVietnameseSyllable), byRegex(core, isVietnameseSyllable), core);
    }
  });

  it('in English-model OCR text, cuts a number glued to the word after it ("26théng") into the number and the word', () => {
    const kinds = (t: string) => splitUnits(t, true).map((u) => (u.kind === 'word' ? `${u.afterNumber ? '+' : ''}${u.text}` : u.kind));
    assert.deepEqual(kinds('ngay 26théng 7'), ['ngay', 'num', '+théng', '7']);
    assert.deepEqual(kinds('x (26théng),'), ['x', 'break', 'num', '+théng', 'break']);
    assert.deepEqual(kinds('5tan gao'), ['num', '+tan', 'gao'], 'a digit that never stands for a letter');
    const word = splitUnits('x 2020tháng', true).find((u) => u.kind === 'word' && u.afterNumber);
    assert.deepEqual(word && word.kind === 'word' ? [word.start, word.end] : [], [6, 11], 'the word\'s offsets in the text');
    assert.ok(splitUnits('26théng', false).every((u) => u.kind !== 'word' || !u.afterNumber), 'not in clean or stripped text');
  });

  it('leaves a word whose first letter was read as a digit, a unit, a time and a capital glued', () => {
    // "1uật" luật, "6ng" ông, "4nh" ánh: one digit that reads a letter; km, h30: no syllable; 12345: a long number.
    for (const w of ['1uat', '0ng', '6ng', '4nh', '100km', '7h30', '26Théng', '12345thang', '26théng7', '26thxyz'])
      assert.equal(gluedNumberEnd(w, isVietnameseSyllable), -1, w);
    assert.equal(gluedNumberEnd('26théng', isVietnameseSyllable), 2);
    assert.equal(gluedNumberEnd('8người', isVietnameseSyllable), 1);
  });

  it('takes as white space exactly what \\s matches, code unit by code unit', () => {
    for (let c = 0; c < 0x10000; c++) assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  it('counts \\r\\n, \\r and \\n as one line break each, and a blank line or a page break as a break', () => {
    const kinds = (t: string) => splitUnits(t, false).map((u) => (u.kind === 'word' ? u.text : u.kind));
    assert.deepEqual(kinds('a\r\nb'), ['a', 'b']);
    assert.deepEqual(kinds('a\r\n\r\nb'), ['a', 'break', 'b']);
    assert.deepEqual(kinds('a\r\rb'), ['a', 'break', 'b']);
    assert.deepEqual(kinds('a \f b'), ['a', 'break', 'b']);
    assert.deepEqual(kinds('a\u00a0\u3000b'), ['a', 'b']);
  });
});
