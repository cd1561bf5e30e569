/**
 * The pictures of a Word 97–2003 .doc body in the order they stand in it. An inline picture is a
 * 0x01 character whose character properties (sprmCPicLocation) point into the Data stream, where a
 * PICF header, the picture's shape and its store entry (FBSE) with the bitmap (BLIP) follow. A
 * floating picture is a 0x08 anchor listed in the PlcfSpa with its shape id; that shape's pib
 * property names an entry of the document's picture store (the OfficeArt content in the table
 * stream), whose BLIP lies in the WordDocument stream. Both kinds are ordered by their anchors'
 * places in the text; a store entry drawn twice is taken once. Pictures of headers, OLE objects'
 * previews, metafiles (EMF, WMF, PICT) and Word 6/95 files' pictures are left out. Damaged records
 * are skipped, the others still read. Pure: bytes in.
 */
import { openCfb } from './cfb.js';
import { readPieces } from './doc.js';
import { fkpLookup, forEachSprm } from './doc-fkp.js';
import { FBSE, fbsePicture, recordAt, records, type OfficeArtRecord } from './officeart.js';
import { MAX_PICTURES } from './picture-bytes.js';

const SPRM_PIC_LOCATION = 0x6a03, SPRM_DATA = 0x0806, SPRM_OLE2 = 0x080a;
const BSTORE = 0xf001, DG_CONTAINER = 0xf002, FSP = 0xf00a, FOPTS = new Set([0xf00b, 0xf121, 0xf122]);
const PIB = 0x104; // the shape's picture: a 1-based index into the picture store

interface Anchor { cp: number; key: string; read: () => Uint8Array | null }
interface Fib { word: Uint8Array; table: Uint8Array; data: Uint8Array | null; textLength: number; pair: (k: number) => { fc: number; lcb: number } }

/**
 * The raster pictures of the .doc's body, in order, each once; [] when it has none or is not a Word
 * 97 .doc. `keys` gets each one's place as the text reader marks it: `cp:` its first anchor's CP.
 */
export function docPictures(bytes: Uint8Array, keys?: string[]): Uint8Array[] {
  let fib: Fib | null;
  try {
    fib = readFib(bytes);
  } catch {
    return []; // the text reader says what is damaged
  }
  if (!fib) return [];
  const anchors: Anchor[] = [];
  for (const find of [inlineAnchors, floatingAnchors]) {
    try { anchors.push(...find(fib)); } catch { /* that kind's tables are damaged: the other kind still counts */ }
  }
  anchors.sort((a, b) => a.cp - b.cp);
  const seen = new Set<string>();
  const pictures: Uint8Array[] = [];
  for (const anchor of anchors) {
    if (seen.has(anchor.key)) continue;
    seen.add(anchor.key);
    let picture: Uint8Array | null = null;
    try { picture = anchor.read(); } catch { picture = null; } // a damaged record: the others are still read
    if (picture) pictures.push(picture), keys?.push(`cp:${anchor.cp}`);
    if (pictures.length === MAX_PICTURES) break;
  }
  return pictures;
}

function readFib(bytes: Uint8Array): Fib | null {
  const cfb = openCfb(bytes);
  const word = cfb.stream('WordDocument');
  if (!word || word.length < 0x200) return null;
  const v = new DataView(word.buffer, word.byteOffset, word.byteLength);
  const flags = v.getUint16(0x0a, true);
  if (v.getUint16(0, true) !== 0xa5ec || v.getUint16(2, true) < 0x00c1 || flags & 0x0100) return null;
  const table = cfb.stream(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) return null;
  const lwAt = 34 + v.getUint16(32, true) * 2;
  const fcLcbAt = lwAt + 2 + v.getUint16(lwAt, true) * 4 + 2;
  const pair = (k: number) => ({ fc: v.getUint32(fcLcbAt + 8 * k, true), lcb: v.getUint32(fcLcbAt + 8 * k + 4, true) });
  let data: Uint8Array | null = null;
  try { data = cfb.stream('Data'); } catch { data = null; } // then only floating pictures
  return { word, table, data, textLength: v.getUint32(lwAt + 2 + 3 * 4, true), pair };
}

