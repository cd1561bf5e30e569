/**
 * A round red seal (two rings, the issuer's name around them, a star in the middle), semi-
 * transparent as ink is, stamped over the signature block (as every signed document has it) or
 * over body text (a seal stamped across the page, or an "approved" stamp). Letters are DejaVu Sans
 * Bold glyph outlines (dejavu-fonts-ttf, Bitstream Vera/DejaVu licence) laid out with fontkit.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import sharp from 'sharp';
import { seeded, type BasePage, type Degradation } from './degradation.js';

const require = createRequire(import.meta.url);
const fontFile = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
let font: ReturnType<typeof fontkit.create> | undefined;
const loadFont = () => (font ??= fontkit.create(readFileSync(fontFile)));

const NAMES = ['ỦY BAN NHÂN DÂN TỈNH HÀ NAM', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH', 'BỘ TÀI CHÍNH', 'VĂN PHÒNG CHÍNH PHỦ'];

/** SVG of a seal of radius `radius` px centred in a square of 2·radius. */
export function sealSvg(name: string, radius: number, rgb: [number, number, number], opacity: number): string {
  const f = loadFont();
  const run = f.layout(name);
  const size = radius * 0.2, scale = size / f.unitsPerEm, ring = radius * 0.72;
  const advances = run.positions.map((p: { xAdvance: number }) => p.xAdvance * scale);
  const total = advances.reduce((a: number, b: number) => a + b, 0);
  // The name runs over the top of the ring, at most 300° of it, centred at the top.
  const span = Math.min((300 * Math.PI) / 180, total / ring);
  const step = span / total;
  let at = -span / 2;
  const glyphs: string[] = [];
  run.glyphs.forEach((g: { path: { toSVG(): string } }, i: number) => {
    const mid = at + (advances[i]! * step) / 2;
    at += advances[i]! * step;
    const x = radius + ring * Math.sin(mid), y = radius - ring * Math.cos(mid);
    glyphs.push(`<path d="${g.path.toSVG()}" transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${((mid * 180) / Math.PI).toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)}) translate(${(-advances[i]! / 2 / scale).toFixed(1)} 0)"/>`);
  });
  const star = Array.from({ length: 10 }, (_, k) => {
    const r = k % 2 ? radius * 0.11 : radius * 0.27, a = (k * Math.PI) / 5;
    return `${(radius + r * Math.sin(a)).toFixed(1)},${(radius - r * Math.cos(a)).toFixed(1)}`;
  }).join(' ');
  const colour = `rgb(${rgb.join(',')})`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * radius}" height="${2 * radius}"><g opacity="${opacity}" fill="${colour}" stroke="${colour}">` +
    `<circle cx="${radius}" cy="${radius}" r="${radius * 0.96}" fill="none" stroke-width="${radius * 0.05}"/>` +
    `<circle cx="${radius}" cy="${radius}" r="${radius * 0.55}" fill="none" stroke-width="${radius * 0.025}"/>` +
    `<g stroke="none">${glyphs.join('')}</g><polygon stroke="none" points="${star}"/></g></svg>`;
}

/** Centre of the signature block: over the left part of the last lines in the page's right half. */
function signatureSpot(page: BasePage): [number, number] {
  const right = page.words.filter((w) => w.bbox[0] > page.width * 0.5 && w.bbox[1] > page.height * 0.45);
  if (right.length < 2) return [page.width * 0.66, page.height * 0.8];
  const bottom = Math.max(...right.map((w) => w.bbox[3]));
  const block = right.filter((w) => w.bbox[3] > bottom - page.height * 0.15);
  const left = Math.min(...block.map((w) => w.bbox[0])), top = Math.min(...block.map((w) => w.bbox[1]));
  return [left + (page.width - left) * 0.3, (top + bottom) / 2];
}

function sealOver(name: string, where: (page: BasePage, r: () => number) => [number, number]): Degradation {
  return {
    name,
    async apply(page, seed) {
      const r = seeded(seed);
      const radius = Math.round((page.dpi * (36 + 6 * r())) / 25.4 / 2);
      const opacity = 0.55 + 0.3 * r();
      const issuer = NAMES[Math.floor(r() * NAMES.length)]!;
      const [cx, cy] = where(page, r);
      const svg = Buffer.from(sealSvg(issuer, radius, [200 + Math.round(30 * r()), 20, 35], opacity));
      const left = Math.max(0, Math.min(page.width - 2 * radius, Math.round(cx - radius)));
      const top = Math.max(0, Math.min(page.height - 2 * radius, Math.round(cy - radius)));
      const data = await sharp(page.image).toColourspace('srgb').composite([{ input: svg, left, top, blend: 'multiply' }])
        .withMetadata({ density: page.dpi }).png().toBuffer();
      return { data: new Uint8Array(data), ext: 'png', note: `red seal "${issuer}" r=${radius}px at (${Math.round(cx)}, ${Math.round(cy)}), opacity ${opacity.toFixed(2)}` };
    },
  };
}

export const sealSignature = sealOver('seal-signature', (page) => signatureSpot(page));
export const sealBody = sealOver('seal-body', (page, r) => [page.width * (0.35 + 0.3 * r()), page.height * (0.4 + 0.2 * r())]);
