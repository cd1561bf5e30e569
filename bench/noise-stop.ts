/**
 * The noise stop (ingest/noise-stop.ts) on whole files, beside the same file read with the stop
 * off (noiseStopPages 0, as BAOCAO_NOISE_STOP=0) in the same run: a TIFF of `--noise` pages of
 * generated noise (A4 at 150 dpi) and a TIFF of `--real` text pages (the fixtures' pages repeated),
 * which must be read whole. Printed: pages read, seconds, CPU of this process (the native engine's
 * processes are not counted; their time is in the seconds), load average.
 * Run: npm run bench:noise-stop [-- --noise 30 --real 24 --engine native|wasm]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import sharp from 'sharp';
import { ingestImage } from '../src/ingest/image.js';
import { createOcrEngine } from '../src/ingest/ocr/engine.js';
import { readsText } from '../src/ingest/noise-stop.js';
import { greyTiff, noiseTiff } from '../test/ingest/noise-tiff.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const noisePages = Number(arg('--noise') ?? 30);
const realPages = Number(arg('--real') ?? 24);
const pool = createOcrEngine({ engine: (arg('--engine') ?? 'native') as 'native' | 'wasm', jobs: 2 });

/** An uncompressed multi-page grey TIFF of the fixtures' text pages, repeated to `pages`. */
async function realTiff(pages: number): Promise<Uint8Array> {
  const sources = ['pages-2p.tif', 'page2.jpg'].map((f) => readFileSync(new URL(`../fixtures/scans/${f}`, import.meta.url)));
  const raws = await Promise.all(sources.map((s) => sharp(s).greyscale().raw().toBuffer({ resolveWithObject: true })));
  return greyTiff(Array.from({ length: pages }, (_, i) => ({ width: raws[i % raws.length]!.info.width, height: raws[i % raws.length]!.info.height, data: raws[i % raws.length]!.data })));
}

async function run(label: string, data: Uint8Array, stop: boolean): Promise<void> {
  let read = 0;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await ingestImage(data, { ocr: pool, noiseStopPages: stop ? undefined : 0, onPage: () => read++ });
  const used = process.cpuUsage(cpu);
  const text = r.pages.filter(readsText).length;
  const stopped = r.diagnostics.some((d) => d.ruleId === 'ocr/noise-stopped');
  console.log(`${label.padEnd(28)} stop ${stop ? 'on ' : 'off'}  pages read ${String(read).padStart(3)}  reading text ${String(text).padStart(3)}  ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s  CPU ${((used.user + used.system) / 1e6).toFixed(1).padStart(5)} s${stopped ? '  ocr/noise-stopped' : ''}`);
}

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const noise = noiseTiff(noisePages, 1240, 1754, 3);
const real = await realTiff(realPages);
await run(`noise TIFF, ${noisePages} pages`, noise, true);
await run(`noise TIFF, ${noisePages} pages`, noise, false);
await run(`text TIFF, ${realPages} pages`, real, true);
await run(`text TIFF, ${realPages} pages`, real, false);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await pool.terminate();