/** Each 0x01 character of the main text with a picture in the Data stream, at its place. */
function inlineAnchors(fib: Fib): Anchor[] {
  const { word, table, data } = fib;
  const bte = fib.pair(12);
  if (!data || bte.lcb < 12 || bte.fc + bte.lcb > table.length) return [];
  const location = fkpLookup<number | null>(word, table, bte, 1, (fkp, at) => {
    let loc: number | null = null, other = false;
    forEachSprm(fkp, at + 1, Math.min(512, at + 1 + fkp[at]!), (sprm, op) => {
      if (sprm === SPRM_PIC_LOCATION) loc = new DataView(fkp.buffer, fkp.byteOffset).getUint32(op, true);
      else if ((sprm === SPRM_DATA || sprm === SPRM_OLE2) && fkp[op]) other = true; // a form field's data or an OLE object
    });
    return other ? null : loc;
  }, null, false);
  const clx = fib.pair(33);
  const anchors: Anchor[] = [];
  for (const p of readPieces(table, clx.fc, clx.lcb, true)) {
    for (let cp = p.cp; cp < p.cpEnd && cp < fib.textLength; cp++) {
      const fc = p.compressed ? p.offset + (cp - p.cp) : p.offset + 2 * (cp - p.cp);
      if (fc + 1 >= word.length || word[fc] !== 0x01 || (!p.compressed && word[fc + 1] !== 0)) continue;
      const loc = location(fc);
      if (loc !== null) anchors.push({ cp, key: `data:${loc}`, read: () => inlinePicture(data, loc, word) });
    }
  }
  return anchors;
}

/** The picture of a PICF in the Data stream: the first store entry after its shape that gives a bitmap. */
function inlinePicture(data: Uint8Array, at: number, word: Uint8Array): Uint8Array | null {
  if (at + 68 > data.length) return null;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const end = Math.min(data.length, at + v.getUint32(at, true));
  let start = at + v.getUint16(at + 4, true);
  if (v.getUint16(at + 6, true) === 0x66) start += 1 + data[start]!; // MM_SHAPEFILE: a name follows
  for (let r = recordAt(data, start, end); r; r = recordAt(data, r.end, end)) {
    const picture = r.type === FBSE ? fbsePicture(data, r, word) : null;
    if (picture) return picture;
  }
  return null;
}

/** Each floating shape of the main text (PlcfSpa) whose picture is in the store, at its anchor's place. */
function floatingAnchors(fib: Fib): Anchor[] {
  const { table, word } = fib;
  const spa = fib.pair(40), dgg = fib.pair(50);
  if (spa.lcb < 4 + 30 || spa.fc + spa.lcb > table.length || !dgg.lcb || dgg.fc + dgg.lcb > table.length) return [];
  const content = table.subarray(dgg.fc, dgg.fc + dgg.lcb);
  const container = recordAt(content, 0);
  if (!container) return [];
  const store: OfficeArtRecord[] = [];
  for (const r of records(content, container.body, container.end)) {
    if (r.type === BSTORE) store.push(...[...records(content, r.body, r.end)].filter((e) => e.ver !== 0xf));
  }
  const pibs = mainDrawingPibs(content, container.end);
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const n = Math.floor((spa.lcb - 4) / 30);
  const anchors: Anchor[] = [];
  for (let i = 0; i < n; i++) {
    const cp = v.getUint32(spa.fc + 4 * i, true);
    const pib = pibs.get(v.getUint32(spa.fc + 4 * (n + 1) + 26 * i, true));
    const entry = pib ? store[pib - 1] : undefined;
    if (entry) anchors.push({ cp, key: `store:${pib}`, read: () => fbsePicture(content, entry, word) });
  }
  return anchors;
}

/** Shape id → picture-store index, for the shapes of the main text's drawing (dgglbl 0; 1 is the headers'). */
function mainDrawingPibs(content: Uint8Array, from: number): Map<number, number> {
  const pibs = new Map<number, number>();
  for (let at = from; at < content.length; ) {
    const drawing = recordAt(content, at + 1);
    if (!drawing || drawing.type !== DG_CONTAINER) break;
    if (content[at] === 0) {
      let spid = -1;
      for (const r of records(content, drawing.body, drawing.end)) {
        if (r.type === FSP && r.body + 4 <= r.end) spid = new DataView(content.buffer, content.byteOffset).getUint32(r.body, true);
        if (!FOPTS.has(r.type) || spid < 0) continue;
        const v = new DataView(content.buffer, content.byteOffset, content.byteLength);
        for (let k = 0, p = r.body; k < r.instance && p + 6 <= r.end; k++, p += 6) {
          if ((v.getUint16(p, true) & 0x3fff) === PIB) pibs.set(spid, v.getUint32(p + 2, true));
        }
      }
    }
    at = drawing.end;
  }
  return pibs;
}
