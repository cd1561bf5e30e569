/**
 * `convert -` and `-o -`: one document through standard input and output, for pipes
 * (`cat report.txt | baocao convert - --format txt -o -`). The same conversion and writers as a
 * batch; only where the bytes come from and go to differ.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchSettings } from '../batch/convert-file.js';
import { convertOne } from '../batch/convert-one.js';
import type { Format } from '../emit/formats.js';

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * Standard input kept as a file in a fresh temporary folder, so a batch reads it like any other
 * input; named by `name` (its extension is a hint for the kind) or by its content hash.
 */
export async function stdinAsFile(data: Uint8Array, name?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'baocao-stdin-'));
  const safe = (name ?? `stdin-${createHash('sha256').update(data).digest('hex').slice(0, 12)}.txt`).replace(/[/\\\0]/g, '_');
  const path = join(dir, safe);
  await writeFile(path, data);
  return path;
}

/** Converts one input and writes one format to `out`; returns the exit code (0 ok, 1 failed or partial). */
export async function convertToStdout(input: { path: string; data: Uint8Array }, format: Format, settings: BatchSettings, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const one = await convertOne(input, format, settings);
  if (one.body !== null) out.write(one.body);
  if (one.status !== 'ok') process.stderr.write(`baocao: ${input.path}: ${one.error}\n`);
  return one.status === 'ok' ? 0 : 1;
}
