/**
 * Numbering checks on the section tree: siblings numbered I, II, III / 1, 2, 3 / a, b, c … that
 * skip or repeat a number (an OCR'd "III" read as "II", a lost heading) get an info diagnostic,
 * so a person can look there; the numbers themselves are left as read.
 */
import type { Diagnostic } from '../document.js';
import type { Section } from './sections.js';
import { LETTERS, romanValue } from './numerals.js';

/** The ordinal of a section number within its kind of list, or null when it has none. */
function ordinal(section: Section): number | null {
  const n = section.number.replace(/^(Phần|Chương|Điều)\s+/u, '');
  switch (section.marker) {
    case 'roman': case 'part': case 'chapter': return /^[IVXL]+$/.test(n) ? romanValue(n) : /^\d+$/.test(n) ? +n : null;
    case 'arabic': case 'article': return /^\d+$/.test(n) ? +n : null;
    case 'decimal': case 'decimal3': return +n.split('.').pop()!;
    case 'letter': { const k = LETTERS.indexOf(n); return k >= 0 ? k + 1 : null; }
    default: return null;
  }
}

export function numberingDiagnostics(sections: readonly Section[], out: Diagnostic[] = []): Diagnostic[] {
  let prev: Section | undefined;
  for (const s of sections) {
    const here = ordinal(s), before = prev && prev.marker === s.marker ? ordinal(prev) : null;
    // Many documents skip "đ)" (d, e) — not a gap.
    const skipsD = s.marker === 'letter' && prev?.number === 'd' && s.number === 'e';
    if (here !== null && before !== null && here !== before + 1 && !skipsD) {
      out.push({
        ruleId: 'segment/numbering',
        message: `section "${s.number}" follows "${prev!.number}": a number is ${here <= before ? 'repeated' : 'skipped'} (OCR misreading or a lost heading?)`,
        severity: 'info',
        place: { page: s.provenance.page, line: s.provenance.lineStart },
      });
    }
    if (here !== null) prev = s;
    numberingDiagnostics(s.children, out);
  }
  return out;
}
