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
import { noiseTiff } from '../test/ingest/noise-tiff.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const noisePages = Number(arg('--noise') ?? 30);
const realPages = Number(arg('--real') ?? 24);
const pool = createOcrEngine({ engine: (arg('--engine') ?? 'native') as 'native' | 'wasm', jobs: 2 });

/** An uncompressed multi-page grey TIFF of the fixtures' text pages, repeated to `pages`. */
async function realTiff(pages: number): Promise<Uint8Array> {
  const sources = ['pages-2p.tif', 'page2.jpg'].map((f) => readFileSync(new URL(`../fixtures/scans/${f}`, import.meta.url)));
  const raws = await Promise.all(sources.map((s) => sharp(s).greyscale().raw().toBuffer({ resolveWithObject: true })));
  const list = Array.from({ length: pages }, (_, i) => raws[i % raws.length]!);
  const entries = 8, ifdBytes = 2 + entries * 12 + 4;
  const size = 8 + list.reduce((a, r) => a + ifdBytes + r.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  let at = 8;
  list.forEach((r, p) => {
    const { width, height } = r.info;
    const data = at + ifdBytes;
    const tags: [number, number, number][] = [[256, 4, width], [257, 4, height], [258, 3, 8], [259, 3, 1], [262, 3, 1], [273, 4, data], [278, 4, height], [279, 4, r.data.length]];
    view.setUint16(at, entries, true);
    tags.forEach(([tag, type, value], k) => {
      const e = at + 2 + k * 12;
      view.setUint16(e, tag, true);
      view.setUint16(e + 2, type, true);
      view.setUint32(e + 4, 1, true);
      if (type === 3) view.setUint16(e + 8, value, true);
      else view.setUint32(e + 8, value, true);
    });
    const next = data + r.data.length;
    view.setUint32(at + 2 + entries * 12, p + 1 < list.length ? next : 0, true);
    out.set(r.data, data);
    at = next;
  });
  return out;
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
