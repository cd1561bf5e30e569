/**
 * A document's outputs written, then its record (manifest and stored rows) appended to the batch
 * log. The manifest records each output's size and SHA-256, and --resume takes a document as done
 * only when its outputs still match them: after a power loss an output the disk never received
 * (empty, cut short, or gone) is converted again, so the outputs themselves need no fsync. The
 * log is fsync'd (unless --no-fsync; in groups by the batch pool), so a document reported done
 * stays done.
 */
import { hash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from './atomic.js';
import { writeErrorMessage } from './fs-errors.js';
import type { OutputFile } from './manifest.js';

/**
 * A file-system error is the document's error (said with what to do, see fs-errors.ts): the
 * outputs it did write are removed, so no half set is left that looks complete, and no record
 * is written, so --resume converts it again. `commit` appends the record once every output is
 * written. Returns the error message, or null when all went well.
 */
export function writeDocumentOutputs(
  outDir: string,
  outputs: [rel: string, data: string | Uint8Array][],
  commit: (files: OutputFile[]) => void,
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
      files.push({ path: rel, bytes: bytes.byteLength, sha256: hash('sha256', bytes, 'hex') });
    }
    current = 'its record under .baocao/log';
    commit(files);
    return null;
  } catch (e) {
    for (const target of written) rmSync(target, { force: true });
    return writeErrorMessage(e, current);
  }
}
