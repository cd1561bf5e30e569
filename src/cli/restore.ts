/**
 * `baocao restore [file|-]`: the restored text, line for line, or the tokens with --json. It runs
 * the same pipeline as `convert` (restoration, structure, then table cells written back), so both
 * commands give the same restored text for the same file.
 */
import { stat, readFile } from 'node:fs/promises';
import type { EncodingName } from '../core/encoding/index.js';
import { detectKind, runPipeline } from '../pipeline/index.js';
import type { RestoreInput } from '../core/restore/index.js';
import { loadModel } from '../model/load.js';
import { useShortProcessFlags } from './short-process.js';

export async function runRestore(file: string, o: { json: boolean; input: RestoreInput; encoding?: EncodingName; adapt?: string }): Promise<number> {
  let bytes: Uint8Array;
  try {
    if (file !== '-' && (await stat(file)).isDirectory()) {
      process.stderr.write(`baocao: ${file}: is a folder; restore reads one text file (use 'baocao convert ${file}' for a folder)\n`);
      return 2;
    }
    bytes = file === '-' ? await readStdin() : await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`baocao: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied: check that you may read it' : (e as Error).message}\n`);
    return 1;
  }
  const path = file === '-' ? 'stdin.txt' : file;
  const kind = detectKind(bytes, path);
  if (kind !== 'text' && kind !== 'word') {
    process.stderr.write(`baocao: ${file}: restore reads text and Word files; for a ${kind === 'pdf' ? 'PDF' : 'scanned image'} use 'baocao convert' (the restored text is text.restored in its JSON)\n`);
    return 2;
  }
  let model;
  try {
    model = loadModel();
  } catch (e) {
    process.stderr.write(`baocao: ${(e as Error).message}\n`);
    return 1;
  }
  // A one-document process: optimize only what turns out hot (short-process.ts).
  useShortProcessFlags();
  let adaptation;
  try {
    // The adaptation file's checker (zod) is loaded only when one is given.
    adaptation = o.adapt === undefined ? undefined : (await import('../model/adaptation-file.js')).loadAdaptation(o.adapt, model);
  } catch (e) {
    process.stderr.write(`baocao: ${(e as Error).message}\n`);
    return 2;
  }
  const doc = await runPipeline({ path, data: bytes }, { encoding: o.encoding, restore: { model, input: o.input, keepTokens: o.json, adaptation }, segment: {} });
  const errors = doc.diagnostics.filter((d) => d.severity === 'error');
  for (const d of doc.diagnostics) if (d.severity === 'error' || d.ruleId.startsWith('encoding/')) process.stderr.write(`baocao: ${file}: ${d.ruleId}: ${d.message}\n`);
  if (doc.restored === undefined || (errors.length && doc.pages.length === 0)) return 1;
  process.stdout.write(o.json ? JSON.stringify({ mode: doc.restoreMode, text: doc.restored, tokens: doc.restoreTokens ?? [] }, null, 2) + '\n' : doc.restored);
  return errors.length ? 1 : 0;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
