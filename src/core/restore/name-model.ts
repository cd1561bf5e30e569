/**
 * The personal-name model (dictionaries/vi-names.json, npm run build:names): how often a syllable
 * is a surname, a middle name or a given name among the corpus's person names. Pure: built from
 * the parsed JSON; the loader (src/model/load.ts) reads the file when it is there.
 */
import { stripMarks } from '../vi-text/index.js';

export type NamePosition = 'surname' | 'middle' | 'given';
export const NAME_POSITIONS: readonly NamePosition[] = ['surname', 'middle', 'given'];

interface Table { total: number; counts: Record<string, number> }

export interface NameTablesJson {
  format: 'baocao-names';
  version: number;
  surname: Table;
  middle: Table;
  given: Table;
}

/** Distinct syllables an unseen name syllable is spread over (roughly the name inventory). */
const UNSEEN_SPREAD = 2000;

export class NameModel {
  private logP: Record<NamePosition, Map<string, number>>;
  private floor: Record<NamePosition, number>;
  /** Mark-free skeletons of the surnames, to spot a name's start in text without marks. */
  readonly surnameSkeletons: ReadonlySet<string>;

  /** `unseenShare`: probability mass kept for syllables the corpus never saw in that position. */
  constructor(private readonly json: NameTablesJson, private readonly unseenShare = 0.05) {
    if (json.format !== 'baocao-names') throw new Error('not a baocao name model');
    const logP = {} as Record<NamePosition, Map<string, number>>;
    const floor = {} as Record<NamePosition, number>;
    for (const p of NAME_POSITIONS) {
      const t = json[p];
      const unseen = unseenShare / UNSEEN_SPREAD;
      const m = new Map<string, number>();
      for (const [form, c] of Object.entries(t.counts)) m.set(form, Math.log((1 - unseenShare) * (c / t.total) + unseen));
      logP[p] = m;
      floor[p] = Math.log(unseen);
    }
    this.logP = logP;
    this.floor = floor;
    this.surnameSkeletons = new Set(Object.keys(json.surname.counts).map((s) => stripMarks(s)));
  }

  /** ln P(form | position), form lower-case with old-style tone placement. */
  score(form: string, position: NamePosition): number {
    return this.logP[position].get(form) ?? this.floor[position];
  }

  /**
   * This model with an archive's own names mixed in (adaptation.ts): at each position
   * P = (1 − share) · P_corpus + share · P_archive, so a name the archive writes is likely again.
   */
  withArchive(counts: Record<NamePosition, ReadonlyMap<string, number>>, share: number): NameModel {
    const json = { ...this.json };
    for (const p of NAME_POSITIONS) {
      const base = this.json[p];
      let archiveTotal = 0;
      for (const c of counts[p].values()) archiveTotal += c;
      if (archiveTotal === 0 || share <= 0) continue;
      // Archive counts scaled so that they hold `share` of the merged total.
      const scale = (share * base.total) / ((1 - share) * archiveTotal);
      const merged = { ...base.counts };
      for (const [form, c] of counts[p]) merged[form] = (merged[form] ?? 0) + c * scale;
      json[p] = { total: base.total + archiveTotal * scale, counts: merged };
    }
    return new NameModel(json, this.unseenShare);
  }

  /** The syllables seen in that position (lower case, old-style tone placement). */
  forms(position: NamePosition): readonly string[] {
    return [...this.logP[position].keys()];
  }

  /** The score of a syllable never seen in that position. */
  unseen(position: NamePosition): number {
    return this.floor[position];
  }
}
