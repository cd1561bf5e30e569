/**
 * How long `baocao serve`'s main thread is held while a 144-megapixel scan converts: this tree
 * beside BENCH_BASE's src (default the session's start), each in this process in turn. A page of
 * 12,000 × 12,000 pixels with lines of word blocks turned 2° (so it is deskewed) is posted, and
 * meanwhile /healthz is asked every 20 ms; the figures are the main thread's longest event-loop
 * delay (perf_hooks), the time it was busy (event-loop utilisation's active time: its callbacks,
 * the /healthz poller's own included, so it grows with the requests asked) and /healthz's slowest
 * answer (asked from this process, so a request asked after a block does not count the block). Tesseract is a
 * stand-in that reads one word at once, so what is measured is the image work, not OCR.
 * Wall-clock figures under load: quote the load average printed beside them; process CPU counts
 * every thread of this process (not the stand-in's processes).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { baseSource } from './lib/base-source.js';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, 'bench', '.work', 'serve-event-loop');
mkdirSync(work, { recursive: true });
const SIDE = 12_000;

async function bigScan(): Promise<Buffer> {
  const file = join(work, `page-${SIDE}.png`);
  if (existsSync(file)) return readFileSync(file);
  // Lines of dark word blocks on white, as a text page's ink, then turned 2°.
  const rects: string[] = [];
  for (let y = 900; y < SIDE - 900; y += 260) {
    for (let x = 900; x < SIDE - 900;) {
      const w = 200 + ((x * 7 + y * 13) % 700);
      rects.push(`<rect x="${x}" y="${y}" width="${w}" height="110" fill="#222"/>`);
      x += w + 120;
    }
  }
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${SIDE}" height="${SIDE}"><rect width="100%" height="100%" fill="#fff"/>${rects.join('')}</svg>`);
  const page = await sharp(svg, { limitInputPixels: false }).greyscale().rotate(2, { background: '#ffffff' }).resize(SIDE, SIDE, { fit: 'cover' }).png({ compressionLevel: 3 }).toBuffer();
  writeFileSync(file, page);
  return page;
}

function standInTesseract(): string {
  const file = join(work, 'tesseract');
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\ncat > /dev/null\nprintf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t50\\t20\\t91.5\\tchữ\\n'\n`);
  chmodSync(file, 0o755);
  return file;
}

type Build = (o: Record<string, unknown>) => Promise<{ listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> }>;

async function measure(label: string, buildServer: Build, page: Buffer): Promise<void> {
  const app = await buildServer({ inFlight: 1, ocrEngine: 'native', timeoutMs: 600_000, bodyLimit: 512 * 1024 * 1024 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  // A first small scan starts the pool and loads sharp, so the big one is measured warm.
  await fetch(`${base}/v1/convert?name=warm.png`, { method: 'POST', body: new Blob([new Uint8Array(readFileSync(join(root, 'fixtures/scans/line.png')))]) }).then((r) => r.arrayBuffer());
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const health: number[] = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  delay.enable();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const res = await fetch(`${base}/v1/convert?name=big.png`, { method: 'POST', body: new Blob([new Uint8Array(page)]) });
  const body = await res.text();
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(elu);
  delay.disable();
  done = true;
  await poll;
  await app.close();
  const deskewed = /ingest\/deskewed/.test(body);
  const slow = health.filter((ms) => ms > 200).length;
  console.log(`${label.padEnd(8)} status ${res.status}${deskewed ? ' (deskewed)' : ''}  conversion ${seconds.toFixed(1)} s (process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)  event-loop delay max ${(delay.max / 1e6).toFixed(0)} ms, main thread busy ${(busy.active / 1000).toFixed(1)} s  /healthz ${health.length} asked, max ${Math.max(...health).toFixed(0)} ms, ${slow} over 200 ms`);
}

const page = await bigScan();
process.env.BAOCAO_TESSERACT = standInTesseract();
const meta = await sharp(page, { limitInputPixels: false }).metadata();
console.log(`scan ${meta.width} × ${meta.height} (${((meta.width! * meta.height!) / 1e6).toFixed(0)} Mpx, ${(page.length / 1e6).toFixed(1)} MB PNG); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const baseRef = process.env.BENCH_BASE ?? '00cc12c';
const baseDir = baseSource(root, baseRef);
const ours = (await import('../src/serve/server.js')).buildServer as unknown as Build;
if (baseDir) await measure(`base`, (await import(join(baseDir, 'src/serve/server.ts'))).buildServer as Build, page);
await measure('ours', ours, page);
if (baseDir) await measure(`base`, (await import(join(baseDir, 'src/serve/server.ts'))).buildServer as Build, page);
await measure('ours', ours, page);
console.log(`load average after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
