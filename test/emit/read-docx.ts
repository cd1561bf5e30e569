/** A .docx read back: unzipped with jszip, its paragraphs (style and text) and table cells taken from word/document.xml. */
import JSZip from 'jszip';
import type { ShownBlock } from './shown-text.js';

export interface DocxParts {
  files: string[];
  document: string;
  styles: string;
  core: string;
  /** Paragraphs in order, tagged with their style ('Heading2', 'Title') or 'p'. */
  paragraphs: ShownBlock[];
  /** Each table's rows of cell texts. */
  tables: string[][][];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const xmlText = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);

const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => xmlText(m[1]!)).join('');

export async function readDocx(data: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(data);
  const read = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`${name} is missing from the .docx`);
    return f.async('string');
  };
  const document = await read('word/document.xml');
  // <w:p>…</w:p>, or an empty <w:p/>.
  const paragraphs = [...document.matchAll(/<w:p(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => ({
    tag: /<w:pStyle w:val="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? 'p',
    text: textOf(m[1] ?? ''),
  }));
  const tables = [...document.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!))),
  );
  return { files: Object.keys(zip.files), document, styles: await read('word/styles.xml'), core: await read('docProps/core.xml'), paragraphs, tables };
}
