/**
 * Keywords of a document from its own words (the "Từ khóa" of an archive record): the most
 * frequent terms of two to four syllables. Vietnamese writes one syllable per space, so a term
 * ("cải cách hành chính") is a run of syllables; runs are counted within a clause (never across
 * punctuation or numbers), must not start or end on a function word, and a shorter run that
 * mostly occurs inside a longer one is left to the longer one. Terms are ranked by C-value
 * (Frantzi et al.): longer terms weigh more, occurrences inside longer terms less.
 */

/** Function words and counters a term neither starts nor ends with. */
const STOP = new Set(
  ('và của các những được đã đang sẽ trong với cho là có theo này để từ về tại trên dưới ngày tháng số một hai ba bốn năm ' +
    'không cũng như đó khi thì mà nên do vì bị nhưng hoặc hay đến ra vào lại rất nhiều ít còn việc sự cuộc qua sau trước nhằm ' +
    'bằng cùng đối tới gồm thêm đây kia ấy nào mỗi mọi cả chỉ đều vẫn nữa ở lần phải cần nhau hết chưa nếu tuy đồng thời ' +
    'v/v kính gửi nơi nhận').split(/\s+/),
);

const MIN_COUNT = 2;
const CLAUSE = /[^\p{L}\s]+/u;
const SPACES = /\s+/;

interface Term {
  syllables: number;
  count: number;
  /** Its first occurrence: the position among the document's syllables, and the index in `seq`. */
  first: number;
  at: number;
}

/** Syllable ids below this make a run of up to four one number key (4 × 13 bits < 2^53). */
const ID_LIMIT = 1 << 13;

/** Up to `limit` terms, best first (ties: longer, then earlier), in lower case. */
export function documentKeywords(texts: readonly string[], limit = 5): string[] {
  // The syllables as ids (1-based; 0 ends a clause), so runs are counted under number keys:
  // hashing a number is much cheaper than building and hashing each run's string. A document of
  // more distinct syllables than ID_LIMIT counts under string keys, as runs were counted before.
  const ids = new Map<string, number>();
  const words = [''];
  const stop = [false];
  const seq: number[] = [];
  for (const text of texts) {
    // Lower-casing has no Vietnamese-specific rules (only Turkish, Azeri and Lithuanian have
    // them): toLowerCase gives the same string as toLocaleLowerCase('vi') without the locale lookup.
    for (const clause of text.normalize('NFC').toLowerCase().split(CLAUSE)) {
      for (const s of clause.split(SPACES)) {
        if (s.length === 0) continue;
        let id = ids.get(s);
        if (id === undefined) {
          ids.set(s, (id = words.length));
          words.push(s);
          stop.push(STOP.has(s));
        }
        seq.push(id);
      }
      seq.push(0);
    }
  }
  const numeric = words.length <= ID_LIMIT;
  /** The key of the run of `n` syllables at seq[at]. */
  const keyOf = (at: number, n: number): number | string => {
    if (!numeric) return seq.slice(at, at + n).map((id) => words[id]!).join(' ');
    let key = 0;
    for (let k = at; k < at + n; k++) key = key * ID_LIMIT + seq[k]!;
    return key;
  };
  const terms = new Map<number | string, Term>();
  let position = 0;
  for (let i = 0; i < seq.length; i++) {
    const first = seq[i]!;
    if (first === 0) continue;
    if (!stop[first]) {
      for (let n = 2; n <= 4; n++) {
        const last = seq[i + n - 1] ?? 0;
        if (last === 0) break;
        if (stop[last]) continue;
        const key = keyOf(i, n);
        const t = terms.get(key);
        if (t) t.count++;
        else terms.set(key, { syllables: n, count: 1, first: position, at: i });
      }
    }
    position++;
  }
  const frequent = [...terms.values()].filter((t) => t.count >= MIN_COUNT);
  // The longer frequent terms each term lies inside, found from the longer ones' own runs (a
  // 4-syllable term holds five shorter runs), not by comparing every pair: documents of thousands
  // of frequent terms stay linear.
  const inside = new Map<Term, Term[]>();
  for (const longer of frequent) {
    for (let n = 2; n < longer.syllables; n++) {
      for (let i = 0; i + n <= longer.syllables; i++) {
        const t = terms.get(keyOf(longer.at + i, n));
        if (!t || t.count < MIN_COUNT) continue;
        const list = inside.get(t) ?? [];
        if (!list.includes(longer)) list.push(longer);
        inside.set(t, list);
      }
    }
  }
  return rank(frequent, inside, limit).map((t) => seq.slice(t.at, t.at + t.syllables).map((id) => words[id]!).join(' '));
}

/** The best `limit` frequent terms by C-value, parts of longer terms left out. */
function rank(frequent: Term[], inside: Map<Term, Term[]>, limit: number): Term[] {
  // A term whose occurrences are mostly inside one longer frequent term is that term's part
  // ("cải cách" in "cải cách hành chính"); one spread over several ("hành chính") stays a term.
  const kept = frequent.filter((t) => !(inside.get(t) ?? []).some((longer) => longer.count >= 0.75 * t.count));
  // C-value: a term counts by its length and by how often it occurs outside longer terms.
  const score = new Map(kept.map((t) => {
    const longer = inside.get(t) ?? [];
    const nested = longer.length ? longer.reduce((sum, l) => sum + l.count, 0) / longer.length : 0;
    return [t, Math.log2(t.syllables) * (t.count - nested)];
  }));
  kept.sort((a, b) => score.get(b)! - score.get(a)! || b.syllables - a.syllables || a.first - b.first);
  return kept.slice(0, limit);
}
