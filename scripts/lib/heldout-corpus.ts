/**
 * The corpus without the documents the OCR pairs were made from, for a held-out language model
 * (scripts/build-heldout-model.ts): the calibration pages' text is corpus text, so a model trained
 * on all of the corpus has seen them and its evidence looks surer there than on unseen documents.
 * A corpus line (a paragraph, or a whole news article) is left out when it holds most of a
 * paragraph of a page's simscan input (ocr-pairs/{eng,vie}/input/NNN.txt, a superset of what was
 * rendered), counted in runs of SHINGLE words.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Words in a run: long enough that shared boilerplate rarely matches, short enough to catch a paragraph cut at sentence ends. */
export const SHINGLE = 8;

const WORD = /[\p{L}\p{M}\d]+/gu;

function words(text: string): string[] {
  return [...text.normalize('NFC').toLowerCase().matchAll(WORD)].map((m) => m[0]);
}

/** A corpus line is the source (or a copy) of a paragraph when it holds at least this share of the paragraph's runs. */
export const COVER = 0.5;

/**
 * The pairs' page inputs' paragraphs as runs of SHINGLE words: run → paragraphs holding it, and
 * each paragraph's number of distinct runs. Header rows (`||`) and headings (`#`) are left out:
 * they are the page maker's layout or short generic headings, not sampled paragraphs.
 */
export interface PairParagraphs { runs: Map<string, number[]>; sizes: number[]; files: string[] }

export function pairParagraphs(pairsDir: string): PairParagraphs {
  const runs = new Map<string, number[]>();
  const sizes: number[] = [];
  const files: string[] = [];
  for (const set of ['eng', 'vie']) {
    const dir = join(pairsDir, set, 'input');
    for (const f of readdirSync(dir).filter((x) => /^\d+\.txt$/.test(x)).sort()) {
      files.push(`${set}/input/${f}`);
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        if (/^\s*(\|\||#)/.test(line)) continue;
        const w = words(line);
        if (w.length < SHINGLE) continue;
        const id = sizes.length, own = new Set<string>();
        for (let i = 0; i + SHINGLE <= w.length; i++) own.add(w.slice(i, i + SHINGLE).join(' '));
        for (const r of own) {
          const list = runs.get(r);
          if (list) list.push(id); else runs.set(r, [id]);
        }
        sizes.push(own.size);
      }
    }
  }
  return { runs, sizes, files };
}

/**
 * Whether a corpus line holds at least COVER of some paragraph's runs: the line a paragraph was
 * sampled from (a news article holds its few paragraphs whole) or a near copy of it. Sharing a
 * citation formula or a stock phrase with a paragraph is not enough; the Pháp điển text repeats
 * those in tens of thousands of lines, and unseen legal text repeats them too.
 */
export function holdsParagraph(line: string, p: PairParagraphs): boolean {
  const w = words(line);
  let hits: Map<number, number> | undefined;
  const seen = new Set<string>();
  for (let i = 0; i + SHINGLE <= w.length; i++) {
    const r = w.slice(i, i + SHINGLE).join(' ');
    const ids = p.runs.get(r);
    if (!ids || seen.has(r)) continue;
    seen.add(r);
    hits ??= new Map();
    for (const id of ids) {
      const h = (hits.get(id) ?? 0) + 1;
      if (h >= COVER * p.sizes[id]!) return true;
      hits.set(id, h);
    }
  }
  return false;
}
