/**
 * What reading the structure again costs a review decision: the outputs of the sample report
 * (json, txt, md, docx, csv rows) made from its corrected reading as before (corrections applied
 * to the text only: the baseline) and with the structure read again from the corrected text
 * (pipeline/restructure.ts), side by side in the same process, alternating, median of N rounds.
 * Rows for the header fields a person sets directly (core/field-corrections.ts): one field decision
 * alone (the machine's structure, the text unchanged, with the field over it), and the number, date and signer
 * set on top of every word decision.
 * Run: npm run bench:review-structure [-- --rounds N]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { applyCorrections, reviewTargets } from '../src/core/corrections.js';
import { fieldDecisions, lastPlace, withFieldValues, type FieldCorrection } from '../src/core/field-corrections.js';
import { loadModel } from '../src/model/load.js';
import { documentTables } from '../src/emit/batch-tables.js';
import { DOCUMENT_WRITERS } from '../src/emit/document-writers.js';
import { documentJson } from '../src/emit/json.js';
import { convert } from '../src/pipeline/index.js';
import { withCorrectedStructure } from '../src/pipeline/restructure.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 15;
const NAME = 'bao-cao-ngoc-ky.ocr.txt';
const data = readFileSync(new URL(`../fixtures/${NAME}`, import.meta.url));
const model = loadModel();
const machine = await convert({ path: NAME, data }, { restore: { model }, segment: {} });
// Every flagged word taken at its first alternative: the most a document gets corrected.
const corrections = reviewTargets(machine).filter((t) => t.start !== null && t.alternatives[0]).map((t) => ({ page: t.page, line: t.line, start: t.start!, end: t.end!, before: t.restored, after: t.alternatives[0]!, time: '2026-01-01T00:00:00Z' }));

const time = '2026-01-01T00:00:00Z';
const oneField: FieldCorrection[] = [{ field: 'number', before: machine.meta!.number, after: '193/BC-UBND', time, action: 'typed' }];
const threeFields: FieldCorrection[] = [...oneField, { field: 'date', before: machine.meta!.date, after: '2023-12-30', time, action: 'typed' }, { field: 'signer', before: machine.signature!.name, after: 'Nguyễn Xuân Thoáng', time, action: 'typed' }];

async function outputs(withStructure: boolean, words = corrections, fields: FieldCorrection[] = []): Promise<number> {
  const began = performance.now();
  const applied = applyCorrections(machine, words, fields);
  const { json, view } = withStructure ? await withCorrectedStructure(applied) : applied;
  const out = documentJson(json);
  for (const f of ['txt', 'md', 'docx'] as const) await DOCUMENT_WRITERS[f]!({ result: view, json: out.text, source: new Uint8Array() });
  documentTables(view);
  return performance.now() - began;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base: number[] = [];
const again: number[] = [];
const field: number[] = [];
const wordsAndFields: number[] = [];
await outputs(false); await outputs(true); await outputs(true, [], oneField); await outputs(true, corrections, threeFields); // warm up
// The four in a rotating order, so no one of them always runs after the same other (garbage left by it).
const runs: [number[], () => Promise<number>][] = [[base, () => outputs(false)], [again, () => outputs(true)], [field, () => outputs(true, [], oneField)], [wordsAndFields, () => outputs(true, corrections, threeFields)]];
for (let i = 0; i < rounds; i++) {
  for (let k = 0; k < runs.length; k++) {
    const [into, run] = runs[(i + k) % runs.length]!;
    into.push(await run());
  }
}
console.log(`sample report: ${machine.pages.length} pages, ${corrections.length} corrections, ${rounds} rounds (median)`);
console.log(`outputs from the corrected text only (baseline): ${median(base).toFixed(1)} ms`);
console.log(`with the structure read again:                  ${median(again).toFixed(1)} ms  (×${(median(again) / median(base)).toFixed(2)})`);
console.log(`one header field decided, no word decided:      ${median(field).toFixed(1)} ms  (×${(median(field) / median(base)).toFixed(2)} the baseline, ×${(median(field) / median(again)).toFixed(2)} a word decision)`);
console.log(`number, date, signer set over every word:       ${median(wordsAndFields).toFixed(1)} ms  (×${(median(wordsAndFields) / median(again)).toFixed(2)} the word decisions alone)`);
// The field step alone (the decisions checked against the machine reading, laid over the structure), per call.
const structure = { meta: machine.meta!, signature: machine.signature ?? null };
const lay = () => withFieldValues(structure, fieldDecisions(machine, threeFields).kept, lastPlace(machine));
for (let i = 0; i < 200; i++) lay();
const began = performance.now();
for (let i = 0; i < 5000; i++) lay();
console.log(`laying the three fields over the structure alone: ${(((performance.now() - began) / 5000) * 1000).toFixed(1)} µs a call`);
