/**
 * npm run bench:junk-reread — what reading junk pieces of lines again (src/ingest/ocr/junk-pieces.ts)
 * costs and changes on real scans (../shared/real-scans, every page of every document), beside the
 * page's own OCR in the same run: per page, the pieces read again (psm 7 crops) and their OCR time,
 * the page's first reading's OCR time, and the pieces whose second reading was taken. No cache:
 * every reading is timed (wall time of a worker, so the ratio is the figure on a shared machine).
 *   --ids a,b   --jobs 2   BAOCAO_SHARED=/path/to/shared overrides the data folder.
 * The effect on fields and text is in bench:real (run it with BAOCAO_JUNK_REREAD=0 for the baseline).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { convert } from '../src/pipeline/index.js';
import { createOcrPool, type OcrPool } from '../src/ingest/ocr/pool.js';
import type { DocumentResult } from '../src/core/schema.js';
import { REAL_SCANS, realScanFields, realScanFile } from './lib/real-scans.js';

const { values: args } = parseArgs({ options: { ids: { type: 'string' }, jobs: { type: 'string', default: '2' } } });

interface Call { psm: string; ms: number }

/** `pool`, timing each reading by its segmentation mode. */
function timingPool(pool: OcrPool, calls: Call[]): OcrPool {
  return {
    size: pool.size, terminate: () => pool.terminate(), ...(pool.engine ? { engine: pool.engine } : {}),
    recognize: async (image, o) => {
      const t0 = performance.now();
      const r = await pool.recognize(image, o);
      calls.push({ psm: o?.psm ?? 'page', ms: performance.now() - t0 });
      return r;
    },
  };
}

const ids = realScanFields(args.ids).map((f) => f.id);
const inner = createOcrPool({ jobs: Number(args.jobs) });
console.log(`bench:junk-reread — ${ids.length} documents in ${REAL_SCANS}; ${args.jobs} OCR workers, no cache`);
console.log(`  ${'document'.padEnd(12)} ${'pages'.padStart(5)} ${'pieces'.padStart(6)} ${'taken'.padStart(5)} ${'page OCR s'.padStart(10)} ${'pieces s'.padStart(8)} ${'share'.padStart(6)}  pieces taken (first → second reading)`);
let pages = 0, pieces = 0, taken = 0, pageMs = 0, pieceMs = 0;
try {
  for (const id of ids) {
    const file = realScanFile(id);
    const calls: Call[] = [];
    const result = await convert({ path: file, data: new Uint8Array(readFileSync(file)) }, { restore: false, ingest: { ocr: timingPool(inner, calls) } }) as DocumentResult;
    const fixes = result.diagnostics.filter((d) => d.ruleId === 'ocr/junk-reread' && d.severity === 'info');
    const ocrPages = result.pages.filter((p) => p.method === 'ocr').length;
    const own = calls.filter((c) => c.psm === 'page'), junk = calls.filter((c) => c.psm === '7');
    const ms = (cs: Call[]) => cs.reduce((s, c) => s + c.ms, 0);
    pages += ocrPages; pieces += junk.length; taken += fixes.length; pageMs += ms(own); pieceMs += ms(junk);
    console.log(`  ${id.padEnd(12)} ${String(ocrPages).padStart(5)} ${String(junk.length).padStart(6)} ${String(fixes.length).padStart(5)} ${(ms(own) / 1000).toFixed(2).padStart(10)} ${(ms(junk) / 1000).toFixed(2).padStart(8)} ${(100 * ms(junk) / Math.max(ms(own), 1)).toFixed(1).padStart(5)}%  ${fixes.map((d) => d.message.replace(/^.*alone: /, '')).join(' | ')}`);
  }
} finally {
  await inner.terminate();
}
console.log(`  ${'all'.padEnd(12)} ${String(pages).padStart(5)} ${String(pieces).padStart(6)} ${String(taken).padStart(5)} ${(pageMs / 1000).toFixed(2).padStart(10)} ${(pieceMs / 1000).toFixed(2).padStart(8)} ${(100 * pieceMs / Math.max(pageMs, 1)).toFixed(1).padStart(5)}%`);
console.log(`  per OCR'd page: ${(pieces / Math.max(pages, 1)).toFixed(2)} pieces read again, ${(pieceMs / Math.max(pages, 1)).toFixed(0)} ms against ${(pageMs / Math.max(pages, 1)).toFixed(0)} ms for the page's own reading`);
