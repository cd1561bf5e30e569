/**
 * A clean Decree-30 header rendered at 300 dpi (sharp + SVG text, Liberation Serif or DejaVu
 * Serif) with blanks "Số: ………/TB-ĐHĐL" and "ngày …… tháng …… năm 2025", and handwritten digits
 * (28×28 MNIST glyphs) written into them in a given ink: for bench:handwriting and the pen tests.
 * Also returns each printed word's box as measured on the render, so a test can stand in for OCR.
 */
import sharp from 'sharp';

const FONT = `'Liberation Serif','DejaVu Serif',serif`;
const SIZE = 54;
/** The top of an A4 page at 300 dpi (2480 px wide): the header in its top third, as readers expect. */
export const WIDTH = 2480, HEIGHT = 1400;

export interface PrintedWord {
  text: string;
  bbox: [number, number, number, number];
  line: number;
}

export interface PenHeader {
  png: Uint8Array;
  /** Printed words of the three header lines with their boxes (page px). */
  words: PrintedWord[];
  /** Where each handwritten digit was put, per blank. */
  digitBoxes: Record<'number' | 'day' | 'month', [number, number, number, number][]>;
}

export interface PenHeaderSpec {
  number: Float32Array[];
  day: Float32Array[];
  month: Float32Array[];
  /** Ink colour (default a blue ballpoint). */
  ink?: [number, number, number];
  /** Digit height in px (default 66, about a capital and a half of 13 pt at 300 dpi). */
  digitHeight?: number;
  /** 0..1 values for the writing's jitter (rise above the line, spacing), from a seeded PRNG. */
  rnd?: () => number;
}

interface Run { text: string; x: number; y: number; italic?: boolean; bold?: boolean; line: number }

