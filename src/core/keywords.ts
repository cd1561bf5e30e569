/**
 * Keywords of a document from its own words (the "Từ khóa" of an archive record): the most
 * frequent terms of two to four syllables. Vietnamese writes one syllable per space, so a term
 * ("cải cách hành chính") is a run of syllables; runs are counted within a clause (never across
 * punctuation or numbers), must not start or end on a function word, and a shorter run that
 * mostly occurs inside a longer one is left to the longer one. Terms are ranked by C-value
 * (Frantzi et al.): longer terms weigh more, occurrences inside longer terms less.
 */
import { CharClass, charClass } from './vi-text/chars.js';

/** Function words and counters a term neither starts nor ends with. */
const STOP = new Set(
  ('và của các những được đã đang sẽ trong với cho là có theo này để từ về tại trên dưới ngày tháng số một hai ba bốn năm ' +
    'không cũng như đó khi thì mà nên do vì bị nhưng hoặc hay đến ra vào lại rất nhiều ít còn việc sự cuộc qua sau trước nhằm ' +
    'bằng cùng đối tới gồm thêm đây kia ấy nào mỗi mọi cả chỉ đều vẫn nữa ở lần phải cần nhau hết chưa nếu tuy đồng thời ' +
    'v/v kính gửi nơi nhận').split(/\s+/),
);

const MIN_COUNT = 2;

/** White space as \s reads it: the shared table's spaces and line breaks. */
const isSpaceUnit = (code: number) => { const k = charClass(code); return k === CharClass.Space || k === CharClass.Newline; };

/** The code units of the letter at `i` (2 for an astral letter), or 0 when it is no letter. */
function letterUnits(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return charClass(code) === CharClass.Letter ? 1 : 0;
  const point = text.codePointAt(i)!;
  return point > 0xffff && /\p{L}/u.test(String.fromCodePoint(point)) ? 2 : 0;
}

interface Term {
  syllables: number;
  count: number;
  /** Its first occurrence: the position among the document's syllables, and the index in `seq`. */
  first: number;
  at: number;
  /** The longer frequent terms it lies inside (set for frequent terms). */
  longer?: Term[];
}

/** Open addressing on typed arrays: (parent node, syllable id) → child node, 0 when none. */
class RunTable {
  private parents = new Int32Array(1024);
  private syllables = new Int32Array(1024);
  private children = new Int32Array(1024);
  private size = 0;

  /**
   * Empty again, for the next document: one table serves every call (its three arrays were
   * ~60 KB of new memory a document, grown from 1,024 slots each time). A table grown past
   * KEEP_SLOTS by a long document goes back to the first size, so emptying stays cheap.
   */
  clear(): void {
    if (this.children.length > KEEP_SLOTS) this.shrink();
    else if (this.size > 0) this.children.fill(0); // a slot is free when its child is 0; the other two arrays are read only where it is not
    this.size = 0;
  }

  /** Back to the first size when a long document grew it past KEEP_SLOTS: its memory is not kept until the next call. */
  shrink(): void {
    if (this.children.length <= KEEP_SLOTS) return;
    this.parents = new Int32Array(1024);
    this.syllables = new Int32Array(1024);
    this.children = new Int32Array(1024);
    this.size = 0;
  }

  get(parent: number, syllable: number): number {
    const mask = this.children.length - 1;
    for (let at = slotOf(parent, syllable) & mask; ; at = (at + 1) & mask) {
      const c = this.children[at]!;
      if (c === 0 || (this.parents[at] === parent && this.syllables[at] === syllable)) return c;
    }
  }

  /** Adds a pair `get` does not have. */
  add(parent: number, syllable: number, node: number): void {
    if (2 * ++this.size > this.children.length) this.grow();
    this.place(parent, syllable, node);
  }

  private place(parent: number, syllable: number, node: number): void {
    const mask = this.children.length - 1;
    let at = slotOf(parent, syllable) & mask;
    while (this.children[at] !== 0) at = (at + 1) & mask;
    this.parents[at] = parent;
    this.syllables[at] = syllable;
    this.children[at] = node;
  }

  private grow(): void {
    const { parents, syllables, children } = this;
    this.parents = new Int32Array(2 * children.length);
    this.syllables = new Int32Array(2 * children.length);
    this.children = new Int32Array(2 * children.length);
    for (let k = 0; k < children.length; k++) if (children[k] !== 0) this.place(parents[k]!, syllables[k]!, children[k]!);
  }
}

/** Slots a shared table keeps between documents (3 × 64 KiB). */
const KEEP_SLOTS = 1 << 14;
/** documentKeywords' table, emptied at each call (the function is synchronous: no call sees another's). */
const sharedTable = new RunTable();

const slotOf = (parent: number, syllable: number) => Math.imul(parent, 0x9e3779b1) ^ Math.imul(syllable, 0x85ebca6b);

/** A document's syllables as ids (1-based; 0 ends a clause), with each id's word and whether it is a function word. */
interface Syllables { seq: number[]; words: string[]; stop: boolean[] }

/**
 * Up to `limit` terms, best first (ties: longer, then earlier), in lower case. Three steps, each a
 * function of its own: V8 compiles three small functions once each instead of one large one twice
 * (its loops made it compiled on the stack first, then again as a whole, in every worker).
 */
