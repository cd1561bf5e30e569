/** A converted sample for the review tests: the Ngọc Kỳ report (English-model OCR text) run through a real batch. */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run.js';
import type { Format } from '../../src/emit/formats.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const NAME = 'bao-cao-ngoc-ky.ocr.txt';

export interface Converted {
  dir: string;
  out: string;
  remove: () => Promise<void>;
}

export async function convertedSample(formats: Format[] = ['json', 'txt']): Promise<Converted> {
  const dir = await mkdtemp(join(tmpdir(), 'baocao-review-'));
  await copyFile(join(ROOT, 'fixtures', NAME), join(dir, NAME));
  const out = join(dir, 'out');
  const summary = await runBatch([join(dir, NAME)], { outDir: out, formats, resume: false, restore: true, fsync: false }, 1);
  if (summary.converted !== 1) throw new Error(`the sample did not convert: ${JSON.stringify(summary.rows)}`);
  return { dir, out, remove: () => rm(dir, { recursive: true, force: true }) };
}
