/**
 * A request body sent compressed (`Content-Encoding: gzip`, `deflate` or `br`, as `curl
 * --compressed`-style clients and proxies send uploads): read through zlib before the document is
 * taken from it. The body limit holds for the DECOMPRESSED bytes, checked as they come, so a zip
 * bomb (a few KB inflating to gigabytes) is stopped at the limit with 413, not held in memory;
 * data that is not what its encoding says is 400. Read as they were, the compressed bytes were
 * converted as if they were the document's own text.
 */
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';

/** The encodings read, by their Content-Encoding name. */
const DECODERS: Record<string, () => Gunzip | ReturnType<typeof createBrotliDecompress>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export const BODY_ENCODINGS = ['gzip', 'deflate', 'br'] as const;

export class BodyEncodingError extends Error {
  constructor(message: string, readonly statusCode: number) {
    super(message);
  }
}

/**
 * The body stream to read: `payload` itself when it is not encoded, else it decoded, within `limit`
 * decoded bytes. Throws a 415 BodyEncodingError for an encoding not read here.
 */
export function decodedBody(payload: Readable, contentEncoding: string | string[] | undefined, limit: number): Readable {
  const names = [contentEncoding ?? ''].flat().join(',').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s && s !== 'identity');
  if (!names.length) return payload;
  const make = names.length === 1 ? DECODERS[names[0]!] : undefined;
  if (!make) throw new BodyEncodingError(`Content-Encoding ${names.join(', ')} is not read here: send the body as it is, or compressed once with ${BODY_ENCODINGS.join(', ')}`, 415);
  const decoder = make();
  const counted = decoder as typeof decoder & { receivedEncodedLength: number };
  // What fastify compares with Content-Length, and checks against the limit too.
  counted.receivedEncodedLength = 0;
  let decoded = 0;
  payload.on('data', (chunk: Buffer) => { counted.receivedEncodedLength += chunk.length; });
  decoder.on('data', (chunk: Buffer) => {
    decoded += chunk.length;
    if (decoded > limit) {
      payload.unpipe(decoder);
      payload.resume(); // the rest is read and dropped, not decompressed
      decoder.destroy(new BodyEncodingError(`the body is over the limit of ${limit} bytes once decompressed`, 413));
    }
  });
  payload.on('error', (e) => decoder.destroy(e));
  const name = names[0]!;
  decoder.on('error', (e: Error & { statusCode?: number }) => {
    if (e instanceof BodyEncodingError || e.statusCode) return;
    Object.assign(e, { statusCode: 400, message: `the body is not valid ${name} data (${e.message}): compress it again, or send it uncompressed` });
  });
  return payload.pipe(decoder);
}
