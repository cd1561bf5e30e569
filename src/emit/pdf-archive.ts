/**
 * What makes a PDF an archival PDF/A-2b beyond its content: the document information dictionary
 * filled from the header fields (title, type and number, issuer, date), the same facts as XMP
 * metadata with the PDF/A identification (part 2, conformance B), an output intent with an sRGB
 * ICC profile, and a document ID in the trailer.
 *
 * The sRGB profile is libvips's built-in one (the compact ICC v4 sRGB profile, CC0), taken from
 * the installed `sharp` package at run time, so nothing is fetched and no profile file is shipped.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { DocumentResult } from '../core/schema.js';

export interface ArchiveInfo {
  title: string;
  /** Type of document and its number ("Báo cáo 192/BC-UBND"), when the header says. */
  subject?: string;
  /** The issuing body. */
  author?: string;
  /** The document's own date (ISO yyyy-mm-dd), when the header gives one. */
  date?: string;
  /** Identifies the document across versions (the input's SHA-256). */
  sourceSha256: string;
}

const PRODUCER = 'baocao (pdf-lib)';

/** The information a PDF carries about itself, from the document's header fields. */
export function archiveInfo(result: DocumentResult): ArchiveInfo {
  const meta = result.meta;
  const fileName = result.source.path.split(/[\\/]/).pop() || result.source.path;
  const subject = [meta?.type?.name, meta?.number].filter((s): s is string => !!s && s.trim() !== '').join(' ');
  return {
    title: meta?.title?.trim() || fileName,
    ...(subject ? { subject } : {}),
    ...(meta?.issuer?.name ? { author: meta.issuer.name } : {}),
    ...(meta?.date && /^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? { date: meta.date } : {}),
    sourceSha256: result.source.sha256,
  };
}

/** Writes the Info dictionary, XMP metadata, sRGB output intent and trailer ID into `doc`. */
export async function makeArchival(doc: PDFDocument, info: ArchiveInfo, now = new Date()): Promise<void> {
  const created = info.date ? { pdf: `D:${info.date.replace(/-/g, '')}000000+07'00`, xmp: `${info.date}T00:00:00+07:00` } : pdfDate(now);
  const modified = pdfDate(now);
  const context = doc.context;

  const infoDict = context.obj({});
  infoDict.set(PDFName.of('Title'), PDFHexString.fromText(info.title));
  if (info.subject) infoDict.set(PDFName.of('Subject'), PDFHexString.fromText(info.subject));
  if (info.author) infoDict.set(PDFName.of('Author'), PDFHexString.fromText(info.author));
  infoDict.set(PDFName.of('Creator'), PDFString.of('baocao'));
  infoDict.set(PDFName.of('Producer'), PDFString.of(PRODUCER));
  infoDict.set(PDFName.of('CreationDate'), PDFString.of(created.pdf));
  infoDict.set(PDFName.of('ModDate'), PDFString.of(modified.pdf));
  context.trailerInfo.Info = context.register(infoDict);

  const xmp = new TextEncoder().encode(xmpPacket(info, created.xmp, modified.xmp));
  // PDF/A: the metadata stream is not compressed, so any reader can find it.
  const metadata = context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  doc.catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const icc = await srgbProfile();
  const profile = context.flateStream(icc, { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: context.register(profile),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('vi'));

  // Same input, same permanent ID (first element); the second changes with every version written.
  const permanent = createHash('sha256').update(`baocao-pdf:${info.sourceSha256}`).digest('hex').slice(0, 32);
  const instance = createHash('sha256').update(`${permanent}:${modified.xmp}`).digest('hex').slice(0, 32);
  context.trailerInfo.ID = context.obj([PDFHexString.of(permanent), PDFHexString.of(instance)]);
}

function pdfDate(d: Date): { pdf: string; xmp: string } {
  const iso = d.toISOString().slice(0, 19);
  return { pdf: `D:${iso.replace(/[-:T]/g, '')}Z`, xmp: `${iso}Z` };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmpPacket(info: ArchiveInfo, created: string, modified: string): string {
  const alt = (tag: string, v: string) => `<${tag}><rdf:Alt><rdf:li xml:lang="x-default">${xml(v)}</rdf:li></rdf:Alt></${tag}>`;
  const fields = [
    '<pdfaid:part>2</pdfaid:part>',
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '<dc:format>application/pdf</dc:format>',
    alt('dc:title', info.title),
    info.author ? `<dc:creator><rdf:Seq><rdf:li>${xml(info.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    info.subject ? alt('dc:description', info.subject) : '',
    '<dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>',
    `<xmp:CreateDate>${created}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${modified}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${modified}</xmp:MetadataDate>`,
    '<xmp:CreatorTool>baocao</xmp:CreatorTool>',
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    `<xmpMM:DocumentID>uuid:${uuidFrom(info.sourceSha256)}</xmpMM:DocumentID>`,
    `<xmpMM:InstanceID>uuid:${randomUUID()}</xmpMM:InstanceID>`,
  ].filter(Boolean);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
      + ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    ...fields,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

function uuidFrom(hex: string): string {
  const h = hex.padEnd(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

let profile: Promise<Uint8Array> | undefined;

/** libvips's sRGB profile, as sharp attaches it to an image. */
function srgbProfile(): Promise<Uint8Array> {
  return (profile ??= (async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).withIccProfile('srgb').png().toBuffer();
    const icc = (await sharp(png).metadata()).icc;
    if (!icc || icc.length < 128) throw new Error('sharp gave no sRGB ICC profile');
    return new Uint8Array(icc);
  })());
}
