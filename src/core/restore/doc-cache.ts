/**
 * Document-level cache (as in cache language models): a document repeats its own words — the
 * commune's name, "huyện", "Đạt" down a status column. Words decoded with high confidence are
 * counted; where a word of the same document came out unsure, its candidates that the document
 * already used confidently get a bonus in proportion to those counts, and its segment is decoded
 * again. Segments without an unsure word that the cache could change are not touched.
 */
import { decodeSegment, type Slot, type SlotResult } from './decoder.js';
import { withChannel } from './slot-shape.js';
import type { NgramScorer } from './language-model.js';
import { FIRST_WORD_ID } from './lm-tokens.js';
import type { SegmentMemo } from './segment-memo.js';

export interface DecodedSegment {
  slots: Slot[];
  /** Indices into `slots` of the word slots (the others are number and comma markers). */
  wordSlots: number[];
  results: SlotResult[];
  /** The slots of the last decoding when the cache or name unification re-weighted them (posteriors are read from it). */
  decoded?: Slot[];
  /** Per word slot (same order as wordSlots): the OCR token's letters, mark-free and lower-case. */
  keys: string[];
}

export interface DocCacheTuning {
  /** A word chosen with at least this confidence counts as the document's evidence. */
  confident: number;
  /** A word below this confidence may be changed by the cache. */
  unsure: number;
  /** ln-probability bonus for a candidate that is all of the document's evidence at that slot. */
  bonus: number;
  /** Pseudo-count added to the evidence total, so that one sighting moves a word less than many. */
  pseudo: number;
  /** Candidates spelled otherwise than the token take part within this many nats of the best channel score. */
  channelMargin: number;
  /** Rounds of counting and re-decoding. */
  passes: number;
}

export const DEFAULT_DOC_CACHE: DocCacheTuning = { confident: 0.9, unsure: 0.9, bonus: 3, pseudo: 0, channelMargin: 0, passes: 2 };

/**
 * Only candidates spelled with the token's own letters take part ("Dat" → đạt/đất, "huy¢én" →
 * huyện/huyền): a frequent word that merely lies near the token ("dua" → đủ) must not pull it.
 */
export function applyDocumentCache(
  lm: NgramScorer, segments: DecodedSegment[], channelWeight: number, t: DocCacheTuning, skeletonOf: (id: number) => string,
  memo?: SegmentMemo,
): void {
  // A second pass sees words that the first one's re-decoding left unsure ("tấn đại" → "tấn bài" → "tin bài").
  for (let pass = 0; pass < t.passes; pass++) if (!cachePass(lm, segments, channelWeight, t, skeletonOf, memo)) break;
}

/** One pass; whether any segment was decoded again. */
function cachePass(
  lm: NgramScorer, segments: DecodedSegment[], channelWeight: number, t: DocCacheTuning, skeletonOf: (id: number) => string,
  memo: SegmentMemo | undefined,
): boolean {
  if (t.bonus <= 0) return false;
  let redone = false;
  const counts = new Map<number, number>();
  for (const s of segments) {
    for (const j of s.wordSlots) {
      const r = s.results[j]!;
      const id = s.slots[j]!.ids[r.choice]!;
      if (r.confidence >= t.confident && id >= FIRST_WORD_ID && !s.slots[j]!.name) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return false;
  for (const s of segments) {
    let changed: Slot[] | undefined;
    for (let w = 0; w < s.wordSlots.length; w++) {
      const j = s.wordSlots[w]!, key = s.keys[w]!;
      const r = s.results[j]!;
      const slot = s.slots[j]!;
      // A name's syllable is no evidence for a common word's reading ("Thanh" vs "Thành phố").
      if (r.confidence >= t.unsure || slot.name) continue;
      let bestChan = -Infinity;
      for (const lp of slot.chan) if (lp > bestChan) bestChan = lp;
      // Also a candidate the channel finds nearly as likely as the best ("myc" → mục beside mực).
      const near = new Set(slot.ids.filter((_, k) => slot.chan[k]! >= bestChan - t.channelMargin));
      const boosted = boost(slot, r.choice, (id) => (skeletonOf(id) === key || near.has(id) ? counts.get(id) ?? 0 : 0), t.bonus, t.pseudo);
      if (boosted) (changed ??= s.slots.slice())[j] = boosted;
    }
    if (changed) { s.results = memo ? memo.decode(lm, changed, channelWeight) : decodeSegment(lm, changed, channelWeight); s.decoded = changed; redone = true; }
  }
  return redone;
}

/** The slot with cache bonuses, or null when the cache favours the current choice anyway. */
function boost(slot: Slot, choice: number, count: (id: number) => number, bonus: number, pseudo: number): Slot | null {
  let total = 0, top = -1, topCount = 0;
  for (let k = 0; k < slot.ids.length; k++) {
    const c = count(slot.ids[k]!);
    total += c;
    if (c > topCount) { topCount = c; top = k; }
  }
  if (total === 0 || top === choice) return null;
  return withChannel(slot, slot.chan.map((lp, k) => lp + (bonus * count(slot.ids[k]!)) / (total + pseudo)));
}

/** A name token inside a document: its segment, word position and original text. */
const isNameCase = (text: string) => text.length > 1 && text[0] !== text[0]!.toLowerCase();

/**
 * One spelling per name per document: Title-case or capital words after another such word
 * ("Ngoc Ky", "NGOQC KY") are grouped by the decoded previous word and their own letters; when
 * the occurrences disagree, all take the spelling with the most confidence summed over them.
 */
export function unifyNames(
  lm: NgramScorer, segments: (DecodedSegment & { texts: string[] })[], channelWeight: number, memo?: SegmentMemo,
): void {
  const votes = new Map<string, Map<number, number>>();
  const members = new Map<string, [number, number][]>();
  segments.forEach((s, si) => {
    for (let w = 1; w < s.wordSlots.length; w++) {
      const j = s.wordSlots[w]!, pj = s.wordSlots[w - 1]!;
      if (pj !== j - 1 || !isNameCase(s.texts[w]!) || !isNameCase(s.texts[w - 1]!)) continue;
      const prev = s.slots[pj]!.ids[s.results[pj]!.choice]!;
      const group = prev + '|' + s.keys[w]!;
      const r = s.results[j]!;
      const id = s.slots[j]!.ids[r.choice]!;
      let v = votes.get(group);
      if (!v) { votes.set(group, (v = new Map())); members.set(group, []); }
      v.set(id, (v.get(id) ?? 0) + r.confidence);
      members.get(group)!.push([si, w]);
    }
  });
  const changed = new Map<number, Slot[]>();
  for (const [group, v] of votes) {
    if (v.size < 2) continue;
    const winner = [...v].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    for (const [si, w] of members.get(group)!) {
      const s = segments[si]!, j = s.wordSlots[w]!;
      const slot = s.slots[j]!;
      const k = slot.ids.indexOf(winner);
      if (k < 0 || k === s.results[j]!.choice) continue;
      let slots = changed.get(si);
      if (!slots) changed.set(si, (slots = s.slots.slice()));
      slots[j] = withChannel(slot, slot.chan.map((lp, x) => (x === k ? lp : lp - NAME_FORCE)));
    }
  }
  for (const [si, slots] of changed) { segments[si]!.results = memo ? memo.decode(lm, slots, channelWeight) : decodeSegment(lm, slots, channelWeight); segments[si]!.decoded = slots; }
}

/** ln-probability handicap on the other spellings of a unified name: enough to decide. */
const NAME_FORCE = 30;
