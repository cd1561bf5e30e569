/**
 * What reading the structure again costs a review decision: the outputs of the sample report
 * (json, txt, md, docx, csv rows) made from its corrected reading as before (corrections applied
 * to the text only: the baseline) and with the structure read again from the corrected text
 * (pipeline/restructure.ts), side by side in the same process, alternating, median of N rounds.
 * Run: npm run bench:review-structure [-- --rounds N]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { applyCorrections, reviewTargets } from '../src/core/corrections.js';
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

async function outputs(withStructure: boolean): Promise<number> {
  const began = performance.now();
  const applied = applyCorrections(machine, corrections);
  const { json, view } = withStructure ? await withCorrectedStructure(applied) : applied;
  const out = documentJson(json);
  for (const f of ['txt', 'md', 'docx'] as const) await DOCUMENT_WRITERS[f]!({ result: view, json: out.text, source: new Uint8Array() });
  documentTables(view);
  return performance.now() - began;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base: number[] = [];
const again: number[] = [];
await outputs(false); await outputs(true); // warm up
for (let i = 0; i < rounds; i++) {
  base.push(await outputs(false));
  again.push(await outputs(true));
}
console.log(`sample report: ${machine.pages.length} pages, ${corrections.length} corrections, ${rounds} rounds (median)`);
console.log(`outputs from the corrected text only (baseline): ${median(base).toFixed(1)} ms`);
console.log(`with the structure read again:                  ${median(again).toFixed(1)} ms  (×${(median(again) / median(base)).toFixed(2)})`);
