/**
 * Byte-identity check for restoration speed work: every devset input restored in each of the
 * modes the pipeline uses (stripped, English OCR, Vietnamese-model OCR of the scans, auto on all
 * of them and on the clean texts), written once from a reference build (BENCH_WRITE_REFERENCE=1,
 * on the commit before the work) into bench/.work/restore-reference/ and compared with the
 * current code later. Two files per set: the restored text, and every word's restored form,
 * confidence (17 significant digits), decoder confidence and alternatives, with a mark on the
 * words the review list would take (confidence below the calibration's threshold for the mode).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RestoreInput, RestoreResult } from '../../src/core/restore/index.js';

/** One named set: its documents' outputs joined with headers; `words` the per-word lines. */
export type Outputs = Record<string, { text: string; words: string }>;

type Restorer = (text: string, input: RestoreInput) => RestoreResult;
/** The review threshold for a decode mode (stage.ts reviewThreshold). */
type Threshold = (kind: string) => number;

/** The sets, in the order they are written and compared. */
export const REFERENCE_SETS = ['stripped', 'eng-ocr', 'vie-ocr', 'stripped-auto', 'eng-ocr-auto', 'vie-ocr-auto', 'clean-auto'] as const;

/** Outputs of every reference set; `sets` restricts them (all when absent). */
export function devsetOutputs(devset: string, restore: Restorer, threshold: Threshold, sets?: readonly string[]): Outputs {
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
    const texts: string[] = [], words: string[] = [];
    for (const [id, text] of inputs[from]!) {
      const r = restore(text, input);
      const below = threshold(input === 'vie-ocr' ? 'vie-ocr' : r.mode);
      texts.push(`### ${id}\n${r.text}`);
      words.push(`### ${id}\n` + r.tokens.map((t) =>
        `${t.start}\t${t.restored}\t${t.confidence.toPrecision(17)}\t${t.decoderConfidence?.toPrecision(17) ?? '-'}\t${t.alternatives.join('|')}${t.confidence < below ? '\tREVIEW' : ''}\n`).join(''));
    }
    out[name] = { text: texts.join('\n'), words: words.join('') };
  }
  return out;
}

export function writeReference(dir: string, outputs: Outputs): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, o] of Object.entries(outputs)) {
    writeFileSync(join(dir, `${name}.txt`), o.text);
    writeFileSync(join(dir, `${name}.words.tsv`), o.words);
  }
}

/**
 * Per set: 'byte-identical' (text and every word's confidence, alternatives and review mark),
 * 'no reference', or what differs: documents whose text differs, and for the word lines whether
 * only confidences moved (the largest change) with the review list unchanged.
 */
export function compareWithReference(dir: string, outputs: Outputs): { name: string; verdict: string; same: boolean | undefined }[] {
  return Object.entries(outputs).map(([name, o]) => {
    const file = join(dir, `${name}.txt`), wordsFile = join(dir, `${name}.words.tsv`);
    if (!existsSync(file) || !existsSync(wordsFile)) return { name, verdict: 'no reference', same: undefined };
    const ref = readFileSync(file, 'utf8');
    if (ref !== o.text) {
      const a = ref.split(/^### /m), b = o.text.split(/^### /m);
      const differing = a.map((d, i) => (d === b[i] ? '' : d.slice(0, d.indexOf('\n')))).filter((x) => x !== '');
      return { name, verdict: `text DIFFERS in ${differing.length} document(s), first ${differing[0] ?? '?'}`, same: false };
    }
    const refWords = readFileSync(wordsFile, 'utf8');
    if (refWords === o.words) return { name, verdict: 'byte-identical (text, confidences, alternatives, review)', same: true };
    const a = refWords.split('\n'), b = o.words.split('\n');
    if (a.length !== b.length) return { name, verdict: `text identical; word lists DIFFER (${a.length} vs ${b.length} lines)`, same: false };
    let maxDiff = 0, other = 0, review = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      const x = a[i]!.split('\t'), y = b[i]!.split('\t');
      if (x[0] !== y[0] || x[1] !== y[1] || x[4] !== y[4]) other++;
      if ((x[5] ?? '') !== (y[5] ?? '')) review++;
      maxDiff = Math.max(maxDiff, Math.abs(Number(x[2]) - Number(y[2])), Math.abs(Number(x[3]) - Number(y[3])) || 0);
    }
    const same = other === 0 && review === 0;
    return { name, verdict: `text identical; confidences move by ≤ ${maxDiff.toExponential(1)}, review list ${review ? `DIFFERS at ${review} words` : 'unchanged'}${other ? `, ${other} words DIFFER otherwise` : ''}`, same };
  });
}
