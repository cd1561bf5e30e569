/**
 * E-signatures in the text writers: who signed, for which organisation and when, shown after the
 * signature block (before the annexes when there is none), read back from the md, the docx's
 * XML, the txt and a typeset PDF (pdf-parse).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentResult } from '../../src/core/schema.js';
import { documentDocx } from '../../src/emit/docx.js';
import { shownTime } from '../../src/emit/e-signature-text.js';
import { documentMarkdown } from '../../src/emit/md.js';
import { documentPdf } from '../../src/emit/pdf.js';
import { documentTxt } from '../../src/emit/txt.js';
import { PDFParse } from 'pdf-parse';
import { convert } from '../../src/pipeline/index.js';
import { readDocx } from './read-docx.js';
import { SIGNED } from './signed-sample.js';

const NOTE = 'Ký bởi: Trần Văn Bình · Cơ quan: Ủy ban nhân dân tỉnh Quảng Ngãi · Thời gian ký: 12/09/2025 10:15:23 +07:00 · Nguồn: khung ký số trên trang 1';

async function converted(text: string): Promise<DocumentResult> {
  return convert({ path: 'a.txt', data: new TextEncoder().encode(text) }, { segment: {} });
}

/** Index of `needle` in `hay`, failing when absent. */
function at(hay: string, needle: string): number {
  const i = hay.indexOf(needle);
  assert.ok(i >= 0, `'${needle}' is shown`);
  return i;
}

describe('e-signatures in the md, docx and txt', () => {
  it('shows who signed, for whom and when right after the signature block, before the annex', async () => {
    const r = await converted(SIGNED);
    assert.equal(r.meta?.eSignatures?.length, 1, 'the sample has one signing box');
    const md = documentMarkdown(r);
    assert.ok(at(md, 'Trần Văn Bình\n\n*Chữ ký số*') < at(md, `- ${NOTE}`));
    assert.ok(at(md, NOTE) < at(md, 'PHỤ LỤC'));
    const txt = new TextDecoder().decode(documentTxt(r));
    assert.ok(at(txt, '  Trần Văn Bình\n\n[Chữ ký số]\n') < at(txt, `${NOTE}\n`));
    assert.ok(at(txt, NOTE) < at(txt, 'Ký bởi: Trần Văn Bình\n'), 'before the box as read (the text keeps every line)');
    assert.equal(txt.replace(`\n\n[Chữ ký số]\n${NOTE}\n`, ''), r.text.original, 'nothing else is added or lost');
    const docx = (await readDocx(await documentDocx(r))).paragraphs.map((p) => p.text);
    const note = docx.indexOf(NOTE);
    assert.ok(note > 0, 'the docx has the e-signature line');
    assert.equal(docx[note - 1], 'Chữ ký số');
    assert.ok(docx.lastIndexOf('Trần Văn Bình', note) >= 0 && docx.lastIndexOf('Trần Văn Bình', note) < note - 1, 'after the signer');
    assert.ok(docx.findIndex((t) => t === 'PHỤ LỤC') > note, 'before the annex');
  });

  it('typesets the note in a text document\'s PDF, read back by pdf-parse', async () => {
    const r = await converted(SIGNED);
    const parser = new PDFParse({ data: (await documentPdf(r, new Uint8Array())).slice() });
    try {
      const text = (await parser.getText()).pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');
      assert.ok(at(text, 'Trần Văn Bình [Chữ ký số]') < at(text, 'Ký bởi: Trần Văn Bình · Cơ quan: Ủy ban nhân dân tỉnh Quảng Ngãi'));
      assert.ok(at(text, 'Thời gian ký: 12/09/2025 10:15:23 +07:00') < at(text, 'PHỤ LỤC'));
    } finally {
      await parser.destroy();
    }
  });

  it('puts a PDF signature field without a signature block before the annex, naming the page and the organisation signed for', async () => {
    const r = await converted(SIGNED.replace(/Nơi nhận:[\s\S]*?\f/, '\f'));
    const signed: DocumentResult = {
      ...r,
      signature: null,
      meta: { ...r.meta!, eSignatures: [{ signer: 'Lê Thị Hoa', signerIsPerson: true, organization: 'Sở Tư pháp', email: 'hoa@quangngai.gov.vn', time: '2025-09-12T03:15:23Z', source: 'pdf-signature', page: 1 }] },
    };
    const line = 'Ký bởi: Lê Thị Hoa · Cơ quan: Sở Tư pháp · Thời gian ký: 12/09/2025 03:15:23 UTC · Email: hoa@quangngai.gov.vn · Nguồn: chữ ký trong tệp PDF, trang 1';
    const txt = new TextDecoder().decode(documentTxt(signed));
    assert.ok(at(txt, 'Nội dung đã làm trong năm.') < at(txt, line) && at(txt, line) < at(txt, 'PHỤ LỤC'));
    const md = documentMarkdown(signed);
    assert.ok(at(md, 'Nội dung đã làm trong năm.') < at(md, line) && at(md, line) < at(md, 'PHỤ LỤC'));
  });

  it('adds nothing to a document without e-signatures', async () => {
    const r = await converted(SIGNED.replace(/Ký bởi:[\s\S]*?\+07:00\n/, ''));
    assert.equal(r.meta?.eSignatures, undefined);
    assert.equal(new TextDecoder().decode(documentTxt(r)), r.text.original);
    assert.doesNotMatch(documentMarkdown(r), /Chữ ký số/);
  });

  it('writes ISO times as a Vietnamese reader writes them and keeps any other time as written', () => {
    assert.equal(shownTime('2025-09-12T10:15:23+07:00'), '12/09/2025 10:15:23 +07:00');
    assert.equal(shownTime('2025-09-12T10:15+0700'), '12/09/2025 10:15 +07:00');
    assert.equal(shownTime('2025-09-12'), '12/09/2025');
    assert.equal(shownTime('12.09.2025 lúc 10 giờ'), '12.09.2025 lúc 10 giờ');
  });
});
