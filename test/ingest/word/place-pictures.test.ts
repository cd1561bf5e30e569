/** Where a Word file's pictures stand among its lines (layout.ts), and their OCR pages put there (place-pictures.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from '../../../src/core/document.js';
import { layoutWord, type WordBlock } from '../../../src/ingest/word/layout.js';
import { placePicturePages } from '../../../src/ingest/word/place-pictures.js';

const p = (text: string): WordBlock => ({ kind: 'paragraph', text });
const pic = (key: string): WordBlock => ({ kind: 'picture', key });
const textPage = (number: number, lines: string[]): Page => ({ number, lines, method: 'text' });
const ocrPage = (lines: string[]): Page => ({ number: 99, lines, method: 'ocr' });
const shape = (pages: Page[]) => pages.map((page) => [page.number, page.method, page.lines.join('|')]);

describe('the places of pictures among a Word body laid out', () => {
  it('are the page and the count of lines before each picture, across page breaks and after tables', () => {
    const table: WordBlock = { kind: 'table', rows: [[{ blocks: [p('ô 1'), pic('media/t.png')] }, { blocks: [p('ô 2')] }]] };
    const { pages, places } = layoutWord([p('Mở đầu'), pic('media/a.png'), p('Giữa'), { kind: 'page-break' }, pic('media/b.png'), p('Trang hai'), table, p('Hết'), pic('media/a.png')]);
    assert.deepEqual(pages, [['Mở đầu', 'Giữa'], ['Trang hai', 'ô 1    ô 2', 'Hết']]);
    assert.deepEqual(Object.fromEntries(places), {
      'media/a.png': { page: 1, line: 1 }, // drawn twice: its first place
      'media/b.png': { page: 2, line: 0 },
      'media/t.png': { page: 2, line: 2 }, // in a cell: after the table's lines
    });
  });

  it('put a picture after the last text at the end of the last page kept', () => {
    const { pages, places } = layoutWord([p('Văn bản'), { kind: 'page-break' }, p(''), pic('media/z.png')]);
    assert.deepEqual(pages, [['Văn bản']]);
    assert.deepEqual(places.get('media/z.png'), { page: 1, line: 1 });
  });
});

describe('OCR pages of pictures put where the pictures stand', () => {
  const text = [textPage(1, ['Đầu', 'A', '', 'B']), textPage(2, ['C', 'D'])];

  it('cut a text page at the picture and number every page again', () => {
    const r = placePicturePages(text, [ocrPage(['phụ lục'])], [{ page: 1, line: 3 }]);
    assert.deepEqual(shape(r.pages), [[1, 'text', 'Đầu|A|'], [2, 'ocr', 'phụ lục'], [3, 'text', 'B'], [4, 'text', 'C|D']]);
    assert.deepEqual(r.picturePage, [2]);
    assert.deepEqual(r.textPlace(1, 4), { page: 3, line: 1 });
    assert.deepEqual(r.textPlace(1, 2), { page: 1, line: 2 });
    assert.deepEqual(r.textPlace(2, 2), { page: 4, line: 2 });
  });

  it('keep several pictures of one page in order, and pictures of unknown place after the text', () => {
    const r = placePicturePages(text, [ocrPage(['x']), ocrPage(['y']), ocrPage(['z'])], [undefined, { page: 2, line: 1 }, { page: 1, line: 0 }]);
    assert.deepEqual(shape(r.pages), [[1, 'ocr', 'z'], [2, 'text', 'Đầu|A||B'], [3, 'text', 'C'], [4, 'ocr', 'y'], [5, 'text', 'D'], [6, 'ocr', 'x']]);
    assert.deepEqual(r.picturePage, [6, 4, 1]);
  });

  it('make no page of the blank lines before a picture at the top of a page', () => {
    const r = placePicturePages([textPage(1, ['', '']), textPage(2, ['E'])], [ocrPage(['q'])], [{ page: 1, line: 2 }]);
    assert.deepEqual(shape(r.pages), [[1, 'ocr', 'q'], [2, 'text', 'E']]);
    assert.deepEqual(r.textPlace(1, 1), { page: 1, line: 1 });
  });

  it('leave the text as it was when every picture goes after it', () => {
    const r = placePicturePages(text, [ocrPage(['w'])], [{ page: 2, line: 2 }]);
    assert.deepEqual(shape(r.pages), [[1, 'text', 'Đầu|A||B'], [2, 'text', 'C|D'], [3, 'ocr', 'w']]);
    assert.deepEqual(r.textPlace(2, 1), { page: 2, line: 1 });
  });
});
