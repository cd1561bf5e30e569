/**
 * The skeleton beam of the OCR channel's candidate search: the mark-free skeletons an OCR string
 * may come from under the inverted letter emissions, best first. Written with arrays and indices
 * (no Map iteration, spread, closures or sorts of entry pairs in the loop): the beam runs for every
 * token outside the candidate table, so it is compiled during a process's first document, and
 * TurboFan's time grows with the code it has to compile.
 */
import type { ReverseReadings } from './channel-emissions.js';

/** The inverted emissions and the test of a real skeleton's prefix the beam needs. */
export interface BeamSource {
  readingsOf(piece: string): ReverseReadings | undefined;
}

export interface PrefixTest {
  hasPrefix(s: string): boolean;
}

/** One position of the beam: skeletons in the order first reached, each with its best ln P. */
class Layer {
  keys: string[] = [];
  values: number[];
  private at = new Map<string, number>();

  constructor() {
    // Doubles from the start: an array begun with the small integer 0 changes kind at the first
    // fraction, which throws the compiled beam away.
    this.values = [0.5];
    this.values.length = 0;
  }

  /** Keeps the better of `v` and what `key` has (a key seen for the first time goes last). */
  offer(key: string, v: number): void {
    const i = this.at.get(key);
    if (i === undefined) {
      if (!(v > -Infinity)) return;
      this.at.set(key, this.keys.length);
      this.keys.push(key);
      this.values.push(v);
    } else if (v > this.values[i]!) this.values[i] = v;
  }

  /** Keeps the best `size`, best first, equal values in the order first reached (a stable sort). */
  cut(size: number): void {
    const order = this.ranked(false).slice(0, size);
    const keys = this.keys, values = this.values;
    this.keys = [];
    this.values = [0.5];
    this.values.length = 0;
    this.at = new Map();
    for (let r = 0; r < order.length; r++) this.offer(keys[order[r]!]!, values[order[r]!]!);
  }

  /** Indices best first; equal values by key (`byKey`) or in the order first reached. */
  ranked(byKey: boolean): number[] {
    const order: number[] = [];
    for (let i = 0; i < this.keys.length; i++) order.push(i);
    const keys = this.keys, values = this.values;
    return order.sort((a, b) => values[b]! - values[a]! || (byKey ? (keys[a]! < keys[b]! ? -1 : 1) : a - b));
  }
}

/**
 * The best `beam` skeletons for `ocr`, best first (equal scores by skeleton). With `prefixes`, a
 * skeleton is followed only while it is the prefix of a real one. A plain letter nothing was
 * learned for stands for itself, at the `unseen` cost.
 */
export function beamSkeletons(ocr: string, source: BeamSource, maxEmit: number, unseen: number, beam: number, prefixes: PrefixTest | undefined): string[] {
  const n = ocr.length;
  const layers: Layer[] = [];
  for (let j = 0; j <= n; j++) layers.push(new Layer());
  layers[0]!.offer('', 0);
  for (let j = 0; j <= n; j++) {
    const layer = layers[j]!;
    if (layer.keys.length > beam) layer.cut(beam);
    // Each next layer takes this one's skeletons in their order whatever the loops' nesting, so
    // the piece (and its readings) is the outer loop, looked up once per position.
    for (let k = 1; k <= maxEmit && j + k <= n; k++) {
      const piece = ocr.slice(j, j + k);
      const rev = source.readingsOf(piece);
      const c = piece.charCodeAt(0);
      const self = k === 1 && c >= 97 && c <= 122 && !(rev !== undefined && rev.self);
      const next = layers[j + k]!;
      for (let i = 0; i < layer.keys.length; i++) {
        const skel = layer.keys[i]!, lp = layer.values[i]!;
        if (rev !== undefined) {
          for (let r = 0; r < rev.letters.length; r++) {
            const key = skel + rev.letters[r]!;
            if (prefixes === undefined || prefixes.hasPrefix(key)) next.offer(key, lp + rev.logPs[r]!);
          }
        }
        if (self) {
          const key = skel + piece;
          if (prefixes === undefined || prefixes.hasPrefix(key)) next.offer(key, lp + unseen);
        }
      }
    }
  }
  const last = layers[n]!;
  const order = last.ranked(true);
  const out: string[] = [];
  for (let r = 0; r < order.length && r < beam; r++) out.push(last.keys[order[r]!]!);
  return out;
}
