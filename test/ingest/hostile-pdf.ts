/**
 * PDFs made to be slow to read: each has a valid document catalog (/Root), so ingest/pdf.ts's
 * quick refusal of catalog-less junk does not apply and pdf.js has to do the work. Generated, so
 * tests and bench:junk-pdf need no stored files; `scale` sets how much work (1: a few seconds of
 * pdf.js on one core, more for a bench).
 */

export type HostileKind = 'bogus-xref' | 'nested-arrays' | 'many-operators';
export const HOSTILE_KINDS: HostileKind[] = ['bogus-xref', 'nested-arrays', 'many-operators'];

const enc = (s: string) => new TextEncoder().encode(s);

/** A one-page PDF around `content` (the page's content stream) with a correct xref table. */
function onePage(content: string, extra = ''): string {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>${extra} >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => { const at = pdf.length; pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; return at; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}

/**
 * `bogus-xref`: a trailer with /Root but a startxref into nowhere, behind megabytes of tiny
 * objects, so pdf.js rebuilds the cross-reference table by tokenising the whole file, then
 * finds a catalog pointing at pages that are not there.
 * `nested-arrays`: a page whose /Annots is an array nested thousands deep.
 * `many-operators`: a page content stream of millions of drawing operators.
 */
export function hostilePdf(kind: HostileKind, scale = 1): Uint8Array {
  if (kind === 'many-operators') {
    const n = Math.round(400_000 * scale);
    return enc(onePage('BT /F1 1 Tf 0 0 Td (a) Tj ET\n' + '0 0 1 1 re f\n'.repeat(n)));
  }
  if (kind === 'nested-arrays') {
    const depth = Math.round(200_000 * scale);
    return enc(onePage('BT /F1 12 Tf 10 100 Td (trang) Tj ET', ` /Annots ${'['.repeat(depth)}${']'.repeat(depth)}`));
  }
  const parts = ['%PDF-1.4\n'];
  const n = Math.round(600_000 * scale);
  for (let i = 0; i < n; i++) parts.push(`${i + 10} 0 obj\n<< /A [${i} 0 R] >>\nendobj\n`);
  parts.push('trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n999999999\n%%EOF\n');
  return enc(parts.join(''));
}
