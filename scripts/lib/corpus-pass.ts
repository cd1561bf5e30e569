/**
 * One streaming pass over the gzipped corpus: every line becomes a stream of form ids (distinct
 * normalised lower-case words) and special tokens, kept in memory so vocabulary selection and
 * n-gram counting need no second decompression.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { normalizeTonePlacement } from '../../src/core/vi-text/index.js';
import { BOS, EOS, NUM, COMMA, FIRST_WORD_ID } from '../../src/core/restore/lm-tokens.js';

/** Letters run, number (with separators, %), or one other non-space character. */
const TOKEN_RE = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*%?|\S/gu;

export class TokenStream {
  data = new Int32Array(1 << 24);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Turns corpus lines into the token stream; shared by the real build and the tests' tiny models. */
export class CorpusAccumulator {
  private rawToForm = new Map<string, number>();
  private formIndex = new Map<string, number>();
  forms: string[] = [];
  formCounts: number[] = [];
  upperCounts = new Map<number, number>();
  /** Occurrences written Title-case inside a segment (not its first word): names, places. */
  titleCounts = new Map<number, number>();
  /** Words inside a segment (not its first word), the denominator of the title rate. */
  innerWords = 0;
  stream = new TokenStream();
  lines = 0;
  words = 0;

  private formOf(raw: string): number {
    let f = this.rawToForm.get(raw);
    if (f !== undefined) return f;
    const norm = normalizeTonePlacement(raw.toLowerCase(), 'old');
    f = this.formIndex.get(norm);
    if (f === undefined) {
      f = this.forms.length;
      this.forms.push(norm);
      this.formCounts.push(0);
      this.formIndex.set(norm, f);
    }
    this.rawToForm.set(raw, f);
    return f;
  }

  addLine(line: string): void {
    this.lines++;
    const stream = this.stream;
    let open = false;
    for (const m of line.matchAll(TOKEN_RE)) {
      const t = m[0];
      const c = t.charCodeAt(0);
      let id: number;
      if (c >= 48 && c <= 57) id = NUM;
      else if (t === ',') id = COMMA;
      else if (t.length === 1 && !LETTER_RE.test(t)) {
        if (open) { stream.push(EOS); open = false; }
        continue;
      } else {
        const f = this.formOf(t);
        this.formCounts[f]!++;
        this.words++;
        if (t.length > 1 && t === t.toUpperCase() && t !== t.toLowerCase()) {
          this.upperCounts.set(f, (this.upperCounts.get(f) ?? 0) + 1);
        }
        if (open) {
          this.innerWords++;
          if (isTitle(t)) this.titleCounts.set(f, (this.titleCounts.get(f) ?? 0) + 1);
        }
        id = f + FIRST_WORD_ID;
      }
      if (!open) { stream.push(BOS); open = true; }
      stream.push(id);
    }
    if (open) stream.push(EOS);
  }
}

const LETTER_RE = /\p{L}/u;

function isTitle(t: string): boolean {
  const first = t.charAt(0), rest = t.slice(1);
  return first !== first.toLowerCase() && (rest.length === 0 || rest === rest.toLowerCase());
}

export async function readCorpus(files: string[], acc: CorpusAccumulator, log: (m: string) => void): Promise<void> {
  for (const file of files) {
    const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) acc.addLine(line);
    log(`  ${file}: ${acc.lines} lines, ${acc.words} words, ${acc.forms.length} forms`);
  }
}
