/**
 * A document sent as a form upload (`curl -F file=@scan.pdf`, an HTML form, most HTTP clients'
 * "upload a file"): the body is multipart/form-data (RFC 7578), and its one file part is the
 * document, its filename the name hint. Read as raw bytes, the envelope (boundaries, part
 * headers) would be converted as if it were the document's own text.
 */

export interface FormFile {
  /** The part's bytes: a view into the body, not a copy. */
  data: Buffer;
  /** The part's filename, when it gives one. */
  filename?: string;
}

/** The boundary of a multipart/form-data Content-Type, or null for any other type. */
export function formBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : '';
}

/** A Content-Disposition parameter: `filename*=UTF-8''…` (RFC 5987) before `filename="…"`. */
function dispositionParam(headers: string, key: string): string | undefined {
  const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1];
  if (disposition === undefined) return undefined;
  const extended = new RegExp(`;\\s*${key}\\*=(?:utf-8)?''([^;\\s]+)`, 'i').exec(disposition);
  if (extended) { try { return decodeURIComponent(extended[1]!); } catch { /* the plain one */ } }
  const plain = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(disposition);
  return plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]) : undefined;
}

/**
 * The file parts of a multipart/form-data body (parts with a filename, or the only part when
 * there is one); a string saying what is wrong when the body is not a readable form.
 */
export function formFiles(body: Buffer, boundary: string): FormFile[] | string {
  if (!boundary) return 'a multipart/form-data body needs the boundary parameter in its Content-Type';
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) return `the form's boundary "${boundary}" is not in the body`;
  const parts: { headers: string; data: Buffer }[] = [];
  for (;;) {
    const after = at + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) break; // "--": the closing delimiter
    const headEnd = body.indexOf('\r\n\r\n', after);
    if (headEnd < 0) return 'a part of the form has no end to its headers';
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) return 'the form ends before its closing boundary (cut short?)';
    parts.push({ headers: body.toString('utf8', after, headEnd), data: body.subarray(headEnd + 4, next) });
    at = next + 2;
  }
  const files = parts.filter((p) => dispositionParam(p.headers, 'filename') !== undefined);
  const chosen = files.length || parts.length !== 1 ? files : parts;
  return chosen.map((p) => {
    const filename = dispositionParam(p.headers, 'filename');
    return filename ? { data: p.data, filename } : { data: p.data };
  });
}
