import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import type { PenReading } from '../../../src/core/segment/fill-ins.js';
import type { ESignature } from '../../../src/core/segment/e-signatures.js';
import { dateFromSigning, gapPrior, signingDay, signingDays } from '../../../src/core/segment/signing-date.js';
import { metaSchema } from '../../../src/core/segment/schema.js';
import { PenFillSchema } from '../../../src/core/schema.js';

/** A made-up provincial letter whose date line (line 3) has its day written by pen. */
const letter = (date: string) => linesFromText([
  'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH BÌNH AN  Độc lập - Tự do - Hạnh phúc',
  `Số: 31/BC-UBND  Bình An, ${date}`,
  'BÁO CÁO',
  'Kết quả thực hiện kế hoạch',
  '',
  '1. Các sở thực hiện.',
].join('\n'));

const signature = (time: string | null): ESignature => ({ signer: 'Ủy ban nhân dân tỉnh Bình An', signerIsPerson: false, organization: null, email: null, time, source: 'pdf-signature', page: 1 });

/** A pen reading of line 3 with each glyph's probabilities of 0–9 (`tops`: digit → probability, the rest spread). */
const pen = (field: PenReading['field'], tops: Record<number, number>[]): PenReading => {
  const digitProbs = tops.map((t) => Array.from({ length: 10 }, (_, d) => t[d] ?? +((1 - Object.values(t).reduce((a, b) => a + b, 0)) / (10 - Object.keys(t).length)).toFixed(3)));
  const digits = digitProbs.map((p) => p.indexOf(Math.max(...p))).join('');
  return { page: 1, line: 3, field, digits, confidence: digitProbs.map((p) => Math.max(...p)), ink: 'blue', scale: 1.4, digitProbs };
};

const read = (date: string, readings: PenReading[], signed: ESignature[]) => {
  const { structure, diagnostics } = segmentLines(letter(date), { fromOcr: true, pen: readings, pdfSignatures: signed });
  const m = structure.meta;
  return { date: m.date, uncertain: m.uncertain, source: m.dateSource, suggestion: m.dateSuggestion?.date ?? null, rules: diagnostics.map((d) => d.ruleId) };
};

describe('the day a document was e-signed', () => {
  it('is the day on Vietnam\'s clock, whatever zone the time was written in', () => {
    assert.equal(signingDay('2025-03-27T10:15:23+07:00'), '2025-03-27');
    assert.equal(signingDay('2025-03-26T20:00:00Z'), '2025-03-27');
    assert.equal(signingDay('2025-03-27T01:00:00+09:00'), '2025-03-26');
    assert.equal(signingDay('2025-03-27'), '2025-03-27');
    assert.equal(signingDay('27.03.2O25 10:15'), null);
  });

  it('is taken first and last over the signatures, those without a readable time left out', () => {
    const days = signingDays([signature('2025-02-10T07:20:13+07:00'), signature(null), signature('2025-02-07T17:12:11+07:00')]);
    assert.deepEqual([days?.first.day, days?.last.day], ['2025-02-07', '2025-02-10']);
    assert.equal(signingDays([signature(null)]), null);
  });

  it('never weighs a date after the signing, and weighs the same day most', () => {
    assert.equal(gapPrior(-1), 0);
    for (let g = 0; g < 40; g++) assert.ok(gapPrior(g) > gapPrior(g + 1), String(g));
  });
});

