/** `baocao restore [file|-]`: the restored text, line for line, or the tokens with --json. */
import { readFile } from 'node:fs/promises';
import { decodeText, type EncodingName } from '../core/encoding/index.js';
import { restore, type RestoreInput } from '../core/restore/index.js';
import { loadModel } from '../model/load.js';

export async function runRestore(file: string, o: { json: boolean; input: RestoreInput; encoding?: EncodingName }): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readStdin() : await readFile(file);
  } catch (e) {
    process.stderr.write(`baocao: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return 1;
  }
  const decoded = decodeText(bytes, { encoding: o.encoding });
  for (const d of decoded.diagnostics) process.stderr.write(`baocao: ${file}: ${d.severity}: ${d.message}\n`);
  if (decoded.diagnostics.some((d) => d.severity === 'error')) return 1;
  let model;
  try {
    model = loadModel();
  } catch (e) {
    process.stderr.write(`baocao: ${(e as Error).message}\n`);
    return 1;
  }
  const result = restore(decoded.text, { model, input: o.input });
  process.stdout.write(o.json ? JSON.stringify({ mode: result.mode, text: result.text, tokens: result.tokens }, null, 2) + '\n' : result.text);
  return 0;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