const RUNS: Run[] = [
  { text: 'BỘ CÔNG THƯƠNG', x: 330, y: 90, line: 1 },
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 1180, y: 90, bold: true, line: 1 },
  { text: 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC', x: 250, y: 170, bold: true, line: 2 },
  { text: 'Độc lập - Tự do - Hạnh phúc', x: 1440, y: 170, bold: true, line: 2 },
];
/** Line 3: the blanks' neighbours, with room for the pen between them. */
const NUMBER_LINE = { label: 420, blank: 300, y: 300 };
const DATE_LINE = { at: 1300, dayBlank: 170, monthBlank: 170 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const svgText = (r: Pick<Run, 'text' | 'x' | 'y' | 'italic' | 'bold'>) =>
  `<text x="${r.x}" y="${r.y}" font-family="${FONT}" font-size="${SIZE}"${r.italic ? ' font-style="italic"' : ''}${r.bold ? ' font-weight="bold"' : ''} fill="#111">${esc(r.text)}</text>`;
const svg = (body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`);

/** Ink box of one rendered run (its glyphs as drawn); the layout is the same on every page, so each is measured once. */
const boxes = new Map<string, Promise<[number, number, number, number]>>();
function boxOf(r: Run): Promise<[number, number, number, number]> {
  const key = JSON.stringify([r.text, r.x, r.y, r.italic, r.bold]);
  let b = boxes.get(key);
  if (!b) boxes.set(key, (b = measure(r)));
  return b;
}

async function measure(r: Run): Promise<[number, number, number, number]> {
  const { info } = await sharp(svg(svgText(r))).trim({ threshold: 60 }).raw().toBuffer({ resolveWithObject: true });
  const left = -(info.trimOffsetLeft ?? 0), top = -(info.trimOffsetTop ?? 0);
  return [left, top, left + info.width, top + info.height];
}

/** Width of a run as rendered (advance), by its ink box. */
async function widthOf(r: Omit<Run, 'x' | 'y' | 'line'>): Promise<number> {
  const b = await boxOf({ ...r, x: 100, y: 200, line: 0 });
  return b[2] - 100;
}

/** The printed page, rendered once per layout. */
const bases = new Map<string, Promise<Buffer>>();

export async function renderPenHeader(spec: PenHeaderSpec): Promise<PenHeader> {
  const rnd = spec.rnd ?? (() => 0.5);
  const runs: Run[] = [...RUNS];
  // Line 3, word by word, so each word's box is known.
  const y = NUMBER_LINE.y;
  const so = { text: 'Số:', x: NUMBER_LINE.label, y, line: 3 };
  const numberBlankX = so.x + (await widthOf(so)) + 14;
  const dots = { text: '…………', x: numberBlankX, y, line: 3 };
  const symbol = { text: '/TB-ĐHĐL', x: numberBlankX + NUMBER_LINE.blank, y, line: 3 };
  runs.push(so, dots, symbol);
  let x = DATE_LINE.at;
  const push = async (text: string, gapAfter = 16) => {
    const r = { text, x, y, italic: true, line: 3 };
    runs.push(r);
    x += (await widthOf(r)) + gapAfter;
    return r;
  };
  await push('Hà');
  await push('Nội,');
  await push('ngày');
  const dayX = x;
  runs.push({ text: '……', x: dayX, y, italic: true, line: 3 });
  x += DATE_LINE.dayBlank;
  await push('tháng');
  const monthX = x;
  runs.push({ text: '……', x: monthX, y, italic: true, line: 3 });
  x += DATE_LINE.monthBlank;
  await push('năm');
  await push('2025');
  runs.push({ text: 'THÔNG BÁO', x: 1080, y: 400, bold: true, line: 4 });

  const body = runs.map(svgText).join('');
  if (!bases.has(body)) bases.set(body, sharp(svg(body)).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer());
  const base = await bases.get(body)!;
  const words: PrintedWord[] = [];
  for (const r of runs) {
    if (/^…+$/.test(r.text)) continue;
    // Multi-word runs are split into words measured one by one.
    let wx = r.x;
    for (const w of r.text.split(' ')) {
      const sub = { ...r, text: w, x: wx };
      const b = await boxOf(sub);
      words.push({ text: w, bbox: b, line: r.line });
      wx += (await widthOf({ text: w + ' ', italic: r.italic, bold: r.bold })) + SIZE * 0.25;
    }
  }
  const page = new Uint8Array(base);
  const ink = spec.ink ?? [20, 50, 170];
  const dh = spec.digitHeight ?? 66;
  const digitBoxes: PenHeader['digitBoxes'] = { number: [], day: [], month: [] };
  const write = (field: keyof PenHeader['digitBoxes'], glyphs: Float32Array[], from: number, room: number) => {
    const scale = dh / 20;
    const step = dh * (0.72 + rnd() * 0.2);
    let gx = from + Math.max(0, (room - step * glyphs.length) / 2);
    for (const g of glyphs) {
      const rise = Math.round(rnd() * 14);
      const top = y - dh - 4 - rise - Math.round(4 * scale);
      const left = Math.round(gx - 4 * scale);
      let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
      for (let py = 0; py < Math.round(28 * scale); py++) {
        for (let px = 0; px < Math.round(28 * scale); px++) {
          const v = bilinear(g, px / scale - 0.5, py / scale - 0.5);
          if (v < 0.05) continue;
          const X = left + px, Y = top + py;
          if (X < 0 || Y < 0 || X >= WIDTH || Y >= HEIGHT) continue;
          const i = (Y * WIDTH + X) * 3;
          for (let c = 0; c < 3; c++) page[i + c] = Math.round(Math.min(page[i + c]!, 255 - v * (255 - ink[c]!)));
          x0 = Math.min(x0, X); y0 = Math.min(y0, Y); x1 = Math.max(x1, X); y1 = Math.max(y1, Y);
        }
      }
      if (x1 >= 0) digitBoxes[field].push([x0, y0, x1 + 1, y1 + 1]);
      gx += step;
    }
  };
  write('number', spec.number, numberBlankX, NUMBER_LINE.blank);
  write('day', spec.day, dayX, DATE_LINE.dayBlank);
  write('month', spec.month, monthX, DATE_LINE.monthBlank);
  const png = await sharp(page, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).withMetadata({ density: 300 }).png().toBuffer();
  return { png: new Uint8Array(png), words, digitBoxes };
}

function bilinear(p: Float32Array, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
  const at = (X: number, Y: number) => (X < 0 || Y < 0 || X >= 28 || Y >= 28 ? 0 : p[Y * 28 + X]!);
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}
