import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import sharp from 'sharp';
import { inkPoints } from '../../src/ingest/ocr/ink-points.js';
import { pageGeometry } from '../../src/ingest/ocr/page-geometry.js';
import { ocrPage } from '../../src/ingest/ocr/page.js';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';
import { boxInInput, MAX_SKEW_SPREAD, MIN_DESKEW, quarterTurnReadsBetter, settledByReading, straightenPage } from '../../src/ingest/ocr/straighten.js';

const font = fontkit.create(readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')));

const LINES = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'Theo đề nghị của Trưởng phòng Nội vụ huyện về việc kiện toàn bộ máy,',
  'Ủy ban nhân dân huyện thông báo kết quả kiểm tra công tác quản lý',
  'đất đai, xây dựng và bảo vệ môi trường trên địa bàn các xã như sau:',
  '1. Về công tác chỉ đạo, điều hành: các xã đã ban hành kế hoạch kịp thời,',
  'phân công nhiệm vụ cụ thể cho từng cán bộ, công chức phụ trách lĩnh vực.',
  '2. Về kết quả thực hiện: hoàn thành việc rà soát, cập nhật hồ sơ địa chính,',
  'giải quyết dứt điểm các đơn thư khiếu nại, tố cáo thuộc thẩm quyền.',
  '3. Tồn tại, hạn chế: việc xử lý vi phạm còn chậm, chưa kiên quyết;',
  'công tác tuyên truyền, phổ biến pháp luật chưa thường xuyên, liên tục.',
  'Đề nghị các phòng, ban chuyên môn tiếp tục hướng dẫn, đôn đốc thực hiện',
  'và báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 30 tháng 12.',
];

/**
 * A 150 dpi A4-like page of printed lines (DejaVu Serif glyph outlines, 11 pt). `slope(k)` turns
 * line k clockwise (degrees) about its start: lines leaning more and more down the page are what a
 * page photographed in perspective shows.
 */
async function printedPage(slope: (k: number) => number = () => 0): Promise<Uint8Array> {
  const width = 1240, height = 1754, size = 23, scale = size / font.unitsPerEm;
  const paths: string[] = [];
  LINES.forEach((line, k) => {
    const run = font.layout(line);
    let x = 120;
    const y = 200 + k * 42;
    paths.push(`<g transform="rotate(${slope(k)} ${x} ${y})">`);
    run.glyphs.forEach((g: { path: { toSVG(): string } }, i: number) => {
      paths.push(`<path d="${g.path.toSVG()}" transform="translate(${x.toFixed(1)} ${y}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})"/>`);
      x += run.positions[i]!.xAdvance * scale;
    });
    paths.push('</g>');
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><g fill="#111">${paths.join('')}</g></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).greyscale().toColourspace('b-w').withMetadata({ density: 150 }).png().toBuffer());
}

/** The page turned clockwise by `deg` (canvas grown, white corners). */
async function turnedPage(page: Uint8Array, deg: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(page).rotate(deg, { background: '#ffffff' }).greyscale().toColourspace('b-w').png().toBuffer());
}

