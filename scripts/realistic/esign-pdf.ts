/**
 * A born-digital PDF signed the way Vietnamese signing tools leave it: text pages (DejaVu Serif,
 * from the dejavu-fonts-ttf package, Bitstream Vera licence) with a signature field (/FT /Sig) as
 * a widget annotation on a page, listed in /AcroForm, whose /V signature dictionary holds /M,
 * /Reason, /Location, /ContactInfo, optionally /Name, and a /Contents that carries the signer's
 * certificate (a real DER X.509 certificate, not a valid signature: nothing here checks one).
 * Optionally the signing box's lines are also drawn on the page, as tools that flatten it do.
 * Built with pdf-lib's low-level objects; for tests and benches.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, rgb } from 'pdf-lib';

const require = createRequire(import.meta.url);
const fontPath = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

/**
 * A self-signed, non-CA test certificate (openssl req -x509 -utf8 -addext basicConstraints=CA:FALSE):
 * CN=Nguyễn Văn An, O=Ủy ban nhân dân tỉnh Quảng Ngãi, emailAddress=an@quangngai.gov.vn.
 */
export const TEST_CERTIFICATE = Buffer.from(
  'MIICvzCCAiigAwIBAgIUDB62YsvgpM529Igp8mhICKeM9NgwDQYJKoZIhvcNAQELBQAwcjEZMBcGA1UEAwwQTmd1eeG7hW4gVsSDbiBBbjExMC8GA1UECgwo4bumeSBiYW4gbmjDom4gZMOibiB04buJbmggUXXhuqNuZyBOZ8OjaTEiMCAGCSqGSIb3DQEJARYTYW5AcXVhbmduZ2FpLmdvdi52bjAgFw0yNjEyMDYxMTMzMjJaGA8yMTI2MTExMjExMzMyMlowcjEZMBcGA1UEAwwQTmd1eeG7hW4gVsSDbiBBbjExMC8GA1UECgwo4bumeSBiYW4gbmjDom4gZMOibiB04buJbmggUXXhuqNuZyBOZ8OjaTEiMCAGCSqGSIb3DQEJARYTYW5AcXVhbmduZ2FpLmdvdi52bjCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEAt/9PogJjKY4GOuV7ULZJXFsiDcDYb73HqcKXgxWAxHq5n4oSto0FibG0YUix1hfyq/lrXKDt5aNgeJO68YJVyfZCtjwuNNjBzawBMWIT69wpCFusDOcrs6ryXZc7nabeOZy39mkcnLLIdQpBDKIDZENSnXDFTh5yp+3Jn8kdNz0CAwEAAaNQME4wHQYDVR0OBBYEFA6Zmsf6uB61vVFfnmFh4DbiYyhJMB8GA1UdIwQYMBaAFA6Zmsf6uB61vVFfnmFh4DbiYyhJMAwGA1UdEwEB/wQCMAAwDQYJKoZIhvcNAQELBQADgYEAVfSd0zHDXjMpi6N1iCKT7ARkO6Aq3Nyn4u/CwoCbYoME+iCpOzMLAw+WeDfmr4QnwCKC7KxZpZBJjGFgUPd9AoUwZ72Q2LjdSHvyYfdm48Kkq1YD+49GJgThS6pqG6wYvVyjgMOBNp9kIwUrxqy3K2gJ8ELko1KBJTpgFQWfcsI=',
  'base64',
);

export interface SignedPdfOptions {
  /** Each page's text lines. */
  pages: string[][];
  /** Page (1-based) the signature widget is on (default: the last). */
  signaturePage?: number;
  /** /Name of the signature dictionary (UTF-16BE); absent: only the certificate names the signer. */
  name?: string;
  /** /M as a PDF date ("D:20250912101523+07'00'"). */
  time?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Put TEST_CERTIFICATE inside /Contents (default true). */
  certificate?: boolean;
  /** Lines of a signing box drawn visibly on the signature page (a flattened overlay). */
  overlayLines?: string[];
  /** More text drawn on the first page at `x` on line `line` (0-based), beside that line's text. */
  placed?: { text: string; x: number; line: number }[];
  /**
   * Values stamped into the first page's blanks by widgets of their own (the clerk's signature of
   * e-government tools: the number and the day), drawn only by each widget's appearance.
   */
  stamps?: { text: string; x: number; line: number }[];
  /** Lines of a signing box drawn by a widget's appearance on the first page (not the page). */
  boxLines?: string[];
}

