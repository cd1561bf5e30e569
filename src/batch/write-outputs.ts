/**
 * A document's outputs written, then its manifest. The manifest records each output's size and
 * SHA-256, and --resume takes a document as done only when its outputs still match them: after a
 * power loss an output the disk never received (empty, cut short, or gone) is converted again,
 * so the outputs themselves need no fsync. The manifest is fsync'd with its folder (unless
 * --no-fsync), so a document reported done stays done.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from './atomic.js';
import { writeErrorMessage } from './fs-errors.js';
import { writeManifest, type Manifest, type OutputFile } from './manifest.js';

/**
 * A file-system error is the document's error (said with what to do, see fs-errors.ts): the
 * outputs it did write are removed, so no half set is left that looks complete, and no manifest
 * is written, so --resume converts it again. Returns that message, or null when all went well.
 */
export function writeDocumentOutputs(
  outDir: string,
  outputs: [rel: string, data: string | Uint8Array][],
  durable: boolean,
  manifest: (files: OutputFile[]) => Manifest,
  name: string,
): string | null {
  const written: string[] = [];
  const files: OutputFile[] = [];
  let current = '';
  try {
    for (const [rel, data] of outputs) {
      current = rel;
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      const target = join(outDir, ...rel.split('/'));
      writeAtomic(outDir, target, bytes);
      written.push(target);
      files.push({ path: rel, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    current = 'its manifest under .baocao/done';
    writeManifest(outDir, name, manifest(files), { durable });
    return null;
  } catch (e) {
    for (const target of written) rmSync(target, { force: true });
    return writeErrorMessage(e, current);
  }
}
