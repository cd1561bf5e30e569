/**
 * The pictures of a .docx body in the order they stand in it: a scanned page pasted into Word
 * (offices often keep signed letters so) is a picture, not text. DrawingML pictures (`a:blip
 * r:embed`) and VML ones (`v:imagedata r:id`) are looked up in the body's relationships; one picture
 * stored once but drawn twice (a drawing with its VML copy for old Word) is taken once. Linked
 * pictures (outside the file) and vector formats (EMF, WMF, SVG) are left out. Pure: bytes in.
 */
import { MAX_PICTURES_TOTAL_BYTES, zipPictures } from './picture-bytes.js';
import { readZipEntry, zipEntries, type ZipEntry } from './zip.js';

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Relationship id → part name in the ZIP, for the body's internal targets. */
export function relationships(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const id = attr(m[0], 'Id'), target = attr(m[0], 'Target');
    if (!id || !target || attr(m[0], 'TargetMode') === 'External') continue;
    out.set(id, partName(target));
  }
  return out;
}

/** A target relative to word/ (or absolute from the package root) as a ZIP entry name. */
export function partName(target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `word/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The body's raster pictures, in order, each once; [] when the file is not a .docx or has none. `keys` gets their part names. */
export function docxPictures(data: Uint8Array, totalBytes = MAX_PICTURES_TOTAL_BYTES, keys?: string[]): Uint8Array[] {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(data);
  } catch {
    return [];
  }
  const text = (name: string) => {
    const entry = entries.get(name);
    return entry ? new TextDecoder('utf-8').decode(readZipEntry(data, entry, 64 * 1024 * 1024)) : null;
  };
  const body = text('word/document.xml');
  const rels = text('word/_rels/document.xml.rels');
  if (!body || !rels) return [];
  const targets = relationships(rels);
  const parts = function* () {
    for (const m of body.matchAll(/<(?:a:blip|v:imagedata)\s[^>]*>/g)) {
      const id = attr(m[0], 'r:embed') ?? attr(m[0], 'r:id');
      const part = id ? targets.get(id) : undefined;
      if (part) yield part;
    }
  };
  return zipPictures(data, entries, parts(), totalBytes, keys);
}
