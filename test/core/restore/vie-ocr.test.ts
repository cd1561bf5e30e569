import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkingDocument } from '../../../src/core/document.js';
import { restore, type RestoreModel } from '../../../src/core/restore/index.js';
import { restoreStage } from '../../../src/core/restore/stage.js';
import { VieChannel } from '../../../src/core/restore/vie-channel.js';
import { confidenceShift, DEFAULT_VIE_TUNING, vieCandidates } from '../../../src/core/restore/vie-candidates.js';
import { confidenceAt, documentConfidences } from '../../../src/core/restore/vie-confidence.js';
import { learnVieChannel, vieChannelTables } from '../../../scripts/lib/vie-channel-learn.js';
import { tinyModel } from './tiny-model.js';

/** Hand-made Vietnamese-model OCR pairs: mostly right, hỏi read as sắc now and then, ô as o once. */
const PAIRS: [string, string][] = [
  ['Kết quả thực hiện kế hoạch', 'Kết quá thực hiện kế hoạch'],
  ['Báo cáo kết quả công tác', 'Báo cáo kết quả công tác'],
  ['Cán bộ, công chức thực hiện nhiệm vụ', 'Cán bộ, cong chức thực hiện nhiệm vụ'],
  ['Ủy ban nhân dân xã', 'Ủy ban nhân dân xã'],
  ['cải cách hành chính', 'cái cách hành chính'],
  ['Giá cả thị trường tăng', 'Giá cả thị trường tăng'],
];

function vieModel(): RestoreModel {
  const channel = new VieChannel(vieChannelTables(learnVieChannel(PAIRS), { path: 'test' }));
  return { ...tinyModel(), vieChannel: channel };
}

describe('Vietnamese-model OCR channel', () => {
  it('counts tone flips, mark flips and aligned syllables from line pairs', () => {
    const c = learnVieChannel(PAIRS);
    assert.equal(c.toneFlips, 2);
    assert.equal(c.markFlips, 1);
    assert.equal(c.letterConfusions, 0);
    assert.equal(c.tokenPairs, 34);
  });

  it('scores a seen tone flip as more likely than an unseen one, and keeping as most likely', () => {
    const ch = vieModel().vieChannel!;
    const keep = ch.score('quả', 'quả'), seen = ch.score('quả', 'quá'), unseen = ch.score('quả', 'quà');
    assert.ok(keep > seen && seen > unseen, `${keep} > ${seen} > ${unseen}`);
    assert.ok(ch.score('công', 'cong') > ch.score('công', 'cang'));
  });

  it('fixes a tone flip into another real word from the context', () => {
    const out = restore('Kết quá thực hiện kế hoạch của Ủy ban nhân dân xã.', { model: vieModel(), input: 'vie-ocr' });
    assert.equal(out.text, 'Kết quả thực hiện kế hoạch của Ủy ban nhân dân xã.');
  });

  it('keeps a word the OCR read confidently when the context agrees with it', () => {
    const text = 'Giá cả thị trường tăng quá nhanh trong năm.';
    const confidences = [{ start: 0, end: text.length, confidence: 96 }];
    assert.equal(restore(text, { model: vieModel(), input: 'vie-ocr', confidences }).text, text);
  });

  it('makes a change cheaper when the OCR was unsure of the word', () => {
    const m = vieModel();
    const sure = vieCandidates(m, m.vieChannel!, 'quá', 96, DEFAULT_VIE_TUNING);
    const unsure = vieCandidates(m, m.vieChannel!, 'quá', 30, DEFAULT_VIE_TUNING);
    const costOf = (c: typeof sure, form: string) => c.chan[c.forms.indexOf(form)]!;
    assert.equal(sure.forms[0], 'quá');
    assert.ok(costOf(unsure, 'quả') > costOf(sure, 'quả'), 'quả is cheaper when unsure');
    assert.ok(confidenceShift(30, DEFAULT_VIE_TUNING) > confidenceShift(undefined, DEFAULT_VIE_TUNING));
    assert.ok(confidenceShift(99, DEFAULT_VIE_TUNING) < confidenceShift(undefined, DEFAULT_VIE_TUNING));
    assert.equal(costOf(unsure, 'quá'), costOf(sure, 'quá'), 'keeping the word costs the same');
  });

  it('offers the word without a letter the OCR read twice ("cáoó" for cáo), only for a word the vocabulary lacks', () => {
    const m = vieModel();
    assert.ok(vieCandidates(m, m.vieChannel!, 'cáoó', 60, DEFAULT_VIE_TUNING).forms.includes('cáo'));
    assert.ok(!vieCandidates(m, m.vieChannel!, 'xã', 60, DEFAULT_VIE_TUNING).forms.includes('xa'));
  });

  it('locates OCR words of pages in the document text and looks them up by offset', () => {
    const spans = documentConfidences([
      { number: 1, lines: ['Báo cáo', 'kết quá'], method: 'ocr', words: [
        { text: 'Báo', confidence: 95, bbox: [0, 0, 1, 1], line: 1 }, { text: 'cáo', confidence: 90, bbox: [0, 0, 1, 1], line: 1 },
        { text: 'kết', confidence: 93, bbox: [0, 0, 1, 1], line: 2 }, { text: 'quá', confidence: 41, bbox: [0, 0, 1, 1], line: 2 }] },
      { number: 2, lines: ['typed'], method: 'pdf-text' },
    ]);
    const text = 'Báo cáo\nkết quá\ftyped';
    assert.equal(confidenceAt(spans, text.indexOf('quá')), 41);
    assert.equal(confidenceAt(spans, text.indexOf('cáo')), 90);
    assert.equal(confidenceAt(spans, text.indexOf('typed') + 2), 100);
    assert.equal(confidenceAt(spans, text.indexOf('\n')), undefined);
  });
});

