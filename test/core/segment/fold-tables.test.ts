import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { foldKey, isUpperText, leadingLettersUpper, letterRuns } from '../../../src/core/segment/fold.js';
import { stripMarks } from '../../../src/core/vi-text/index.js';

// The definitions as they were written before the per-character tables: the tables must agree.
function foldKeyByDefinition(text: string): string {
  const bare = stripMarks(text);
  let up = bare.toUpperCase();
  if (up.length !== bare.length) {
    up = '';
    for (const ch of bare) {
      const u = ch.toUpperCase();
      up += u.length === ch.length ? u : ch;
    }
  }
  return up
    .replace(/(^|[^A-Z])P(?=[AEIOUY])/g, '$1D')
    .replace(/Q(?!U)/g, 'O')
    .replace(/(?<=[A-Z])[06](?=[A-Z]|\b)/g, 'O')
    .replace(/(?<=[A-Z])1(?=[A-Z])/g, 'I');
}

function isUpperTextByDefinition(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters.length || letters === letters.toLowerCase()) return false;
  if (letters === letters.toUpperCase()) return true;
  const lower = letters.replace(/[^\p{Ll}]/gu, '').length;
  return letters.length >= 20 && lower <= 0.1 * letters.length;
}

/** A deterministic mix: Vietnamese letters both cases, OCR digits, ß, Σ, İ, combining marks, an astral letter. */
function samples(): string[] {
  const pool = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYáàảãạấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀẢÃẠẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ', '0', '1', '6', ' ', ',', '.', '-', '/', 'ß', 'Σ', 'ς', 'İ', 'ǅ', '\u0301', '\u0323', '\u00a0', '𝐀', 'ﬁ', 'Q', 'QU', 'P', 'PA', '\t'];
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const out: string[] = ['', ' ', 'ß', 'SS', 'PANH GIA', 'HQP', 'S6 t6 b0 A1B'];
  for (let k = 0; k < 5000; k++) {
    let s = '';
    const len = rand(40);
    for (let i = 0; i < len; i++) s += pool[rand(pool.length)];
    out.push(s);
  }
  return out;
}

describe('key folding by per-character tables', () => {
  it('gives the same keys as stripMarks + upper case + the OCR rewrites, on mixed and awkward text', () => {
    for (const s of samples()) assert.equal(foldKey(s), foldKeyByDefinition(s), JSON.stringify(s));
  });

  it('gives the same keys on text dense in the rewrites\' triggers, folded by the tables alone', () => {
    // No combining mark or astral letter: every string takes the per-character path, which also
    // tells which rewrites may apply (P, Q, a 0/6 or 1 right after a letter) and skips the others.
    const pool = [...'aAbBoOuUyYđĐơƠpPqQ0161 .-/', 'QU', 'PA', 'ộ', 'ặ', '\uFEFF'];
    let seed = 11;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let k = 0; k < 20000; k++) {
      let s = '';
      for (let i = rand(16); i > 0; i--) s += pool[rand(pool.length)];
      assert.equal(foldKey(s), foldKeyByDefinition(s), JSON.stringify(s));
    }
  });

  it('tells upper-case text as the letter regexes do', () => {
    for (const s of samples()) assert.equal(isUpperText(s), isUpperTextByDefinition(s), JSON.stringify(s));
    const mostlyUpper = 'CÔNG TÁC TUYÊN TRUYỀN VỀ tín NGƯỠNG TÔN GIÁO';
    assert.equal(isUpperText(mostlyUpper), isUpperTextByDefinition(mostlyUpper));
  });

  it('counts letter runs and reads the leading letters\' case as the regexes do', () => {
    for (const s of [...samples(), 'ab𝐀cd ef', '𝐀 x']) {
      assert.equal(letterRuns(s), s.match(/\p{L}+/gu)?.length ?? 0, JSON.stringify(s));
      const first = s.replace(/[^\p{L}]/gu, '').slice(0, 8);
      assert.equal(leadingLettersUpper(s, 8), first === first.toUpperCase(), JSON.stringify(s));
    }
  });

  it('agrees line by line on the bundled sample report', () => {
    const text = readFileSync(new URL('../../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url), 'utf8').normalize('NFC');
    for (const line of text.split('\n')) {
      assert.equal(foldKey(line), foldKeyByDefinition(line));
      assert.equal(isUpperText(line), isUpperTextByDefinition(line));
    }
  });
});
