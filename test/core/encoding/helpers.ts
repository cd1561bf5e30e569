/** Test helpers: bytes from strings written in the way each encoding's bytes look. */

/** One byte per character (every character must be ≤ U+00FF). */
export function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new Error(`not a Latin-1 character: ${s[i]}`);
    out[i] = c;
  }
  return out;
}

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
