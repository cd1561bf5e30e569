/**
 * Thin paper: the next page's print shows through, mirrored (it is on the back), faint and soft,
 * multiplied into this page's paper.
 */
import sharp from 'sharp';
import { seeded, type Degradation } from './degradation.js';

export const bleed: Degradation = {
  name: 'bleed',
  async apply(page, seed) {
    const r = seeded(seed);
    const strength = 0.12 + 0.12 * r();
    // The back page as a faint grey: white stays white, black becomes 255·(1 − strength).
    const back = await sharp(page.next).greyscale().flop().resize(page.width, page.height, { fit: 'fill' }).blur(1.2)
      .linear(strength, 255 * (1 - strength)).toColourspace('b-w').png().toBuffer();
    const data = await sharp(page.image).greyscale().composite([{ input: back, blend: 'multiply' }])
      .toColourspace('b-w').withMetadata({ density: page.dpi }).png().toBuffer();
    return { data: new Uint8Array(data), ext: 'png', note: `bleed-through of the next page at ${(100 * strength).toFixed(0)} %` };
  },
};
