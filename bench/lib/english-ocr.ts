/** `tesseract -l eng` of a page image, kept in a work folder by the image's hash (bench:real, bench:eng-real-errors). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function englishOcrCached(work: string, id: string, image: Uint8Array): string {
  const hash = createHash('sha1').update(image).digest('hex').slice(0, 12);
  const out = join(work, `${id}.${hash}.eng.txt`);
  if (existsSync(out)) return readFileSync(out, 'utf8');
  const img = join(work, `${id}.${hash}.img`);
  writeFileSync(img, image);
  const text = execFileSync('tesseract', [img, 'stdout', '-l', 'eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString().normalize('NFC');
  writeFileSync(out, text);
  return text;
}
