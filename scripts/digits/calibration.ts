/**
 * How calibrated a pen-digit model's confidences are (session 15): the pipeline fills a field when
 * every digit reads at ≥ 0.6 (src/core/segment/fill-ins.ts), so a digit read at 0.6–0.75 should
 * be right about that often, and digits read wrong at ≥ 0.6 are the wrong fills to keep near 0.
 * Reported by scripts/build-digits.ts on held-out MNIST digits as given and as scanned pen glyphs.
 */
import { classify, type DigitModel } from '../../src/ingest/pen/digit-model.js';

export interface Labelled { x: Float32Array | null; digit: number }

const BINS = [0, 0.3, 0.6, 0.75, 0.9, 1.0001];
const FILL = 0.6;

function table(model: DigitModel, set: readonly Labelled[]) {
  const bins = BINS.slice(0, -1).map(() => ({ n: 0, right: 0, conf: 0 }));
  let right = 0, wrongAtFill = 0, filled = 0;
  for (const s of set) {
    if (!s.x) continue;
    const g = classify(model, s.x);
    const ok = g.digit === s.digit;
    if (ok) right++;
    if (g.confidence >= FILL) { filled++; if (!ok) wrongAtFill++; }
    const b = BINS.findIndex((lo, i) => g.confidence >= lo && g.confidence < BINS[i + 1]!);
    bins[b]!.n++;
    bins[b]!.conf += g.confidence;
    if (ok) bins[b]!.right++;
  }
  const n = set.length;
  const text = bins.map((b, i) => `[${BINS[i]}, ${Math.min(1, BINS[i + 1]!)}) ${b.right}/${b.n}${b.n ? ` (${((b.right / b.n) * 100).toFixed(0)} % right, mean confidence ${((b.conf / b.n) * 100).toFixed(0)} %)` : ''}`).join('; ');
  return { accuracy: right / n, wrongAtFill, filled, text };
}

export function calibrationReport(model: DigitModel, clean: readonly Labelled[], scanned: readonly Labelled[]) {
  const a = table(model, clean), b = table(model, scanned);
  return {
    scannedAccuracy: +b.accuracy.toFixed(4),
    wrongAtFill: { clean: a.wrongAtFill, scanned: b.wrongAtFill },
    text: [
      `held-out MNIST as given: ${(a.accuracy * 100).toFixed(2)} % right; read at ≥ ${FILL}: ${a.filled}, of them wrong ${a.wrongAtFill}; by confidence ${a.text}`,
      `held-out MNIST distorted and scanned: ${(b.accuracy * 100).toFixed(2)} % right; read at ≥ ${FILL}: ${b.filled}, of them wrong ${b.wrongAtFill}; by confidence ${b.text}`,
    ].join('\n'),
  };
}
