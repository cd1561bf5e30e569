/**
 * The ranking structures of the OCR channel's candidate search: the best channel score per
 * vocabulary id for the token being searched (IdScores), and the best joint scores so far, which
 * a form's bound must beat to be aligned at all (TopJoints).
 */

/**
 * Best channel ln P per vocabulary id for the token being searched: a typed array reused from
 * token to token, and the ids touched, in place of a Map per token.
 */
export class IdScores {
  private value: Float64Array;
  private seen: Uint8Array;
  private joints = new Float64Array(0);
  readonly ids: number[] = [];

  constructor(size: number) {
    this.value = new Float64Array(size);
    this.seen = new Uint8Array(size);
  }

  has(id: number): boolean {
    return this.seen[id] === 1;
  }

  /** −∞ for an id not scored. */
  get(id: number): number {
    return this.seen[id] === 1 ? this.value[id]! : -Infinity;
  }

  set(id: number, lp: number): void {
    if (this.seen[id] !== 1) { this.seen[id] = 1; this.ids.push(id); }
    this.value[id] = lp;
  }

  clear(): void {
    for (const id of this.ids) this.seen[id] = 0;
    this.ids.length = 0;
  }

  /**
   * What a caller keeps of the ranking by joint score (channel + prior; ties by id) of the ids
   * with a finite score within `within` of the best: its first `limit`, then those of `extra`
   * further down, in ranking order, up to `extraLimit` in all. Only that head is ever ordered.
   */
  select(prior: (id: number) => number, within: number, limit: number, extra: readonly number[] | undefined, extraLimit: number): { id: number; logP: number }[] {
    const ids = this.ids;
    if (this.joints.length < ids.length) this.joints = new Float64Array(this.value.length);
    const joints = this.joints;
    let head = -Infinity;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!, lp = this.value[id]!;
      const j = lp > -Infinity ? lp + prior(id) : -Infinity;
      joints[i] = j;
      if (j > head) head = j;
    }
    const floor = head - within;
    const before = (a: number, b: number) => joints[a]! > joints[b]! || (joints[a] === joints[b] && ids[a]! < ids[b]!);
    // Insertion into a short sorted list: `limit` is small next to the thousands a junk token scores.
    const top: number[] = [];
    const rest: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (!(joints[i]! >= floor) || this.value[ids[i]!] === -Infinity) continue;
      if (top.length === limit && !before(i, top[limit - 1]!)) {
        if (extra?.includes(ids[i]!)) rest.push(i);
        continue;
      }
      let at = top.length;
      while (at > 0 && before(i, top[at - 1]!)) at--;
      top.splice(at, 0, i);
      if (top.length > limit) {
        const out = top.pop()!;
        if (extra?.includes(ids[out]!)) rest.push(out);
      }
    }
    const chosen = top.concat(rest.sort((a, b) => (before(a, b) ? -1 : 1)));
    return chosen.slice(0, Math.max(top.length, Math.min(chosen.length, extraLimit))).map((i) => ({ id: ids[i]!, logP: this.value[ids[i]!]! }));
  }
}

/**
 * The best `limit` joint scores so far, one per id: what a form must beat to make a candidate list.
 * A form whose upper bound falls short of the last of them cannot, so it need not be aligned.
 */
export class TopJoints {
  // Typed arrays and a count (not growing plain arrays, whose elements kind changes from empty to
  // doubles, throwing the compiled candidate search away): best first, at most `limit`, plus one.
  private readonly ids: Int32Array;
  private readonly joints: Float64Array;
  private count = 0;

  constructor(private readonly limit: number) {
    this.ids = new Int32Array(limit + 1);
    this.joints = new Float64Array(limit + 1);
  }

  /** Below this no form can enter the first `limit` (−∞ until there are that many). */
  floor(): number {
    return this.count < this.limit ? -Infinity : this.joints[this.limit - 1]!;
  }

  /** Records id's joint score; an id's score only ever rises. */
  update(id: number, joint: number): void {
    const { ids, joints, limit } = this;
    const count = this.count;
    let at = -1;
    for (let k = 0; k < count; k++) if (ids[k] === id) { at = k; break; }
    const found = at >= 0;
    if (!found && count === limit && !(joint > joints[limit - 1]!)) return;
    // One shift serves both cases (a branch of its own would first run after compilation and
    // throw the compiled code away): an id already kept moves up from its place (its score only
    // rises), a new one comes in from the end, the one past `limit` dropping out.
    const end = found ? at : count;
    let pos = end;
    while (pos > 0 && joints[pos - 1]! < joint) pos--;
    ids.copyWithin(pos + 1, pos, end);
    joints.copyWithin(pos + 1, pos, end);
    ids[pos] = id;
    joints[pos] = joint;
    if (!found && count < limit) this.count = count + 1;
  }


}
