/**
 * Speed and size of the per-document writers txt, md and docx, beside the JSON writer (the
 * baseline every batch runs) in the same process: the sample report through the real pipeline
 * (restoration and structure), and a long document (the sample's text repeated, structure on,
 * restoration off). Figures are ms per document (median of the runs) and output bytes.
 * Run: npm run bench:writers [-- --runs N --repeat N]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { convert } from '../src/pipeline/index.js';
import type { DocumentResult } from '../src/core/schema.js';
import { documentDocx } from '../src/emit/docx.js';
import { documentJson } from '../src/emit/json.js';
import { documentMarkdown } from '../src/emit/md.js';
import { documentTxt } from '../src/emit/txt.js';
import { loadModel } from '../src/model/load.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const runs = arg('--runs', 15);
const repeat = arg('--repeat', 40);
const sample = readFileSync(fileURLToPath(new URL('../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url)));

const WRITERS: [string, (r: DocumentResult) => string | Uint8Array | Promise<Uint8Array>][] = [
  ['json (baseline)', (r) => documentJson(r).text],
  ['txt', documentTxt],
  ['md', documentMarkdown],
  ['docx', documentDocx],
];

const size = (d: string | Uint8Array) => (typeof d === 'string' ? Buffer.byteLength(d) : d.length);

async function measure(label: string, result: DocumentResult) {
  console.log(`\n${label}: ${result.paragraphs.length} paragraphs, ${result.source.pages} pages, ${result.text.original.length} characters`);
  for (const [name, write] of WRITERS) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      bytes = size(await write(result));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(16)} ${times[runs >> 1]!.toFixed(2).padStart(8)} ms   ${String(bytes).padStart(9)} bytes`);
  }
}

const restored = documentJson(await convert({ path: 'bao-cao-ngoc-ky.ocr.txt', data: sample }, { restore: { model: loadModel() } })).result;
await measure('sample (restored, structure)', restored);
const long = new TextEncoder().encode(Array.from({ length: repeat }, () => sample.toString('utf8')).join('\f'));
const longResult = documentJson(await convert({ path: 'long.txt', data: long }, { restore: false })).result;
await measure(`sample ×${repeat} (structure, not restored)`, longResult);
