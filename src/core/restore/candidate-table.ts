/**
 * English-OCR candidate lists computed ahead of time (npm run build:candidates) for the tokens a
 * document is made of most: every plain-letter syllable skeleton, every memorised OCR confusion,
 * every number of one to three digits. A process's first document otherwise pays the candidate
 * search for each of its few hundred distinct tokens, with the search code not yet compiled.
 * The lists are exactly what OcrChannel.candidates computes (a test recomputes them), tied to
 * one model by its fingerprint; a table for another model is not used.
 */
import type { CapitalD, ChannelCandidate } from './channel-types.js';
import { FIRST_WORD_ID } from './lm-tokens.js';
import { decodeModelFile, encodeModelFile } from './model-format.js';

export const CANDIDATE_TABLE_FORMAT = 'baocao-ocr-candidates';

const CAPITAL_MODES: readonly CapitalD[] = ['none', 'first', 'all'];

/** Readings kept per vocabulary form, and how unlikely (ln P) a kept one may be. */
const READINGS_PER_FORM = 8;
const READING_FLOOR = -6;
/** Vocabulary ids below this are sentence marks and the like (lm-tokens.ts), not forms. */
const FIRST_FORM = FIRST_WORD_ID;

/**
 * The tokens a table is built for, from the model's skeletons and memorised confusions, and the
 * likeliest English-OCR readings of each vocabulary form when `readings` is given (sorted, distinct).
 */
export function tableTokens(
  skeletons: Iterable<string>, pairTokens: Iterable<string>, readings?: { vocab: readonly string[]; emit: (letter: string) => Iterable<[string, number]> | undefined },
): string[] {
  const out = new Set<string>();
  if (readings) for (const form of readings.vocab) for (const r of likelyReadings(form, readings.emit)) out.add(r);
  // English-model OCR writes ASCII letters; a skeleton with đ is never read as such.
  for (const s of skeletons) if (/^[a-z]+$/.test(s)) out.add(s);
  for (const t of pairTokens) out.add(t);
  for (let n = 0; n < 10; n++) out.add(String(n));
  for (let n = 0; n < 100; n++) out.add(String(n).padStart(2, '0'));
  for (let n = 0; n < 1000; n++) out.add(String(n).padStart(3, '0'));
  return [...out].sort();
}

/** What a table's tokens come from (a RestoreModel has it all). */
export interface TokenSources {
  vocab: readonly string[];
  skeletonIndex: ReadonlyMap<string, unknown>;
  channel: { pairTokens(): Iterable<string>; learnedReadings(letter: string): Iterable<[string, number]> | undefined };
}

/** The tokens a model's table is built for. */
export function modelTableTokens(m: TokenSources): string[] {
  return tableTokens(m.skeletonIndex.keys(), m.channel.pairTokens(), { vocab: m.vocab.slice(FIRST_FORM), emit: (l) => m.channel.learnedReadings(l) });
}

/**
 * The READINGS_PER_FORM likeliest OCR strings of a form under the learned per-letter emissions
 * (a letter with none read as itself), none below READING_FLOOR: "của" → cua, ctia, ciia, ….
 */
export function likelyReadings(form: string, emit: (letter: string) => Iterable<[string, number]> | undefined): string[] {
  let beam: [string, number][] = [['', 0]];
  for (const ch of form) {
    const options: Iterable<[string, number]> = emit(ch) ?? [[ch, 0]];
    const next: [string, number][] = [];
    for (const [s, lp] of beam) for (const [o, l] of options) if (lp + l >= READING_FLOOR) next.push([s + o, lp + l]);
    next.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    beam = next.slice(0, READINGS_PER_FORM);
  }
  return beam.map(([s]) => s).filter((s) => s.length > 0);
}

/**
 * Builds the file: each token's list for every case pattern of a capital Đ, the 'first' and 'all'
 * lists stored only where they differ from 'none'.
 */
