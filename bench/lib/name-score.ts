/**
 * Syllable accuracy on names: GT tokens that are Title-case words inside a line (not the line's
 * first word, not right after sentence punctuation) — proper nouns, mostly: people, places,
 * bodies. Aligned as bench/lib/score.ts aligns (per line, lower-case, tone placement normalised).
 */
import { normalizeTonePlacement } from '../../src/core/vi-text/index.js';
import { alignWords, type Score } from './score.js';

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const TITLE = /^\p{Lu}[\p{Ll}\p{M}]+$/u;

/** Per token of the line: its lower-case normalised form and whether it counts as a name. */
function tokens(line: string, marking: boolean): { forms: string[]; names: boolean[] } {
  const text = line.normalize('NFC');
  const forms: string[] = [], names: boolean[] = [];
  let prevEnd = -1;
  for (const m of text.matchAll(TOKEN)) {
    forms.push(normalizeTonePlacement(m[0], 'old').toLowerCase());
    if (marking) {
      const between = prevEnd < 0 ? '' : text.slice(prevEnd, m.index);
      names.push(prevEnd >= 0 && TITLE.test(m[0]) && !/[.!?:;]/.test(between));
    }
    prevEnd = m.index! + m[0].length;
  }
  return { forms, names };
}

export function scoreNamesText(gt: string, out: string, into: Score): void {
  const gl = gt.split(/\r?\n/), ol = out.split(/\r?\n/);
  for (let k = 0; k < Math.max(gl.length, ol.length); k++) {
    const g = tokens(gl[k] ?? '', true), o = tokens(ol[k] ?? '', false);
    into.gtTokens += g.names.filter(Boolean).length;
    for (const [i, j] of alignWords(g.forms, o.forms)) if (g.names[i] && g.forms[i] === o.forms[j]) { into.correct++; into.correctCased++; }
  }
}