describe('a handwritten day weighed with the e-signing day', () => {
  const signed = [signature('2025-03-21T16:41:00+07:00'), signature('2025-03-24T08:00:00+07:00')];

  it('chooses among the pen\'s readings the one on or before the first signature, filled and still uncertain', () => {
    // "20" whose second glyph the model takes for a 9 (after the signing), with 0 next.
    const m = read('ngày ØÄ tháng 3 năm 2025', [pen('day', [{ 2: 0.97 }, { 9: 0.5, 0: 0.4 }])], signed);
    assert.deepEqual([m.date, m.uncertain, m.source, m.suggestion], ['2025-03-20', ['date'], 'pen+e-signature', null]);
    assert.ok(m.rules.includes('segment/handwritten-date'), m.rules.join());
  });

  it('offers the signing day, not read, when the pen gives no reading that fits (a glyph lost)', () => {
    // "11" read as one "1" (its first glyph ran into the label, so the pen reader is unsure of it):
    // the 1st, three weeks before the signing, is no likelier than no reading.
    const m = read('ngày ØÄ tháng 3 năm 2025', [{ ...pen('day', [{ 1: 0.99 }]), confidence: [0.5] }], signed);
    assert.deepEqual([m.date, m.uncertain, m.source, m.suggestion], [null, ['date'], undefined, '2025-03-21']);
    assert.ok(m.rules.includes('segment/date-suggested') && m.rules.includes('segment/uncertain-date'), m.rules.join());
    // Nothing the pen read at all: the same offer.
    assert.equal(read('ngày ØÄ tháng 3 năm 2025', [], signed).suggestion, '2025-03-21');
  });

  it('offers nothing the print or a sure pen reading contradicts', () => {
    assert.equal(read('ngày ØÄ tháng 2 năm 2025', [], signed).suggestion, null, 'printed month');
    assert.equal(read('ngày ØÄ tháng 3 năm 2024', [], signed).suggestion, null, 'printed year');
    assert.equal(read('ngày ØÄ tháng ÂÚ năm 2025', [pen('month', [{ 2: 0.99 }])], signed).suggestion, null, 'sure pen month');
  });

  it('does not fill a handwritten date after the signing, and flags a date read as text after every signature', () => {
    const m = read('ngày ØÄ tháng 3 năm 2025', [pen('day', [{ 2: 0.97 }, { 9: 0.97 }])], signed);
    assert.deepEqual([m.date, m.uncertain], [null, ['date']]);
    assert.ok(m.rules.includes('segment/date-after-signing'), m.rules.join());
    // A sure "29" after the signing on the 21st, its second glyph a 0 next likeliest: chosen again.
    const again = read('ngày ØÄ tháng 3 năm 2025', [pen('day', [{ 2: 0.97 }, { 9: 0.7, 0: 0.25 }])], signed);
    assert.deepEqual([again.date, again.uncertain, again.source], ['2025-03-20', ['date'], 'pen+e-signature']);
    assert.ok(again.rules.includes('segment/date-after-signing'), again.rules.join());
    // Printed text is bounded by the last signature (the clerk's stamp may follow the signer).
    assert.deepEqual(read('ngày 22 tháng 3 năm 2025', [], signed).date, '2025-03-22');
    const late = read('ngày 25 tháng 3 năm 2025', [], signed);
    assert.deepEqual([late.date, late.uncertain], ['2025-03-25', ['date']]);
    assert.ok(late.rules.includes('segment/date-after-signing'), late.rules.join());
  });

  it('flags a legible date where the pen wrote that lies weeks before the signing, kept as read', () => {
    const late = [signature('2025-03-27T09:00:00+07:00')];
    // OCR read the pen's "27" as a clear "02"; the pen reader agrees with OCR, so nothing disputed it.
    const m = read('ngày 02 tháng 3 năm 2025', [pen('day', [{ 0: 0.7 }, { 2: 0.8 }])], late);
    assert.deepEqual([m.date, m.uncertain, m.source], ['2025-03-02', ['date'], 'text']);
    assert.ok(m.rules.includes('segment/date-far-before-signing'), m.rules.join());
    // Printed digits (no pen ink on the line), or a date a few days before the signing: not flagged.
    assert.deepEqual(read('ngày 02 tháng 3 năm 2025', [], late).uncertain, []);
    assert.deepEqual(read('ngày 24 tháng 3 năm 2025', [pen('day', [{ 2: 0.9 }, { 4: 0.9 }])], late).uncertain, []);
  });

  it('writes its fields as the schema says', () => {
    for (const readings of [[pen('day', [{ 2: 0.97 }, { 9: 0.5, 0: 0.4 }])], []]) {
      const { structure } = segmentLines(letter('ngày ØÄ tháng 3 năm 2025'), { fromOcr: true, pen: readings, pdfSignatures: signed });
      const parsed = metaSchema.parse(structure.meta);
      assert.ok(parsed.dateSource === 'pen+e-signature' || parsed.dateSuggestion?.source === 'e-signature');
      for (const r of readings) assert.deepEqual(PenFillSchema.parse(r).digitProbs, r.digitProbs);
    }
  });

  it('leaves a document without e-signatures as it was', () => {
    const m = read('ngày ØÄ tháng 3 năm 2025', [pen('day', [{ 2: 0.97 }, { 9: 0.5, 0: 0.4 }])], []);
    assert.deepEqual([m.date, m.source, m.suggestion], [null, undefined, null]);
    assert.equal(read('ngày 20 tháng 3 năm 2025', [], []).source, undefined);
    assert.equal(read('ngày 20 tháng 3 năm 2025', [], signed).source, 'text');
  });

  it('reads a pen reading saved without per-glyph probabilities by its digits\' confidences', () => {
    const d = dateFromSigning({ date: null, uncertain: true, dateText: 'ngày ØÄ tháng 3 năm 2025', pen: [{ page: 1, line: 3, field: 'day', digits: '21', confidence: [0.97, 0.55], ink: 'blue' }] }, signed);
    assert.deepEqual([d.kind, d.kind === 'chosen' ? d.iso : null], ['chosen', '2025-03-21']);
  });
});
