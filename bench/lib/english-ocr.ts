/** `tesseract -l eng` (and `-l vie`) of a page image, kept in a work folder by the image's hash (bench:real, bench:eng-real-errors, bench:eng-heldout). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Debian binary's reading of the image with `lang`, cached as `<id>.<hash>.<lang>.txt`. */
function tesseractCached(work: string, id: string, image: Uint8Array, lang: 'eng' | 'vie'): string {
  const hash = createHash('sha1').update(image).digest('hex').slice(0, 12);
  const out = join(work, `${id}.${hash}.${lang}.txt`);
  if (existsSync(out)) return readFileSync(out, 'utf8');
  const img = join(work, `${id}.${hash}.img`);
  if (!existsSync(img)) writeFileSync(img, image);
  const text = execFileSync('tesseract', [img, 'stdout', '-l', lang], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString().normalize('NFC');
  writeFileSync(out, text);
  return text;
}

export const englishOcrCached = (work: string, id: string, image: Uint8Array): string => tesseractCached(work, id, image, 'eng');

/** The reference of the outside sets, which have no ground truth: their raw vie reading. */
export const vieOcrCached = (work: string, id: string, image: Uint8Array): string => tesseractCached(work, id, image, 'vie');
