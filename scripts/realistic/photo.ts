/**
 * A page photographed with a phone: lying on a dark desk, seen in perspective (each corner moved
 * by up to 4 % of the page), lit unevenly (a bright spot fading to a darker side), warm light,
 * slightly out of focus, saved as a phone JPEG with no resolution of its own.
 */
import sharp from 'sharp';
import { seeded, type Degradation } from './degradation.js';
import { invert3 as invert, squareToQuad } from '../../src/ingest/ocr/homography.js';

/** Long side of the photo, px (a page filling most of a phone frame, downsized on upload). */
const PHOTO_LONG_SIDE = 2000;

export const photo: Degradation = {
  name: 'photo',
  async apply(page, seed) {
    const r = seeded(seed);
    const scale = PHOTO_LONG_SIDE / Math.max(page.width, page.height) / 1.1;
    const pw = Math.round(page.width * scale), ph = Math.round(page.height * scale);
    const src = await sharp(page.image).greyscale().resize(pw, ph, { fit: 'fill' }).raw().toBuffer();
    const cw = Math.round(pw * 1.1), ch = Math.round(ph * 1.1);
    const jitter = () => (r() - 0.5) * 0.08;
    const mx = (cw - pw) / 2, my = (ch - ph) / 2;
    const quad: [number, number][] = [
      [mx + jitter() * pw, my + jitter() * ph], [mx + pw + jitter() * pw, my + jitter() * ph],
      [mx + pw + jitter() * pw, my + ph + jitter() * ph], [mx + jitter() * pw, my + ph + jitter() * ph],
    ];
    const toPage = invert(squareToQuad(quad));
    const spotX = cw * (0.2 + 0.6 * r()), spotY = ch * (0.2 + 0.6 * r()), diag2 = cw * cw + ch * ch;
    const fall = 0.35 + 0.2 * r(), desk = 60 + 30 * r();
    const out = Buffer.alloc(cw * ch * 3);
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        const w = toPage[6]! * x + toPage[7]! * y + toPage[8]!;
        const u = ((toPage[0]! * x + toPage[1]! * y + toPage[2]!) / w) * (pw - 1);
        const v = ((toPage[3]! * x + toPage[4]! * y + toPage[5]!) / w) * (ph - 1);
        let grey = desk + 10 * Math.sin(x / 37 + y / 91);
        if (u >= 0 && v >= 0 && u < pw - 1 && v < ph - 1) {
          const x0 = u | 0, y0 = v | 0, fx = u - x0, fy = v - y0, k = y0 * pw + x0;
          grey = (src[k]! * (1 - fx) + src[k + 1]! * fx) * (1 - fy) + (src[k + pw]! * (1 - fx) + src[k + pw + 1]! * fx) * fy;
        }
        const light = 1 - (fall * ((x - spotX) ** 2 + (y - spotY) ** 2)) / diag2;
        const o = (y * cw + x) * 3, l = grey * light;
        out[o] = Math.min(255, l * 1.02); out[o + 1] = Math.min(255, l * 0.96); out[o + 2] = Math.min(255, l * 0.86);
      }
    }
    const sigma = 0.7 + 0.6 * r();
    const data = await sharp(out, { raw: { width: cw, height: ch, channels: 3 } }).blur(sigma).jpeg({ quality: 85 }).toBuffer();
    return { data: new Uint8Array(data), ext: 'jpg', note: `phone photo ${cw}×${ch}, corners moved ≤ 4 %, light falling ${(100 * fall).toFixed(0)} % to the far corner, blur σ ${sigma.toFixed(2)}` };
  },
};
