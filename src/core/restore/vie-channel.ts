/**
 * Channel for Vietnamese-model OCR errors, learned from ocr-pairs/vie (scripts/lib/vie-channel-learn.ts):
 * ln P(ocr syllable | intended syllable) = tone table[intended tone][read tone] + the best
 * alignment of the toneless bases under per-letter emissions (mark flips ô→o, letter confusions).
 * The model reads the right letters almost always, so keeping a word costs nearly nothing and each
 * change costs what the pairs say it is worth.
 */
import { splitTone, stripMarks } from '../vi-text/index.js';

export const VIE_CHANNEL_FORMAT = 'baocao-vie-ocr-channel-1';

export interface VieChannelTables {
  format: string;
  /** ln P(read tone | intended tone), tones 0..5 as in vi-text splitTone. */
  tone: number[][];
  /** intended base letter → [OCR substring, ln P] (the letter itself included). */
  emit: Record<string, [string, number][]>;
  /** ln P of a letter substitution the pairs never showed. */
  unseen: number;
  maxEmit: number;
  counts: Record<string, number>;
  source: Record<string, unknown>;
}

export class VieChannel {
  private emit = new Map<string, Map<string, number>>();
  /** OCR substring → intended letters that produce it (other than itself), for candidate search. */
  private reverse = new Map<string, string[]>();
  readonly maxEmit: number;

  constructor(readonly tables: VieChannelTables) {
    if (tables.format !== VIE_CHANNEL_FORMAT || tables.tone.length !== 6) throw new Error('not a baocao Vietnamese-OCR channel');
    this.maxEmit = tables.maxEmit;
    for (const [g, list] of Object.entries(tables.emit)) {
      this.emit.set(g, new Map(list));
      for (const [o, p] of list) {
        if (o === g || o === '' || p <= tables.unseen) continue;
        const r = this.reverse.get(o) ?? [];
        r.push(g);
        this.reverse.set(o, r);
      }
    }
  }

  private emitLogP(g: string, o: string): number {
    const lp = this.emit.get(g)?.get(o);
    if (lp !== undefined) return lp;
    if (o === g) return 0;
    return o.length === 1 ? this.tables.unseen : -Infinity;
  }

  /** ln P(ocr | intended), both lower-case syllables. */
  score(intended: string, ocr: string): number {
    const a = splitTone(intended), b = splitTone(ocr);
    const g = [...a.base], o = [...b.base];
    const n = o.length;
    let prev = new Float64Array(n + 1).fill(-Infinity);
    prev[0] = 0;
    for (const ch of g) {
      const cur = new Float64Array(n + 1).fill(-Infinity);
      for (let j = 0; j <= n; j++) {
        if (prev[j] === -Infinity) continue;
        for (let k = 0; k <= this.maxEmit && j + k <= n; k++) {
          const v = prev[j]! + this.emitLogP(ch, o.slice(j, j + k).join(''));
          if (v > cur[j + k]!) cur[j + k] = v;
        }
      }
      prev = cur;
    }
    return this.tables.tone[a.tone]![b.tone]! + prev[n]!;
  }

  /**
   * Mark-free skeletons the OCR word may come from: its own (tone and mark flips keep it) and
   * those one learned letter confusion away ("rn" read for "m" → try "m").
   */
  skeletons(ocr: string): string[] {
    const base = [...splitTone(ocr).base];
    const out = new Set([stripMarks(ocr)]);
    for (let i = 0; i < base.length; i++) {
      for (let k = 1; k <= this.maxEmit && i + k <= base.length; k++) {
        const sub = base.slice(i, i + k).join('');
        for (const g of this.reverse.get(sub) ?? []) out.add(stripMarks(base.slice(0, i).join('') + g + base.slice(i + k).join('')));
      }
    }
    return [...out];
  }
}
