/**
 * The pictures of an OpenDocument text body (.odt, flat .fodt) in the order they stand in it: each
 * `draw:image` of content.xml, its picture a part of the package (`xlink:href="Pictures/…"`) or, in
 * a flat file, inline base64 (`office:binary-data`). A part drawn twice is taken once; linked
 * pictures (outside the file), vector ones (SVG, EMF, WMF: a frame's vector picture with a raster
 * fallback gives the fallback) and the pictures of headers (styles.xml) are left out. Pure: bytes in.
 */
import { isRaster, MAX_PICTURE_BYTES, MAX_PICTURES, MAX_PICTURES_TOTAL_BYTES, zipPictures } from './picture-bytes.js';
import { readZipEntry, zipEntries, type ZipEntry } from './zip.js';

const IMAGE = /<draw:image\b([^>]*)>/g;
const href = (attrs: string) => /\sxlink:href="([^"]*)"/.exec(attrs)?.[1];

/** A package-relative href as a ZIP entry name ("./Pictures/a.png" → "Pictures/a.png"); null for a link outside. */
export function partName(target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/') || target.startsWith('../')) return null;
  return decodeURIComponent(target.replace(/^(\.\/)+/, ''));
}

/** The raster pictures of a packaged .odt's body, in order, each once; [] when it has none or is damaged. `keys` gets their part names. */
export function odtPictures(data: Uint8Array, totalBytes = MAX_PICTURES_TOTAL_BYTES, keys?: string[]): Uint8Array[] {
  let entries: Map<string, ZipEntry>;
  let body: string;
  try {
    entries = zipEntries(data);
    const content = entries.get('content.xml');
    if (!content) return [];
    body = new TextDecoder('utf-8').decode(readZipEntry(data, content, 64 * 1024 * 1024));
  } catch {
    return [];
  }
  const parts = function* () {
    for (const m of body.matchAll(IMAGE)) {
      const target = href(m[1]!);
      let part: string | null = null;
      try { part = target ? partName(target) : null; } catch { part = null; } // a malformed %-escape
      if (part) yield part;
    }
  };
  return zipPictures(data, entries, parts(), totalBytes, keys);
}

/**
 * The raster pictures of a flat .fodt's body (inline base64), in order; [] when it has none. `keys`
 * gets each one's place as the text reader marks it: `frame:` the name of the frame holding it.
 */
export function fodtPictures(data: Uint8Array, keys?: string[]): Uint8Array[] {
  const xml = new TextDecoder('utf-8').decode(data);
  const pictures: Uint8Array[] = [];
  // A cursor, not a lazy regex: a file of unclosed images costs one pass, not one per image.
  for (let at = xml.search(/<office:body[\s>]/); at >= 0 && pictures.length < MAX_PICTURES; ) {
    const open = xml.indexOf('<draw:image', at);
    if (open < 0) break;
    const tagEnd = xml.indexOf('>', open);
    if (tagEnd < 0) break;
    at = tagEnd + 1;
    if (!/[\s/>]/.test(xml[open + 11]!)) { at = open + 11; continue; } // <draw:image-map> and the like
    if (xml[tagEnd - 1] === '/') continue; // no content: a linked picture
    const close = xml.indexOf('</draw:image>', at);
    if (close < 0) break;
    const inline = /^\s*<office:binary-data>([^<]*)<\/office:binary-data>/.exec(xml.slice(at, close))?.[1];
    at = close;
    // Base64 is 4 characters a 3 bytes: a longer one is over the picture limit.
    if (!inline || inline.length > (MAX_PICTURE_BYTES / 3) * 4 + 4096) continue;
    const bytes = new Uint8Array(Buffer.from(inline, 'base64'));
    if (isRaster(bytes)) pictures.push(bytes), keys?.push(frameKey(xml, open));
  }
  return pictures;
}

/** The key of the frame an inline picture at `at` stands in (its draw:name; '' when it has none). */
function frameKey(xml: string, at: number): string {
  const frame = xml.lastIndexOf('<draw:frame', at);
  const tag = frame >= 0 ? xml.slice(frame, xml.indexOf('>', frame) + 1) : '';
  const name = /\sdraw:name="([^"]*)"/.exec(tag)?.[1];
  return name ? `frame:${name}` : '';
}
