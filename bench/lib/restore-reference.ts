/**
 * Byte-identity check for restoration speed work: every devset input restored in each of the
 * modes the pipeline uses (stripped, English OCR, Vietnamese-model OCR of the scans, auto on all
 * of them and on the clean texts), written once from a reference build (BENCH_WRITE_REFERENCE=1,
 * e.g. on main) into bench/.work/restore-reference/ and compared with the current code later.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RestoreInput } from '../../src/core/restore/index.js';

/** One named set: its documents' outputs joined with headers. */
export type Outputs = Record<string, string>;

type Restorer = (text: string, input: RestoreInput) => string;

/** Outputs of every reference set; `sets` restricts them (all when absent). */
export function devsetOutputs(devset: string, restore: Restorer, sets?: readonly string[]): Outputs {
  const ids = readdirSync(join(devset, 'docs')).filter((f) => /^\d+\.txt$/.test(f)).map((f) => f.slice(0, -4)).sort();
  const scans = readdirSync(join(devset, 'scans')).sort();
  const inputs: Record<string, [string, string][]> = {
    stripped: ids.map((id) => [id, readFileSync(join(devset, 'stripped', `${id}.txt`), 'utf8')]),
    'eng-ocr': ids.map((id) => [id, readFileSync(join(devset, 'eng-ocr', `${id}.txt`), 'utf8')]),
    'vie-ocr': scans.map((d) => [d, readFileSync(join(devset, 'scans', d, 'ocr.vie.txt'), 'utf8')]),
    clean: ids.map((id) => [id, readFileSync(join(devset, 'docs', `${id}.txt`), 'utf8')]),
  };
  const modes: [string, string, RestoreInput][] = [
    ['stripped', 'stripped', 'stripped'], ['eng-ocr', 'eng-ocr', 'ocr'], ['vie-ocr', 'vie-ocr', 'vie-ocr'],
    ['stripped-auto', 'stripped', 'auto'], ['eng-ocr-auto', 'eng-ocr', 'auto'], ['vie-ocr-auto', 'vie-ocr', 'auto'], ['clean-auto', 'clean', 'auto'],
  ];
  const out: Outputs = {};
  for (const [name, from, input] of modes) {
    if (sets && !sets.includes(name)) continue;
    out[name] = inputs[from]!.map(([id, text]) => `### ${id}\n${restore(text, input)}`).join('\n');
  }
  return out;
}

export function writeReference(dir: string, outputs: Outputs): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(outputs)) writeFileSync(join(dir, `${name}.txt`), text);
}

/** Per set: 'identical', 'no reference', or how many documents differ (and the first one). */
export function compareWithReference(dir: string, outputs: Outputs): { name: string; verdict: string; same: boolean | undefined }[] {
  return Object.entries(outputs).map(([name, text]) => {
    const file = join(dir, `${name}.txt`);
    if (!existsSync(file)) return { name, verdict: 'no reference', same: undefined };
    const ref = readFileSync(file, 'utf8');
    if (ref === text) return { name, verdict: 'byte-identical', same: true };
    const a = ref.split(/^### /m), b = text.split(/^### /m);
    const differing = a.map((d, i) => (d === b[i] ? '' : d.slice(0, d.indexOf('\n')))).filter((x) => x !== '');
    return { name, verdict: `DIFFERS in ${differing.length} document(s), first ${differing[0] ?? '?'}`, same: false };
  });
}
