/** A file's SHA-256 in lower-case hex, streamed: batch tables and scans may be hundreds of MB. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function fileSha256(path: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}
