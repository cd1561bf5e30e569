/**
 * npm run bench:organ-lines — what the organ-line evidence (src/core/restore/organ-lines.ts) changes
 * on the devset's restore reference sets (the inputs bench:restore checks byte for byte): every set
 * restored with it off (the baseline) and on, in the same run; per set the words whose restored
 * form changed, and syllable accuracy against the GT text where the set has one.
 * BAOCAO_SHARED=/path/to/shared overrides the data folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restore, type RestoreInput } from '../src/core/restore/index.js';
import { loadModel } from '../src/model/load.js';
import { emptyScore, pct, scoreWhole } from './lib/score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const devset = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset');
const model = loadModel();
const ids = readdirSync(join(devset, 'docs')).filter((f) => /^\d+\.txt$/.test(f)).map((f) => f.slice(0, -4)).sort();
const scans = readdirSync(join(devset, 'scans')).sort();
const read = (...p: string[]) => readFileSync(join(devset, ...p), 'utf8');
const gtOf = (id: string) => read('docs', `${id}.txt`);
const inputs: Record<string, [string, string, string][]> = {
  stripped: ids.map((id) => [id, read('stripped', `${id}.txt`), gtOf(id)]),
  'eng-ocr': ids.map((id) => [id, read('eng-ocr', `${id}.txt`), gtOf(id)]),
  'vie-ocr': scans.map((d) => [d, read('scans', d, 'ocr.vie.txt'), read('scans', d, 'gt.txt')]),
  clean: ids.map((id) => [id, gtOf(id), gtOf(id)]),
};
const modes: [string, string, RestoreInput][] = [
  ['stripped', 'stripped', 'stripped'], ['eng-ocr', 'eng-ocr', 'ocr'], ['vie-ocr', 'vie-ocr', 'vie-ocr'],
  ['stripped-auto', 'stripped', 'auto'], ['eng-ocr-auto', 'eng-ocr', 'auto'], ['vie-ocr-auto', 'vie-ocr', 'auto'], ['clean-auto', 'clean', 'auto'],
];
console.log('organ-line evidence on the restore reference sets: off (baseline) → on, same run');
for (const [name, from, input] of modes) {
  let changed = 0, docs = 0;
  const before = emptyScore(), after = emptyScore();
  const examples: string[] = [];
  for (const [id, text, gt] of inputs[from]!) {
    const off = restore(text, { model, input, organLines: false }), on = restore(text, { model, input });
    if (gt !== null) {
      scoreWhole(gt, off.text, before);
      scoreWhole(gt, on.text, after);
    }
    if (off.text === on.text) continue;
    docs++;
    off.tokens.forEach((t, k) => {
      const u = on.tokens[k];
      if (u && u.restored !== t.restored) { changed++; if (examples.length < 12) examples.push(`${id}: ${t.original} ${t.restored}→${u.restored}`); }
    });
  }
  const acc = before.gtTokens ? `  accuracy ${pct(before, true).toFixed(3)} % → ${pct(after, true).toFixed(3)} % (case-sensitive)` : '';
  console.log(`  ${name.padEnd(14)} ${changed} word(s) changed in ${docs} document(s)${acc}`);
  for (const e of examples) console.log(`      ${e}`);
}
