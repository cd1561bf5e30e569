import { readFileSync, readdirSync } from 'node:fs';
import { restore } from './src/core/restore/index.js';
import { prepareAdaptation } from './src/core/restore/adaptation.js';
import { learnAdaptation } from './src/core/restore/learn-archive.js';
import { loadModel } from './src/model/load.js';
const model = loadModel();
const dir = '/work/shared/ocr-pairs/eng';
const tuning = process.env.T ? JSON.parse(process.env.T) : {};
const ids = readdirSync(dir).filter((f) => f.endsWith('.gt.txt')).map((f) => f.slice(0, -7)).sort();
let better = 0, worse = 0;
for (const id of ids) {
  const gt = readFileSync(`${dir}/${id}.gt.txt`, 'utf8').split('\n'), ocr = readFileSync(`${dir}/${id}.ocr.txt`, 'utf8').split('\n');
  const cut = Math.ceil(gt.length / 2);
  const a = prepareAdaptation(model, learnAdaptation([{ text: gt.slice(0, cut).join('\n') }], model, { model: 'x', documents: 0, corrections: 0, texts: 1 }), tuning);
  const input = ocr.slice(cut).join('\n');
  const w0 = restore(input, { model, input: 'ocr' }).text.split('\n'), w1 = restore(input, { model, input: 'ocr', adaptation: a }).text.split('\n');
  const g = gt.slice(cut);
  w0.forEach((l, i) => {
    if (l === w1[i]) return;
    const A = l.split(/\s+/), B = w1[i]!.split(/\s+/), G = (g[i] ?? '').split(/\s+/);
    for (let k = 0; k < Math.max(A.length, B.length); k++) if (A[k] !== B[k]) {
      const ok0 = G.includes(A[k]!), ok1 = G.includes(B[k]!);
      if (ok1 && !ok0) better++; else if (ok0 && !ok1) worse++;
      if (ok0 !== ok1) console.log(ok1 ? '+' : '-', id, JSON.stringify(A[k]), '→', JSON.stringify(B[k]), '| gt line:', (g[i] ?? '').slice(0, 80));
    }
  });
}
console.log('better', better, 'worse', worse);