export function documentKeywords(texts: readonly string[], limit = 5): string[] {
  const syllables = readSyllables(texts);
  const { terms, termOf } = countRuns(syllables);
  const frequent = terms.filter((t) => t.count >= MIN_COUNT);
  linkLonger(frequent, termOf);
  sharedTable.shrink(); // termOf, its only reader, is done
  // The kept terms' words joined in a loop (a slice mapped and joined made V8 deoptimise this
  // function, "wrong map", and compile it again in every worker).
  const { seq, words } = syllables;
  const out: string[] = [];
  for (const t of rank(frequent, limit)) {
    let term = words[seq[t.at]!]!;
    for (let k = 1; k < t.syllables; k++) term += ' ' + words[seq[t.at + k]!]!;
    out.push(term);
  }
  return out;
}

/**
 * The syllables as ids, so runs are counted under number keys: hashing a number is much cheaper
 * than building and hashing each run's string.
 */
function readSyllables(texts: readonly string[]): Syllables {
  const ids = new Map<string, number>();
  const words = [''];
  const stop = [false];
  const seq: number[] = [];
  const syllable = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) {
      ids.set(s, (id = words.length));
      words.push(s);
      stop.push(STOP.has(s));
    }
    seq.push(id);
  };
  for (const text of texts) {
    // Lower-casing has no Vietnamese-specific rules (only Turkish, Azeri and Lithuanian have
    // them): toLowerCase gives the same string as toLocaleLowerCase('vi') without the locale lookup.
    // One pass over the text: a syllable is a run of letters; white space parts syllables, and
    // anything else ends the clause (what splitting on CLAUSE, then on SPACES, gave).
    const lower = text.normalize('NFC').toLowerCase();
    let start = -1;
    for (let i = 0; i < lower.length; i++) {
      const units = letterUnits(lower, i);
      if (units > 0) {
        if (start < 0) start = i;
        i += units - 1;
        continue;
      }
      if (start >= 0) { syllable(lower.slice(start, i)); start = -1; }
      if (!isSpaceUnit(lower.charCodeAt(i)) && seq[seq.length - 1] !== 0) seq.push(0);
    }
    if (start >= 0) syllable(lower.slice(start));
    seq.push(0);
  }
  return { seq, words, stop };
}

/**
 * Each run of two to four syllables counted, as a term when it neither starts nor ends on a
 * function word. A run is a node of a trie: a run of one is its syllable's id, a longer run
 * (node `width` and up) the child of the run one shorter under its last syllable. No string is
 * built or hashed per run, and runs of two to four cost the same. `termOf(at, n)`: the term of
 * the run of `n` syllables at seq[at], if it is one.
 */
function countRuns({ seq, words, stop }: Syllables): { terms: Term[]; termOf: (at: number, n: number) => Term | undefined } {
  const width = words.length;
  const child = sharedTable;
  child.clear();
  /** Node (minus `width`) → the term it is, when it neither starts nor ends on a function word. */
  const termAt: (Term | undefined)[] = [];
  const terms: Term[] = [];
  let position = 0;
  for (let i = 0; i < seq.length; i++) {
    const first = seq[i]!;
    if (first === 0) continue;
    if (!stop[first]) {
      let node = first;
      for (let n = 2; n <= 4; n++) {
        const last = seq[i + n - 1] ?? 0;
        if (last === 0) break;
        let next = child.get(node, last);
        if (next === 0) child.add(node, last, (next = width + termAt.push(undefined) - 1));
        node = next;
        if (stop[last]) continue;
        const t = termAt[node - width];
        if (t) t.count++;
        else terms.push(termAt[node - width] = { syllables: n, count: 1, first: position, at: i });
      }
    }
    position++;
  }
  const termOf = (at: number, n: number): Term | undefined => {
    let node = seq[at]!;
    for (let k = 1; k < n && node !== 0; k++) node = child.get(node, seq[at + k]!);
    return node < width ? undefined : termAt[node - width];
  };
  return { terms, termOf };
}

/**
 * The longer frequent terms each term lies inside, found from the longer ones' own runs (a
 * 4-syllable term holds five shorter runs), not by comparing every pair: documents of thousands
 * of frequent terms stay linear.
 */
function linkLonger(frequent: Term[], termOf: (at: number, n: number) => Term | undefined): void {
  for (const longer of frequent) {
    for (let n = 2; n < longer.syllables; n++) {
      for (let i = 0; i + n <= longer.syllables; i++) {
        const t = termOf(longer.at + i, n);
        if (!t || t.count < MIN_COUNT) continue;
        const list = (t.longer ??= []);
        if (!list.includes(longer)) list.push(longer);
      }
    }
  }
}

/** The best `limit` frequent terms by C-value, parts of longer terms left out. */
function rank(frequent: Term[], limit: number): Term[] {
  // A term whose occurrences are mostly inside one longer frequent term is that term's part
  // ("cải cách" in "cải cách hành chính"); one spread over several ("hành chính") stays a term.
  const kept = frequent.filter((t) => !(t.longer ?? []).some((longer) => longer.count >= 0.75 * t.count));
  // C-value: a term counts by its length and by how often it occurs outside longer terms.
  const score = new Map(kept.map((t) => {
    const longer = t.longer ?? [];
    const nested = longer.length ? longer.reduce((sum, l) => sum + l.count, 0) / longer.length : 0;
    return [t, Math.log2(t.syllables) * (t.count - nested)];
  }));
  kept.sort((a, b) => score.get(b)! - score.get(a)! || b.syllables - a.syllables || a.first - b.first);
  return kept.slice(0, limit);
}
