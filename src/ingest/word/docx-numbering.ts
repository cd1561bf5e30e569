/**
 * Word's automatic numbering (word/numbering.xml): the "I.", "1.", "a)", "-" and "+" that Word
 * draws before a paragraph are not in its text, yet a report's sections are found by them. Each
 * numbered paragraph gets its marker as Word would draw it: counters per list and level, deeper
 * levels restarting under a higher one, the level's format and text ("%1.%2."), bullets as
 * characters ("-", "+", "•").
 */
import { bulletChar, countNext, formatListNumber } from './list-markers.js';
import { xmlTokens } from './xml.js';

interface Level { start: number; format: string; text: string; suffix: string; font?: string; legal: boolean }

export interface Numbering {
  /** numId → its abstract definition's levels (with the num's start overrides applied). */
  lists: Map<string, Level[]>;
}

export function parseNumbering(xml: string | null): Numbering {
  const lists = new Map<string, Level[]>();
  if (!xml) return { lists };
  const abstract = new Map<string, Level[]>();
  const nums: Array<{ id: string; abstractId: string; starts: Map<number, number> }> = [];
  let levels: Level[] | null = null, level: Level | null = null;
  let num: (typeof nums)[number] | null = null, overrideLevel = -1;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open') {
      const val = t.attrs['w:val'];
      switch (t.name) {
        case 'w:abstractNum': levels = []; abstract.set(t.attrs['w:abstractNumId'] ?? '', levels); break;
        case 'w:lvl':
          if (levels && !num) { level = { start: 1, format: 'decimal', text: '', suffix: 'tab', legal: false }; levels[Number(t.attrs['w:ilvl'] ?? levels.length)] = level; }
          break;
        case 'w:start': if (level && val) level.start = Number(val) || 0; break;
        case 'w:numFmt': if (level && val) level.format = val; break;
        case 'w:lvlText': if (level) level.text = val ?? ''; break;
        case 'w:suff': if (level && val) level.suffix = val; break;
        case 'w:isLgl': if (level) level.legal = val !== '0' && val !== 'false'; break;
        case 'w:rFonts': if (level) level.font = t.attrs['w:ascii'] ?? t.attrs['w:hAnsi']; break;
        case 'w:num': num = { id: t.attrs['w:numId'] ?? '', abstractId: '', starts: new Map() }; nums.push(num); break;
        case 'w:abstractNumId': if (num && val) num.abstractId = val; break;
        case 'w:lvlOverride': overrideLevel = Number(t.attrs['w:ilvl'] ?? -1); break;
        case 'w:startOverride': if (num && overrideLevel >= 0 && val) num.starts.set(overrideLevel, Number(val) || 0); break;
      }
    } else if (t.kind === 'close') {
      if (t.name === 'w:abstractNum') levels = null;
      else if (t.name === 'w:lvl') level = null;
      else if (t.name === 'w:num') num = null;
    }
  }
  for (const n of nums) {
    const base = abstract.get(n.abstractId);
    if (!base) continue;
    lists.set(n.id, base.map((l, i) => (l && n.starts.has(i) ? { ...l, start: n.starts.get(i)! } : l)));
  }
  return { lists };
}

/** Counts paragraphs per list and level, and writes their markers. */
export class NumberingCounter {
  private counts = new Map<string, number[]>();
  constructor(private readonly numbering: Numbering) {}

  /** The marker Word draws before a paragraph of list `numId` at level `ilvl` ('' when none). */
  next(numId: string | undefined, ilvl: number): string {
    if (!numId || numId === '0') return '';
    const levels = this.numbering.lists.get(numId);
    const level = levels?.[ilvl];
    if (!levels || !level) return '';
    const counts = countNext(this.counts, numId, ilvl, level.start);
    if (level.format === 'none') return '';
    const marker = level.format === 'bullet'
      ? bulletChar(level.text, level.font)
      : level.text.replace(/%([1-9])/g, (_, d: string) => {
        const k = Number(d) - 1;
        const l = levels[k] ?? level;
        return formatListNumber(counts[k] ?? l.start, level.legal ? 'decimal' : l.format);
      });
    if (marker === '') return '';
    return level.suffix === 'nothing' ? marker : `${marker} `;
  }
}
