/**
 * The box a Vietnamese signing tool draws on a digitally signed page, drawn on a page image: a
 * thin frame (SVG) with the signer's lines in red or blue ("Ký bởi: …", "Email: …", "Cơ quan: …",
 * "Thời gian ký: dd.mm.yyyy hh:mm:ss +07:00"), optionally a round logo at its left and a gazette
 * stamp line on top ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"). Text is set by sharp (Pango) in DejaVu
 * Sans from the dejavu-fonts-ttf package (Bitstream Vera licence). Seeded: the same seed draws
 * the same box. A degradation module for realistic test pages (bench/realistic.ts can list it).
 */
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { mulberry32 } from '../lib/seeded-random.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

export interface ESignOverlayOptions {
  seed: number;
  /** Where the box goes: the page's top right corner, or its top-left corner in page fractions (over a signature). */
  at: 'top-right' | { x: number; y: number };
  color?: 'red' | 'blue';
  /** A round logo left of the lines (default: by the seed). */
  logo?: boolean;
  /** The gazette's stamp line on top (default: by the seed). */
  stamp?: boolean;
  signer?: string;
  organization?: string;
  email?: string;
  /** Signing time as the box writes it (default: a seeded one in 2025). */
  time?: string;
  /** Encoding of the page returned (default png; jpeg as a scanner stores it). */
  format?: 'png' | 'jpeg';
}

export interface ESignOverlay {
  image: Buffer;
  /** The lines drawn, top to bottom. */
  lines: string[];
  /** [x0, y0, x1, y1] in page pixels. */
  box: [number, number, number, number];
}

/** mulberry32: a small seeded generator, so a test page is the same on every run. */
export function seeded(seed: number): () => number {
  return mulberry32(seed);
}

const PROVINCES = ['Quảng Ngãi', 'Nghệ An', 'Đắk Lắk', 'Thanh Hóa', 'Bình Định', 'Lâm Đồng'];
const slug = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').replace(/\s+/g, '').toLowerCase();
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const two = (n: number) => String(n).padStart(2, '0');

/** The box's lines for a seed: a province's committee signing, as provincial portals publish them. */
export function overlayLines(o: Pick<ESignOverlayOptions, 'signer' | 'organization' | 'email' | 'time' | 'stamp'>, rand: () => number): string[] {
  const province = PROVINCES[Math.floor(rand() * PROVINCES.length)]!;
  const signer = o.signer ?? `Ủy ban nhân dân tỉnh ${province}`;
  const organization = o.organization ?? `Tỉnh ${province}`;
  const email = o.email ?? `ubnd@${slug(province)}.gov.vn`;
  const d = 1 + Math.floor(rand() * 28), m = 1 + Math.floor(rand() * 12), h = 7 + Math.floor(rand() * 10);
  const time = o.time ?? `${two(d)}.${two(m)}.2025 ${two(h)}:${two(Math.floor(rand() * 60))}:${two(Math.floor(rand() * 60))} +07:00`;
  const lines = [`Ký bởi: ${signer}`, `Email: ${email}`, `Cơ quan: ${organization}`, `Thời gian ký: ${time}`];
  return o.stamp ? ['TRUNG TÂM CÔNG BÁO VÀ TIN HỌC', ...lines] : lines;
}

export async function drawESignOverlay(page: Uint8Array, o: ESignOverlayOptions): Promise<ESignOverlay> {
  const rand = seeded(o.seed);
  const meta = await sharp(page).metadata();
  const W = meta.width ?? 0, H = meta.height ?? 0;
  if (!W || !H) throw new Error('page image without a size');
  const color = (o.color ?? (rand() < 0.5 ? 'red' : 'blue')) === 'red' ? '#c8102e' : '#1f3f9f';
  const logo = o.logo ?? rand() < 0.5;
  const lines = overlayLines({ ...o, stamp: o.stamp ?? rand() < 0.4 }, rand);
  // About 7–8 pt on the page: 1.1–1.3 % of its width.
  const px = Math.max(8, Math.round(W * (0.011 + rand() * 0.002)));
  const texts = await Promise.all(lines.map((line, i) => sharp({
    text: { text: `<span foreground="${color}"${i === 0 && line.startsWith('TRUNG') ? ' weight="bold"' : ''}>${escape(line)}</span>`, font: `DejaVu Sans ${px}`, fontfile: FONT, dpi: 72, rgba: true },
  }).png().toBuffer({ resolveWithObject: true })));
  const lineH = Math.round(px * 1.35), pad = Math.round(px * 0.6), logoD = logo ? Math.round(lineH * 2.6) : 0;
  const boxW = Math.min(W - 2, pad * 3 + logoD + Math.max(...texts.map((t) => t.info.width)));
  const boxH = pad * 2 + lineH * lines.length;
  const [x0, y0] = o.at === 'top-right'
    ? [Math.round(W * (0.97 - rand() * 0.03)) - boxW, Math.round(H * (0.004 + rand() * 0.012))]
    : [Math.round(W * o.at.x), Math.round(H * o.at.y)];
  const x = Math.max(0, Math.min(W - boxW, x0)), y = Math.max(0, Math.min(H - boxH, y0));
  const stroke = Math.max(1, Math.round(px / 9));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${boxW}" height="${boxH}">
    <rect x="${stroke}" y="${stroke}" width="${boxW - 2 * stroke}" height="${boxH - 2 * stroke}" fill="white" fill-opacity="${(0.55 + rand() * 0.35).toFixed(2)}" stroke="${color}" stroke-width="${stroke}"/>
    ${logo ? `<circle cx="${pad + logoD / 2}" cy="${boxH / 2}" r="${logoD / 2 - stroke}" fill="none" stroke="${color}" stroke-width="${stroke * 2}"/><circle cx="${pad + logoD / 2}" cy="${boxH / 2}" r="${logoD / 4}" fill="${color}" fill-opacity="0.35"/>` : ''}
  </svg>`;
  const tx = x + pad * 2 + logoD;
  const image = await sharp(page)
    .composite([
      { input: Buffer.from(svg), left: x, top: y },
      ...texts.map((t, i) => ({ input: t.data, left: Math.min(tx, W - t.info.width), top: y + pad + i * lineH + Math.round((lineH - t.info.height) / 2) })),
    ])
    .toFormat(o.format === 'jpeg' ? 'jpeg' : 'png', o.format === 'jpeg' ? { quality: 92 } : {})
    .toBuffer();
  return { image, lines, box: [x, y, x + boxW, y + boxH] };
}