export async function signedPdf(o: SignedPdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(fontPath('DejaVuSerif.ttf')), { subset: true });
  const lineY = (i: number) => 790 - i * 18;
  const pages = o.pages.map((lines, k) => {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 56, y: lineY(i), size: 12, font });
      // In reading order, as a word processor writes a line's pieces.
      if (k === 0) o.placed?.filter((p) => p.line === i).forEach((p) => page.drawText(p.text, { x: p.x, y: lineY(i), size: 12, font }));
    });
    return page;
  });
  const at = Math.min(Math.max(1, o.signaturePage ?? pages.length), pages.length) - 1;
  const page = pages[at]!;
  o.overlayLines?.forEach((line, i) => page.drawText(line, { x: 360, y: 826 - i * 9, size: 7, font, color: rgb(0.8, 0, 0) }));

  const ctx = doc.context;
  // A CMS-like blob: some DER framing, the certificate, then the zero padding tools reserve.
  const contents = o.certificate === false ? Buffer.alloc(64) : Buffer.concat([Buffer.from([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80]), TEST_CERTIFICATE, Buffer.alloc(256)]);
  const sig = ctx.obj({
    Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: 'adbe.pkcs7.detached',
    ByteRange: [0, 0, 0, 0],
  });
  sig.set(PDFName.of('Contents'), PDFHexString.of(contents.toString('hex')));
  if (o.name !== undefined) sig.set(PDFName.of('Name'), PDFHexString.fromText(o.name));
  if (o.time !== undefined) sig.set(PDFName.of('M'), PDFString.of(o.time));
  if (o.reason !== undefined) sig.set(PDFName.of('Reason'), PDFHexString.fromText(o.reason));
  if (o.location !== undefined) sig.set(PDFName.of('Location'), PDFHexString.fromText(o.location));
  if (o.contactInfo !== undefined) sig.set(PDFName.of('ContactInfo'), PDFString.of(o.contactInfo));
  const sigRef = ctx.register(sig);
  const widget = ctx.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of('Signature1'),
    Rect: [360, 760, 560, 830], F: 4, P: page.ref,
  });
  widget.set(PDFName.of('V'), sigRef);
  const widgetRef = ctx.register(widget);
  page.node.addAnnot(widgetRef);
  const drawn = (lines: string[], rect: number[], name: string) => {
    const [x0, y0, x1, y1] = rect as [number, number, number, number];
    const content = `BT /F1 ${lines.length > 1 ? 7 : 12} Tf ${lines.map((l, i) => `1 0 0 1 2 ${(y1 - y0 - 12 - i * 9).toFixed(1)} Tm ${font.encodeText(l).toString()} Tj`).join(' ')} ET`;
    const ap = ctx.stream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, x1 - x0, y1 - y0], Resources: ctx.obj({ Font: ctx.obj({ F1: font.ref }) }) });
    const w = ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of(name), Rect: rect, F: 4, P: pages[0]!.ref });
    w.set(PDFName.of('AP'), ctx.obj({ N: ctx.register(ap) }));
    const ref = ctx.register(w);
    pages[0]!.node.addAnnot(ref);
    return ref;
  };
  const extra = (o.stamps ?? []).map((s, i) => drawn([s.text], [s.x - 2, lineY(s.line) - 5, s.x + 60, lineY(s.line) + 15], `Stamp${i + 1}`));
  if (o.boxLines?.length) extra.push(drawn(o.boxLines, [380, 700, 580, 700 + 12 + o.boxLines.length * 9], 'Box'));
  const form = ctx.obj({ Fields: [widgetRef, ...extra] });
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.register(form));
  // Objects uncompressed: a signing tool's incremental update writes plain objects.
  return doc.save({ useObjectStreams: false });
}
