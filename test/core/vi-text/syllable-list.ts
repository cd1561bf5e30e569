/** Every onset × rhyme × tone combination the syllable parser accepts, as base + tone. */
import { isVietnameseSyllable, placeTone, type Tone } from '../../../src/core/vi-text/index.js';

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh',
  'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
const NUCLEI = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'oo', 'ô', 'ơ', 'u', 'ư', 'y', 'ia', 'iê', 'yê', 'ua', 'uô',
  'ưa', 'ươ', 'oa', 'oă', 'oe', 'uâ', 'uê', 'uơ', 'uy', 'uyê', 'uya'];
const CODAS = ['', 'i', 'y', 'o', 'u', 'm', 'n', 'ng', 'nh', 'p', 't', 'c', 'ch'];

let cache: Array<{ base: string; tone: Tone }> | undefined;

export function allSyllables(): Array<{ base: string; tone: Tone }> {
  if (cache) return cache;
  const out: Array<{ base: string; tone: Tone }> = [];
  const seen = new Set<string>();
  for (const onset of ONSETS) for (const nucleus of NUCLEI) for (const coda of CODAS) {
    // After gi- the written i of iê is dropped (giếng); skip the doubled spelling.
    if (onset === 'gi' && nucleus.startsWith('i')) continue;
    const base = onset + nucleus + coda;
    for (let tone = 0 as Tone; tone <= 5; tone = (tone + 1) as Tone) {
      const key = base + tone;
      if (seen.has(key) || !isVietnameseSyllable(placeTone(base, tone))) continue;
      seen.add(key);
      out.push({ base, tone });
    }
  }
  cache = out;
  return out;
}
