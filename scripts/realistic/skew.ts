/** A page fed crooked through the scanner: turned by ±0.5–3°, the page's size kept, white corners. */
import sharp from 'sharp';
import { seeded, type Degradation } from './degradation.js';

export const skew: Degradation = {
  name: 'skew',
  async apply(page, seed) {
    const r = seeded(seed);
    const angle = (r() < 0.5 ? -1 : 1) * (0.5 + 2.5 * r());
    const turned = await sharp(page.image).greyscale().rotate(angle, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    const { width, height } = turned.info;
    const data = await sharp(turned.data, { raw: { width, height, channels: turned.info.channels } })
      .extract({ left: Math.round((width - page.width) / 2), top: Math.round((height - page.height) / 2), width: page.width, height: page.height })
      .toColourspace('b-w').withMetadata({ density: page.dpi }).png().toBuffer();
    return { data: new Uint8Array(data), ext: 'png', note: `skew ${angle >= 0 ? '+' : ''}${angle.toFixed(2)}° (clockwise)` };
  },
};
