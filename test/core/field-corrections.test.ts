/**
 * Header-field decisions merged with a document: values checked per field, the last decision per
 * field, stale ones set aside, and laid over the structure read again (a field beats the text).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCorrections, restoredLines, type Correction } from '../../src/core/corrections.js';
import { fieldDecisions, latestFieldCorrections, parseFieldValue, withFieldValues, type FieldCorrection } from '../../src/core/field-corrections.js';
import { validateDocumentResult, type DocumentResult } from '../../src/core/schema.js';
import { convert } from '../../src/pipeline/index.js';
import { withCorrectedStructure } from '../../src/pipeline/restructure.js';
import { loadModel } from '../../src/model/load.js';

const text = 'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ NGỌC KỲ  Độc lập - Tự do - Hạnh phúc\nSố: 12/BC-UBND  Ngọc Kỳ, ngày 12 tháng 9 năm 2025\nBÁO CÁO\nKết quả tuyên truyền\nI. KẾT QUẢ\nNội dung.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n';
const machine = async (restore = false): Promise<DocumentResult> => convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {}, ...(restore ? { restore: { model: loadModel() } } : {}) });
const field = (f: FieldCorrection['field'], before: string | null, after: string | null, action: FieldCorrection['action'] = 'typed', time = '2026-12-07T08:00:00.000Z'): FieldCorrection => ({ field: f, before, after, time, action });

describe('header field values typed by a person', () => {
  it('puts dates in ISO form from the usual ways of writing them, and refuses one that names no day or is no date', () => {
    for (const typed of ['2023-12-29', '29/12/2023', '29.12.2023', 'ngày 29 tháng 12 năm 2023', '  29/12/2023 ']) assert.deepEqual(parseFieldValue('date', typed), { ok: true, value: '2023-12-29' }, typed);
    const noDay = parseFieldValue('date', '31/04/2023');
    assert.ok(!noDay.ok && /names no real day/.test(noDay.error));
    for (const typed of ['hôm qua', '29/12', '2023-02-30', '29/12/2023 và 30/12/2023', '1/1/1800']) assert.equal(parseFieldValue('date', typed).ok, false, typed);
  });

  it('takes a type by its name or code, in any case or marks, and refuses one Decree 30 does not have', () => {
    assert.deepEqual(parseFieldValue('type', 'KH'), { ok: true, value: 'Kế hoạch' });
    assert.deepEqual(parseFieldValue('type', 'QUYET DINH'), { ok: true, value: 'Quyết định' });
    assert.equal(parseFieldValue('type', 'Bản tin').ok, false);
  });

  it('refuses an over-long value or a line break, and reads an empty value as none', () => {
    assert.match((parseFieldValue('number', `${'1'.repeat(81)}/BC`) as { error: string }).error, /over the 80/);
    assert.equal(parseFieldValue('signer', 'Nguyễn\nVăn An').ok, false);
    assert.deepEqual(parseFieldValue('position', '   '), { ok: true, value: null });
    assert.deepEqual(parseFieldValue('issuer', 'UBND  xã   Ngọc Kỳ'), { ok: true, value: 'UBND xã Ngọc Kỳ' });
  });
});

describe('header field decisions merged with a document', () => {
  it('keeps the last decision per field, and sets aside one made on another machine reading', async () => {
    const r = await machine();
    assert.equal(r.meta?.number, '12/BC-UBND');
    const log = [field('number', '12/BC-UBND', '13/BC-UBND'), field('signer', 'Nguyễn Văn An', 'Nguyễn Văn Ân'), field('number', '12/BC-UBND', '14/BC-UBND'), field('date', '2025-09-11', '2025-09-10')];
    assert.deepEqual(latestFieldCorrections(log).map((c) => [c.field, c.after]), [['number', '14/BC-UBND'], ['date', '2025-09-10'], ['signer', 'Nguyễn Văn Ân']]);
    const { kept, stale } = fieldDecisions(r, log);
    assert.deepEqual(kept.map((c) => c.field), ['number', 'signer']);
    assert.deepEqual(stale.map((c) => c.field), ['date'], 'the machine read 2025-09-12, not the day the decision was made on');
  });

  it('lays the fields over the structure: flags dropped, the year and the symbol follow, the suggested day goes, a signature block made where none was found', async () => {
    const r = await machine();
    const s = { meta: { ...r.meta!, uncertain: ['number', 'date'] as ('number' | 'date')[], dateSuggestion: { date: '2025-09-13', source: 'e-signature' as const, signedAt: '2025-09-13T10:00:00+07:00' } }, signature: null as NonNullable<DocumentResult['signature']> | null };
    const out = withFieldValues(s, [field('number', '12/BC-UBND', '98/2024/QĐ-UBND'), field('date', '2025-09-12', '2024-01-05'), field('type', 'Báo cáo', 'Quyết định'), field('signer', null, 'Trần Thị Bình')], { page: 1, line: 10 });
    assert.equal(out.meta.number, '98/2024/QĐ-UBND');
    assert.equal(out.meta.numberSymbol, 'QĐ-UBND');
    assert.equal(out.meta.date, '2024-01-05');
    assert.equal(out.meta.year, 2024);
    assert.deepEqual(out.meta.type, { code: 'QĐ', name: 'Quyết định' });
    assert.equal(out.meta.uncertain, undefined);
    assert.equal(out.meta.dateSuggestion, undefined);
    assert.deepEqual([out.signature?.name, out.signature?.provenance], ['Trần Thị Bình', { page: 1, lineStart: 10, lineEnd: 10 }]);
    assert.equal(r.meta?.number, '12/BC-UBND', 'the input is not changed');
  });

  it('puts the field decisions in fieldCorrections and correctedStructure, the machine reading untouched, and the JSON valid', async () => {
    for (const r of [await machine(), await machine(true)]) {
    const { json, view, staleFields } = await withCorrectedStructure(applyCorrections(r, [], [field('number', '12/BC-UBND', '13/BC-UBND'), field('position', 'CHỦ TỊCH', 'PHÓ CHỦ TỊCH')]));
    assert.deepEqual(staleFields, []);
    assert.equal(json.meta?.number, '12/BC-UBND');
    assert.equal(json.text.corrected, undefined, 'the text is the page’s: no word was decided');
    assert.equal(json.correctedStructure?.meta.number, '13/BC-UBND');
    assert.equal(json.correctedStructure?.signature?.position, 'PHÓ CHỦ TỊCH');
    assert.deepEqual([view.meta?.number, view.signature?.position], ['13/BC-UBND', 'PHÓ CHỦ TỊCH'], 'the writers render the decided fields');
    assert.deepEqual(json.correctedStructure?.sections, r.sections, 'the rest of the structure is the conversion’s');
    const checked = validateDocumentResult(json);
    assert.ok(checked.ok, checked.ok ? '' : checked.message);
    }
  });

  it('lets a field decision beat the structure read again from a word corrected in the text', async () => {
    const r = await machine(true);
    const [key, line] = [...restoredLines(r)].find(([, l]) => l.text.includes('12/BC-UBND'))!;
    const [page, no] = key.split(':').map(Number) as [number, number];
    const start = line.text.indexOf('12/BC-UBND');
    const word: Correction = { page, line: no, start, end: start + 10, before: '12/BC-UBND', after: '15/BC-UBND', time: '2026-12-07T08:00:00.000Z', action: 'typed' };
    const textOnly = await withCorrectedStructure(applyCorrections(r, [word]));
    assert.equal(textOnly.json.correctedStructure?.meta.number, '15/BC-UBND', 'the re-read takes the corrected text');
    const both = await withCorrectedStructure(applyCorrections(r, [word], [field('number', '12/BC-UBND', '16/BC-UBND')]));
    assert.equal(both.json.correctedStructure?.meta.number, '16/BC-UBND');
    assert.ok(both.json.text.corrected?.includes('15/BC-UBND'), 'the text keeps the word decision');
    assert.equal(both.json.corrections?.length, 1);
  });
});
