/**
 * The structure read again from corrected text runs the pipeline's own segment stage: on the
 * unchanged text it gives back exactly the structure the conversion wrote, also for a document
 * whose pages carry their own numbers (read in part), and a corrected signer or number reaches
 * signature and meta.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateDocumentResult, type DocumentResult } from '../../src/core/schema.js';
import { convert } from '../../src/pipeline/index.js';
import { readStructureAgain } from '../../src/pipeline/restructure.js';

const TEXT = [
  'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'XÃ NGỌC KỲ  Độc lập - Tự do - Hạnh phúc',
  'Số: 192/BC-UBND  Ngọc Kỳ, ngày 29 tháng 12 năm 2023',
  'BÁO CÁO',
  'Kết quả tuyên truyền năm 2023',
  'I. KẾT QUẢ',
  'Nội dung đã làm.',
].join('\n') + '\f' + ['II. PHƯƠNG HƯỚNG', 'Tiếp tục làm.', 'Nơi nhận:  TM. ỦY BAN NHÂN DÂN', '- Như trên;  CHỦ TỊCH', '- Lưu: VT.', '', '  Nguyễn Xuân Thoang'].join('\n') + '\n';

async function converted(): Promise<DocumentResult> {
  const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(TEXT) }, { segment: {} });
  // Restored text as the review page corrects it (no model in unit tests: the text as read stands for it).
  return { ...r, text: { ...r.text, restored: r.text.original }, review: [], restoreMode: 'clean' };
}

/** Every page place moved by `by`, as a document read in part (`--pages 4,5`) numbers its pages. */
function shifted<T>(value: T, by: number): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = (k === 'page' || k === 'number') && typeof v === 'number' ? v + by : walk(v);
    return out;
  };
  return walk(value) as T;
}

describe('readStructureAgain', () => {
  it('gives back the converted structure on the unchanged text', async () => {
    const r = await converted();
    const again = await readStructureAgain(r, r.text.restored!);
    assert.ok(again);
    const { diagnostics: _d, structureFrom, ...fields } = again;
    // The conversion (no model here) read the text as read; the re-read reads the restored text's lines.
    assert.equal(structureFrom, 'restored-lines');
    for (const key of Object.keys(fields)) assert.deepEqual(fields[key as keyof typeof fields], r[key as keyof DocumentResult], key);
  });

  it('keeps a document’s own page numbers on every place', async () => {
    const r = await converted();
    const part = { ...shifted(r, 3), text: r.text, source: r.source };
    assert.equal(part.pages[0]!.number, 4);
    const again = await readStructureAgain(part, r.text.restored!);
    assert.equal(again?.signature?.provenance.page, 5);
    assert.deepEqual(again?.signature, part.signature);
    assert.deepEqual(again?.sections, part.sections);
  });

  it('reads a corrected signer and number into signature and meta', async () => {
    const r = await converted();
    const again = await readStructureAgain(r, r.text.restored!.replace('Thoang', 'Thoáng').replace('192/BC', '193/BC'));
    assert.equal(r.signature?.name, 'Nguyễn Xuân Thoang');
    assert.equal(again?.signature?.name, 'Nguyễn Xuân Thoáng');
    assert.equal(again?.meta.number, '193/BC-UBND');
  });

  it('uses the pen readings the JSON keeps (pages[].penFills) for a number the person left blank', async () => {
    const blank = TEXT.replace('Số: 192/BC-UBND', 'Số: ……/BC-UBND');
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(blank) }, { segment: {} });
    const pen = { field: 'number' as const, line: 3, digits: '57', confidence: [0.9, 0.95], ink: 'blue' as const };
    const withPen: DocumentResult = { ...r, pages: r.pages.map((p, i) => (i === 0 ? { ...p, penFills: [pen] } : p)) };
    assert.ok(validateDocumentResult(withPen).ok, 'schema 1.4 keeps them');
    assert.equal((await readStructureAgain(withPen, blank))?.meta.number, '57/BC-UBND');
    assert.equal((await readStructureAgain(r, blank))?.meta.number, null, 'without them the blank stays blank');
  });

  it('reads nothing again for a document converted without its structure', async () => {
    const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(TEXT) }, { segment: false });
    assert.equal(await readStructureAgain(r, TEXT), null);
  });
});