async function geometryOf(image: Uint8Array) {
  const { data, info } = await sharp(image).greyscale().resize({ width: 1000, height: 1000, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  return pageGeometry(inkPoints({ data: new Uint8Array(data), width: info.width, height: info.height }));
}

describe('page orientation and skew from projection profiles', async () => {
  const page = await printedPage();

  it('finds an upright page upright and level, and hands its bytes on untouched', async () => {
    const g = await geometryOf(page);
    assert.equal(g.turn, 0);
    assert.ok(Math.abs(g.skew) < 0.1, `skew ${g.skew}`);
    assert.ok(g.upright > 0.1, `ink above the lines' cores leans upright: ${g.upright}`);
    const s = await straightenPage(page);
    assert.equal(s.image, page);
    assert.equal(s.turn, 0);
    assert.equal(s.skew, 0);
  });

  for (const turn of [90, 180, 270] as const) {
    it(`finds a page lying turned ${turn}° and turns it back`, async () => {
      const g = await geometryOf(await turnedPage(page, turn));
      assert.equal(g.turn, (360 - turn) % 360);
      assert.ok(Math.abs(g.skew) < 0.1, `skew ${g.skew}`);
    });
  }

  for (const skew of [2, -1.2, 0.6, -3]) {
    it(`measures a skew of ${skew}° within 0.15°`, async () => {
      const g = await geometryOf(await turnedPage(page, skew));
      assert.equal(g.turn, 0);
      assert.ok(Math.abs(g.skew - skew) <= 0.15, `measured ${g.skew}`);
    });
  }

  it('measures the same geometry whatever order its ink points come in (profiles are built per column)', async () => {
    const { data, info } = await sharp(await turnedPage(page, -1.2)).greyscale().resize({ width: 1000, height: 1000, fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
    const points = inkPoints({ data: new Uint8Array(data), width: info.width, height: info.height });
    // A fixed shuffle (a stride prime to the count) of the row-major points inkPoints gives.
    const n = points.xs.length, stride = 7919 % n === 0 ? 7907 : 7919;
    const xs = new Float32Array(n), ys = new Float32Array(n);
    for (let i = 0; i < n; i++) { xs[i] = points.xs[(i * stride) % n]!; ys[i] = points.ys[(i * stride) % n]!; }
    assert.deepEqual(pageGeometry({ ...points, xs, ys }), pageGeometry(points));
  });

  it('straightens a skewed upside-down page to an upright level one of the same size', async () => {
    const crooked = await turnedPage(await turnedPage(page, 180), 1.5);
    const s = await straightenPage(crooked);
    assert.equal(s.turn, 180);
    assert.ok(Math.abs(s.skew - 1.5) <= 0.15, `skew ${s.skew}`);
    const [a, b] = await Promise.all([sharp(crooked).metadata(), sharp(s.image).metadata()]);
    assert.deepEqual([b.width, b.height], [a.width, a.height]);
    const again = await geometryOf(s.image);
    assert.equal(again.turn, 0);
    assert.ok(Math.abs(again.skew) < 0.2, `left ${again.skew}`);
  });

  it('deskews a rigidly skewed page: its top and bottom halves lean alike', async () => {
    const s = await straightenPage(await turnedPage(page, 1.8));
    assert.ok(Math.abs(s.skew - 1.8) <= 0.15, `skew ${s.skew}`);
    assert.equal(s.skewNotRigid, false);
    const [top, bottom] = s.geometry!.halves;
    assert.ok(Math.abs(top - bottom) <= MAX_SKEW_SPREAD / 2, `halves ${top}, ${bottom}`);
  });

  // Slopes from 1° on the first line to 3.5° on the last: the page leans a degree or more as a whole,
  // which a whole-page deskew would act on, but no one rotation levels both its top and its bottom.
  const fanned = await printedPage((k) => 1 + (2.5 * k) / (LINES.length - 1));

  it('does not deskew a page whose top and bottom lines lean differently (perspective)', async () => {
    const g = await geometryOf(fanned);
    assert.ok(Math.abs(g.skew) >= MIN_DESKEW, `a whole-page skew worth removing is measured: ${g.skew}`);
    assert.ok(g.halves[1] - g.halves[0] > MAX_SKEW_SPREAD, `halves ${g.halves}`);
    const s = await straightenPage(fanned);
    assert.equal(s.image, fanned, 'the same bytes go on');
    assert.equal(s.skew, 0);
    assert.equal(s.skewNotRigid, true);
  });

  it('says why such a page was read as it lies, and says nothing of a deskew', async () => {
    const pool: OcrPool = { size: 1, terminate: async () => undefined, recognize: async () => ({ lines: ['x'], words: [{ text: 'x', confidence: 90, bbox: [10, 10, 20, 20], line: 1 }], confidence: 90 }) };
    const rules = async (image: Uint8Array) => (await ocrPage(pool, image, 1, { straighten: true })).diagnostics.map((d) => d.ruleId);
    assert.deepEqual(await rules(fanned), ['ingest/skew-not-rigid']);
    assert.deepEqual(await rules(await turnedPage(page, 1.8)), ['ingest/deskewed']);
  });

  it('still turns such a page upright when it lies turned, without deskewing it', async () => {
    const s = await straightenPage(await turnedPage(fanned, 90));
    assert.equal(s.turn, 270);
    assert.equal(s.skew, 0);
    assert.equal(s.skewNotRigid, true);
  });

  it('settles an unsure way up by reading a strip both ways, turning only on a clearly better reading', async () => {
    const upsideDown = await turnedPage(page, 180);
    const unsure = { turn: 0 as const, skew: 0, confident: true, halfUnsure: true, lines: 12, upright: 0.02, halves: [0, 0] as [number, number] };
    const reads: Uint8Array[] = [];
    // A stand-in reader: the first call is the strip as it lies, the second the strip turned by a half.
    const reader = (scores: number[]) => async (strip: Uint8Array) => { reads.push(strip); return scores[reads.length - 1]!; };
    const flipped = await settledByReading(sharp, upsideDown, unsure, reader([31, 88]));
    assert.equal(flipped.turn, 180);
    assert.equal(flipped.halfUnsure, false);
    const meta = await sharp(reads[0]!).metadata();
    assert.ok(meta.height! < meta.width! / 2, 'a band across the page is read, not the page');
    reads.length = 0;
    assert.equal((await settledByReading(sharp, upsideDown, unsure, reader([80, 86]))).turn, 0, 'a small lead does not turn the page');
  });

  it('turns a page a quarter only when a band of it reads clearly better turned than as it lies', async () => {
    const sideways = await turnedPage(page, 90);
    const g = await geometryOf(sideways);
    assert.equal(g.turn, 270, 'the profiles call it turned');
    const reads: Uint8Array[] = [];
    const reader = (asIs: number, turned: number) => async (band: Uint8Array) => { reads.push(band); return reads.length % 2 === 1 ? asIs : turned; };
    assert.equal(await quarterTurnReadsBetter(sharp, sideways, g, reader(20, 85)), true);
    assert.equal(await quarterTurnReadsBetter(sharp, sideways, g, reader(60, 64)), false, 'a small lead keeps the page as it lies');
    // The page is decoded once for both bands, and the turned band is the one cut from the page decoded turned.
    let decodes = 0;
    const counting = ((input: unknown, options: unknown) => {
      if (input === sideways) decodes++;
      return sharp(input as Uint8Array, options as Parameters<typeof sharp>[1]);
    }) as unknown as typeof sharp;
    reads.length = 0;
    await quarterTurnReadsBetter(counting, sideways, g, reader(20, 85));
    assert.equal(decodes, 1);
    const whole = await sharp(sideways).flatten({ background: '#ffffff' }).greyscale().rotate(g.turn).raw().toBuffer({ resolveWithObject: true });
    const { width, height } = whole.info;
    const band = await sharp(whole.data, { raw: { width, height, channels: 1 } }).extract({ left: 0, top: Math.round(height * 0.3), width, height: Math.round(height * 0.22) })
      .resize({ width: Math.min(width, 1700), withoutEnlargement: true }).png({ compressionLevel: 1 }).toBuffer();
    assert.deepEqual(Buffer.from(reads[1]!), band);
    const refused = await straightenPage(sideways, { readConfidence: reader(70, 40) });
    assert.equal(refused.image, sideways, 'the same bytes go on');
    assert.equal(refused.turn, 0);
    assert.equal(refused.quarterRefused, true);
    const kept = await straightenPage(sideways, { readConfidence: reader(15, 90) });
    assert.equal(kept.turn, 270);
  });

  it('reads a page as given when it reads nothing once straightened, and says so', async () => {
    const sideways = await turnedPage(page, 90);
    const isTiff = (b: Uint8Array) => (b[0] === 0x49 && b[1] === 0x49) || (b[0] === 0x4d && b[1] === 0x4d);
    // A stand-in engine that reads nothing on the straightened image (handed on as TIFF) and a word on the page as given.
    const pool: OcrPool = {
      size: 1, terminate: async () => undefined,
      recognize: async (image, opts) => opts?.psm ? { lines: [], words: [], confidence: isTiff(image) ? 0 : 0 } : isTiff(image)
        ? { lines: [], words: [], confidence: 0 }
        : { lines: ['chữ'], words: [{ text: 'chữ', confidence: 80, bbox: [10, 10, 40, 30], line: 1 }], confidence: 80 },
    };
    const noBands: OcrPool = { ...pool, recognize: (image, opts) => (opts?.psm ? Promise.reject(new Error('no band reading')) : pool.recognize(image, opts)) };
    const { page: read, diagnostics } = await ocrPage(noBands, sideways, 1, { straighten: true });
    assert.deepEqual((read.words ?? []).map((w) => w.text), ['chữ']);
    assert.equal(read.turn, undefined, 'the page is not said to be turned');
    const rules = diagnostics.map((d) => d.ruleId);
    assert.ok(rules.includes('ingest/straightening-undone'), rules.join());
    assert.ok(!rules.includes('ingest/rotated-page'), rules.join());
  });

  it('leaves a page without text lines as it is', async () => {
    const blank = new Uint8Array(await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#f4f4f4' } }).png().toBuffer());
    const s = await straightenPage(blank);
    assert.equal(s.image, blank);
  });
});

describe('word boxes of a straightened page, back in the input image', () => {
  it('takes a box on a page turned a quarter back exactly', () => {
    // Input 100×200; turned 90° clockwise it is 200×100, and input (10,20)-(30,40) lies at (160,10)-(180,30).
    assert.deepEqual(boxInInput([160, 10, 180, 30], 90, { width: 200, height: 100 }, { width: 100, height: 200 }), [10, 20, 30, 40]);
    assert.deepEqual(boxInInput([70, 160, 90, 180], 180, { width: 100, height: 200 }, { width: 100, height: 200 }), [10, 20, 30, 40]);
  });

  it('takes a box on a deskewed page back to the bounding box of the tilted word', () => {
    const box = boxInInput([400, 500, 600, 530], 2, { width: 1000, height: 1000 }, { width: 1000, height: 1000 });
    // A 200×30 word turned by 2° spans 30·cos 2° + 200·sin 2° ≈ 37 px of height, about the same centre.
    assert.ok(box[3] - box[1] >= 35 && box[3] - box[1] <= 38, `height ${box[3] - box[1]}`);
    assert.ok(Math.abs((box[0] + box[2]) / 2 - 500) <= 1 && Math.abs((box[1] + box[3]) / 2 - 515) <= 1, `box ${box}`);
  });
});