export function encodeCandidateTable(
  fingerprint: string, tokens: readonly string[], search: (ocr: string, capitalD: CapitalD) => readonly ChannelCandidate[],
): Uint8Array {
  const keys: string[] = [];
  const lists: (readonly ChannelCandidate[])[] = [];
  for (const token of tokens) {
    const none = search(token, 'none');
    keys.push('none:' + token);
    lists.push(none);
    for (const mode of CAPITAL_MODES.slice(1)) {
      const list = search(token, mode);
      if (!sameList(list, none)) { keys.push(mode + ':' + token); lists.push(list); }
    }
  }
  if (lists.some((list) => list.some((c) => c.id > 0xffff))) throw new Error('vocabulary too large for a candidate table');
  // Keys in code-unit order, so that a lookup is a binary search and loading builds no index.
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  const start = new Uint32Array(lists.length + 1);
  for (let i = 0; i < order.length; i++) start[i + 1] = start[i]! + lists[order[i]!]!.length;
  const id = new Uint16Array(start[lists.length]!), logP = new Float64Array(start[lists.length]!);
  order.forEach((from, i) => lists[from]!.forEach((c, k) => { id[start[i]! + k] = c.id; logP[start[i]! + k] = c.logP; }));
  const sortedKeys = order.map((i) => keys[i]!);
  return encodeModelFile({ format: CANDIDATE_TABLE_FORMAT, fingerprint, keys: sortedKeys }, { start, id, logP });
}

function sameList(a: readonly ChannelCandidate[], b: readonly ChannelCandidate[]): boolean {
  return a.length === b.length && a.every((c, k) => c.id === b[k]!.id && Object.is(c.logP, b[k]!.logP));
}

export class CandidateTable {
  readonly fingerprint: string;
  /** In code-unit order. */
  private keys: string[];
  private start: Uint32Array;
  private id: Uint16Array;
  private logP: Float64Array;

  /** Throws on a file that is not a candidate table. */
  constructor(bytes: Uint8Array) {
    const { header, sections } = decodeModelFile(bytes);
    if (header.format !== CANDIDATE_TABLE_FORMAT || typeof header.fingerprint !== 'string' || !Array.isArray(header.keys)) {
      throw new Error('not a baocao OCR candidate table');
    }
    const { start, id, logP } = sections;
    if (!(start instanceof Uint32Array) || !(id instanceof Uint16Array) || !(logP instanceof Float64Array)
      || start.length !== header.keys.length + 1 || id.length !== start[start.length - 1] || logP.length !== id.length) {
      throw new Error('OCR candidate table sections disagree');
    }
    this.fingerprint = header.fingerprint;
    this.keys = header.keys as string[];
    for (let i = 1; i < this.keys.length; i++) if (!(this.keys[i - 1]! < this.keys[i]!)) throw new Error('OCR candidate table keys out of order');
    this.start = start;
    this.id = id;
    this.logP = logP;
  }

  /** Lists stored. */
  get size(): number {
    return this.keys.length;
  }

  /** Candidates stored, over all lists. */
  get entries(): number {
    return this.id.length;
  }

  /** The stored list for a lower-case token, or undefined when the token is not in the table. */
  lookup(ocr: string, capitalD: CapitalD): ChannelCandidate[] | undefined {
    let at = this.find(capitalD + ':' + ocr);
    if (at < 0 && capitalD !== 'none') at = this.find('none:' + ocr);
    if (at < 0) return undefined;
    const out: ChannelCandidate[] = [];
    for (let k = this.start[at]!; k < this.start[at + 1]!; k++) out.push({ id: this.id[k]!, logP: this.logP[k]! });
    return out;
  }

  private find(key: string): number {
    let a = 0, b = this.keys.length;
    while (a < b) {
      const m = (a + b) >>> 1, k = this.keys[m]!;
      if (k < key) a = m + 1;
      else if (k > key) b = m;
      else return m;
    }
    return -1;
  }
}