describe('restore stage on OCR pages', () => {
  const ocrDoc = (): WorkingDocument => {
    const lines = ['Kết quá thực hiện kế hoạch của Ủy ban nhân dân xã.'];
    const words = lines[0]!.split(' ').map((text) => ({ text, confidence: text === 'quá' ? 35 : 95, bbox: [0, 0, 1, 1] as [number, number, number, number], line: 1 }));
    return {
      source: { path: 'x.png', kind: 'image', sha256: '', bytes: 1, pages: 1, encoding: null },
      original: lines.join('\n'), pages: [{ number: 1, lines, method: 'ocr', confidence: 90, words }],
      paragraphs: [{ text: lines[0]!, page: 1, lineStart: 1, lineEnd: 1 }], diagnostics: [],
    };
  };

  it('reads Vietnamese-model OCR pages in vie-ocr mode and corrects text and paragraphs', () => {
    const d = restoreStage(ocrDoc(), { model: vieModel() });
    assert.equal(d.restoreMode, 'vie-ocr');
    assert.match(d.restored ?? '', /^Kết quả thực hiện/);
    assert.match(d.paragraphs[0]!.restored ?? '', /^Kết quả thực hiện/);
  });

  it('reads noisy Vietnamese-model OCR as such, but a mixed document with an English-OCR text layer as English OCR', () => {
    const page = (number: number, line: string, method: 'ocr' | 'pdf-text') => ({ number, lines: [line], method, ...(method === 'ocr' ? { words: [] } : {}) });
    const d = (pages: ReturnType<typeof page>[]): WorkingDocument => ({
      source: { path: 'x.pdf', kind: 'pdf', sha256: '', bytes: 1, pages: pages.length, encoding: null },
      original: pages.map((p) => p.lines.join('\n')).join('\f'), pages, paragraphs: [], diagnostics: [],
    });
    const noisy = 'Kết quả x4 K& thực hiện kế hoạch';
    assert.equal(restoreStage(d([page(1, noisy, 'ocr')]), { model: vieModel() }).restoreMode, 'vie-ocr');
    assert.equal(restoreStage(d([page(1, 'ctia x4 Ngoc Ky dugc', 'pdf-text'), page(2, 'kết quả', 'ocr')]), { model: vieModel() }).restoreMode, 'ocr');
  });

  it('reads typed text with marks as clean text, not as OCR', () => {
    const d = ocrDoc();
    d.pages[0] = { number: 1, lines: d.pages[0]!.lines, method: 'pdf-text' };
    assert.equal(restoreStage(d, { model: vieModel() }).restoreMode, 'clean');
  });
});
