/**
 * documentKeywords reads syllables in one pass over code-unit classes and counts runs in a trie;
 * the reference below is the definition it replaced (split into clauses on CLAUSE, into syllables
 * on white space, runs counted under string keys). Both must give the same keywords.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { documentKeywords } from '../../src/core/keywords.js';

const STOP = new Set(('và của các những được đã đang sẽ trong với cho là có theo này để từ về tại trên dưới ngày tháng số một hai ba bốn năm ' +
  'không cũng như đó khi thì mà nên do vì bị nhưng hoặc hay đến ra vào lại rất nhiều ít còn việc sự cuộc qua sau trước nhằm ' +
  'bằng cùng đối tới gồm thêm đây kia ấy nào mỗi mọi cả chỉ đều vẫn nữa ở lần phải cần nhau hết chưa nếu tuy đồng thời ' +
  'v/v kính gửi nơi nhận').split(/\s+/));

interface Term { words: string[]; count: number; first: number }

function referenceKeywords(texts: readonly string[], limit = 5): string[] {
  const clauses: string[][] = [];
  for (const text of texts) {
    for (const clause of text.normalize('NFC').toLowerCase().split(/[^\p{L}\s]+/u)) clauses.push(clause.split(/\s+/).filter(Boolean));
  }
  const terms = new Map<string, Term>();
  let position = 0;
  for (const words of clauses) {
    for (let i = 0; i < words.length; i++, position++) {
      if (STOP.has(words[i]!)) continue;
      for (let n = 2; n <= 4 && i + n <= words.length; n++) {
        if (STOP.has(words[i + n - 1]!)) continue;
        const run = words.slice(i, i + n);
        const t = terms.get(run.join(' '));
        if (t) t.count++;
        else terms.set(run.join(' '), { words: run, count: 1, first: position });
      }
    }
  }
  const frequent = [...terms.values()].filter((t) => t.count >= 2);
  const inside = (t: Term) => frequent.filter((l) => l.words.length > t.words.length && ` ${l.words.join(' ')} `.includes(` ${t.words.join(' ')} `));
  const kept = frequent.filter((t) => !inside(t).some((l) => l.count >= 0.75 * t.count));
  const score = (t: Term) => {
    const longer = inside(t);
    return Math.log2(t.words.length) * (t.count - (longer.length ? longer.reduce((s, l) => s + l.count, 0) / longer.length : 0));
  };
  kept.sort((a, b) => score(b) - score(a) || b.words.length - a.words.length || a.first - b.first);
  return kept.slice(0, limit).map((t) => t.words.join(' '));
}

/** Random text over syllables, punctuation, digits and the characters a tokenizer may get wrong. */
function randomTexts(seed: number): string[] {
  let x = seed;
  const next = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
  const syllables = ['cải', 'cách', 'hành', 'chính', 'của', 'và', 'Công', 'TÁC', 'ĐẤT', 'đai', 'năm', 'xã', 'Ωmega', 'straße', 'İl', 'ǅemal'];
  const odd = [' ', '  ', '\u00a0', '\u2003', '\t', '\n', ', ', '. ', '-', '/', '2023', 'e\u0301', '\u0301', '𝐀𝐁', ' 😀 ', '\ud800', ' \ufeff', 'v/v'];
  return Array.from({ length: 1 + next(4) }, () => {
    let text = '';
    for (let k = 0, n = 20 + next(200); k < n; k++) text += next(5) ? (next(3) ? ' ' : '') + syllables[next(syllables.length)] : odd[next(odd.length)];
    return text;
  });
}

describe('documentKeywords read in one pass', () => {
  it('gives the keywords of the split-and-count definition on random text with odd characters', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const texts = randomTexts(seed);
      assert.deepEqual(documentKeywords(texts, 8), referenceKeywords(texts, 8), JSON.stringify(texts));
    }
  });

  it('gives them on the sample report', () => {
    const text = readFileSync(new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url), 'utf8');
    assert.deepEqual(documentKeywords(text.split('\n')), referenceKeywords(text.split('\n')));
    assert.ok(documentKeywords(text.split('\n')).length > 0);
  });

  it('gives the same keywords whatever documents came before (one run table serves every call)', () => {
    const small = Array.from({ length: 30 }, (_, k) => randomTexts(1000 + k));
    const first = small.map((texts) => documentKeywords(texts, 8));
    // A long document of many distinct runs grows the shared table past what it keeps between calls.
    const word = (n: number) => { let w = ''; for (let m = n + 26; m > 0; m = Math.floor(m / 26)) w += String.fromCharCode(97 + (m % 26)); return w; };
    let long = '';
    for (let k = 0; k < 40_000; k++) long += `${word(k % 997)} ${word((k * 7) % 1009)} `;
    const longFirst = documentKeywords([long], 8);
    assert.deepEqual(small.map((texts) => documentKeywords(texts, 8)), first);
    assert.deepEqual(documentKeywords([long], 8), longFirst);
    assert.deepEqual(small.map((texts) => documentKeywords(texts, 8)), small.map((texts) => referenceKeywords(texts, 8)));
  });
});
