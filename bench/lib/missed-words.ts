/**
 * bench:review --verbose: which wrong words the review list misses and which it catches, by what
 * the restorer knew about them (the first matching kind), so a change to the features can aim at
 * the misses. Reading only: nothing here feeds the calibration.
 */
import type { WordEvidence } from '../../src/core/restore/calibration.js';
import type { RestoredToken } from '../../src/core/restore/index.js';
import type { LabeledToken } from './word-labels.js';

const KINDS: [string, (e: WordEvidence) => boolean][] = [
  ['number kept as read', (e) => e.number && e.kept],
  ['number read as a word', (e) => e.number],
  ['digits among letters', (e) => e.digits],
  ['acronym with D, unknown', (e) => e.acronymD],
  ['rule (acronym, list letter)', (e) => e.rule || e.listLetter],
  ['name', (e) => e.name],
  ['upper case', (e) => e.upper],
  ['kept as read, known syllable', (e) => e.kept && e.knownInput],
  ['kept as read, unknown', (e) => e.kept],
  ['no vocabulary word chosen', (e) => e.unknown],
  ['posterior ≥ 0.999 (lattice sure)', (e) => e.posterior >= 0.999],
  ['posterior 0.9–0.999', (e) => e.posterior >= 0.9],
  ['posterior < 0.9', () => true],
];

export function printMissed(labeled: readonly LabeledToken[], flagged: (t: RestoredToken) => boolean): void {
  const rows = new Map<string, { missed: number; caught: number; examples: string[] }>(KINDS.map(([k]) => [k, { missed: 0, caught: 0, examples: [] }]));
  for (const { token, right } of labeled) {
    const e = token.evidence;
    if (right || !e) continue;
    const kind = KINDS.find(([, test]) => test(e))![0];
    const row = rows.get(kind)!;
    if (flagged(token)) row.caught++;
    else {
      row.missed++;
      if (row.examples.length < 8) row.examples.push(`${token.original}→${token.restored} ${token.confidence.toFixed(3)}`);
    }
  }
  console.log('    wrong words by kind: missed / caught (examples of missed: as read→restored P(right))');
  for (const [kind, r] of rows) {
    if (r.missed + r.caught) console.log(`      ${kind.padEnd(34)} ${String(r.missed).padStart(4)} / ${String(r.caught).padEnd(4)} ${r.examples.join(', ')}`);
  }
}
