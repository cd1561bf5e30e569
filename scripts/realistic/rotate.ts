/** A page scanned sideways or upside down: turned clockwise by a quarter, a half or three quarters. */
import sharp from 'sharp';
import type { Degradation } from './degradation.js';

export function rotation(turn: 90 | 180 | 270): Degradation {
  return {
    name: `rotate-${turn}`,
    async apply(page) {
      const data = await sharp(page.image).rotate(turn).withMetadata({ density: page.dpi }).png().toBuffer();
      return { data: new Uint8Array(data), ext: 'png', note: `turned ${turn}° clockwise` };
    },
  };
}
