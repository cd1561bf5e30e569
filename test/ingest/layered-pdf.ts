/**
 * Test helper: a one-page PDF like a scanner's "searchable" output — a page image (JPEG) with a
 * text layer drawn over it, invisibly (render mode 3) or visibly, or text alone. The font is
 * Helvetica with a ToUnicode map, so any Unicode text (Vietnamese marks included) is extractable.
 */
export interface LayeredPdf {
  /** Text lines of the layer. */
  lines: string[];
  /** 3 = invisible (a scanner's OCR layer), 0 = ordinary filled text. */
  renderMode: 0 | 3;
  /** The page scan and its pixel size; absent: a text-only page. */
  jpeg?: { bytes: Uint8Array; width: number; height: number };
  /** Page size in points (default: the image at 300 dpi, else A4). */
  pagePt?: [number, number];
}

export function layeredPdf(o: LayeredPdf): Uint8Array {
  const [w, h] = o.pagePt ?? (o.jpeg ? [o.jpeg.width * 0.24, o.jpeg.height * 0.24] : [595, 842]);
  const chars = [...new Set([...o.lines.join('')])];
  if (chars.length > 200) throw new Error('too many distinct characters for a one-byte font');
  const code = (c: string) => (chars.indexOf(c) + 0x21).toString(16).padStart(2, '0');
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CMapName /Layer def /CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange',
    `${chars.length} beginbfchar`,
    // Every character of the tests is in the Basic Multilingual Plane: one UTF-16 unit.
    ...chars.map((c) => `<${code(c)}> <${c.codePointAt(0)!.toString(16).padStart(4, '0')}>`),
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const size = Math.max(4, Math.min(12, (h - 10) / (o.lines.length + 1)));
  const text = o.lines.map((l, i) => `1 0 0 1 6 ${(h - (i + 1) * size * 1.1).toFixed(1)} Tm <${[...l].map(code).join('')}> Tj`).join('\n');
  const content = `${o.jpeg ? `q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q\n` : ''}BT /F1 ${size.toFixed(1)} Tf ${o.renderMode} Tr\n${text}\nET`;
  const objects: (string | [string, Uint8Array])[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >>${o.jpeg ? ' /XObject << /Im1 7 0 R >>' : ''} >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>',
    `<< /Length ${cmap.length} >>\nstream\n${cmap}\nendstream`,
  ];
  if (o.jpeg) objects.push([`<< /Type /XObject /Subtype /Image /Width ${o.jpeg.width} /Height ${o.jpeg.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${o.jpeg.bytes.length} >>\nstream\n`, o.jpeg.bytes]);
  const parts: Uint8Array[] = [];
  let length = 0;
  const put = (x: string | Uint8Array) => { const b = typeof x === 'string' ? Buffer.from(x, 'latin1') : x; parts.push(b); length += b.length; };
  put('%PDF-1.4\n');
  const offsets = objects.map((obj, i) => {
    const at = length;
    put(`${i + 1} 0 obj\n`);
    if (typeof obj === 'string') put(obj);
    else { put(obj[0]); put(obj[1]); put('\nendstream'); }
    put('\nendobj\n');
    return at;
  });
  const xref = length;
  put(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}`);
  put(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}
