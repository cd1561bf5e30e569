import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { reduceForOcr } from '../../src/ingest/ocr/downscale.js';
import { liftRedInk, redInkShare } from '../../src/ingest/ocr/red-ink.js';
import { ingestImage } from '../../src/ingest/image.js';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/pool.js';

/** The committed 300 dpi test page 2 (3 lines of print), in colour, with a red seal (a thick ring and a bar) over its middle. */
async function sealedPage(): Promise<Uint8Array> {
  const scan = readFileSync(new URL('../../fixtures/scans/pages-2p.tif', import.meta.url));
  const seal = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1500" height="330"><circle cx="520" cy="165" r="120" fill="none" stroke="#d8202a" stroke-width="46" opacity="0.85"/><rect x="300" y="150" width="440" height="26" fill="#d8202a" opacity="0.85"/></svg>');
  return new Uint8Array(await sharp(scan, { page: 1 }).toColourspace('srgb').composite([{ input: seal, blend: 'multiply' }]).withMetadata({ density: 300 }).png().toBuffer());
}

describe('red seals over a colour scan', () => {
  it('finds red ink and lifts it to the paper in the grey pixels, leaving black and blue ink alone', () => {
    // Pixels: red seal ink, dark red (print under the seal), black print, blue pen, white paper.
    const rgb = new Uint8Array([216, 32, 42, 120, 20, 24, 20, 20, 20, 30, 40, 160, 250, 250, 250]);
    const grey = new Uint8Array([86, 50, 20, 50, 250]);
    assert.equal(redInkShare(rgb, 3), 2 / 5);
    assert.equal(liftRedInk(grey, rgb, 3), 2);
    assert.deepEqual([...grey], [216, 120, 20, 50, 250]);
  });

  it('lifts a faded (pink) seal in part, by how red it is, and leaves grey print alone', () => {
    // Pink seal ink (red over green and blue by 40: half way), grey print with a faint red cast (by 15), black print.
    const rgb = new Uint8Array([200, 160, 150, 130, 115, 112, 40, 30, 30]);
    const grey = new Uint8Array([170, 118, 32]);
    assert.equal(liftRedInk(grey, rgb, 3), 1);
    assert.deepEqual([...grey], [185, 118, 32]);
  });

  it('reads a sealed colour page with the seal lifted: the ring gone, the print under it kept', async () => {
    const page = await sealedPage();
    const r = await reduceForOcr(page, { targetDpi: 200 });
    const grey = r.grey!;
    const at = (x: number, y: number) => grey.data[Math.round(y * grey.height / 330) * grey.width + Math.round(x * grey.width / 1500)]!;
    // On the ring, away from the print: paper-light, where plain grey conversion leaves it mid-grey.
    assert.ok(at(520, 285) > 180, `ring pixel ${at(520, 285)}`);
    const plain = await sharp(page).greyscale().raw().toBuffer({ resolveWithObject: true });
    assert.ok(plain.data[285 * plain.info.width + 520]! < 140, 'the seal is dark in the plain grey image');
    // A page without red is reduced exactly as before (no second decoding).
    const noSeal = new Uint8Array(await sharp(readFileSync(new URL('../../fixtures/scans/page2.jpg', import.meta.url))).toColourspace('srgb').png().toBuffer());
    assert.equal(redInkShare(new Uint8Array(await sharp(noSeal).raw().toBuffer()), 3), 0);
  });

  describe('with the real OCR engine', () => {
    let pool: OcrPool;
    before(() => { pool = createOcrPool({ jobs: 1 }); });
    after(async () => { await pool.terminate(); });

    it('reads the words under the seal', async () => {
      const r = await ingestImage(await sealedPage(), { ocr: pool });
      // Read as plain grey, Tesseract gives "Người dân dưẹ  ủ tục hành chính" and "trên cổng dịch v.".
      assert.match(r.pages[0]!.lines.join('\n'), /Người dân được hướng dẫn thủ tục hành chính\ntrên cổng dịch vụ công trực tuyến/);
    });
  });
});
