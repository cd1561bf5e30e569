/** 8-bit quantisation with equal-population bins (codebook value = mean of the bin). Deterministic. */
export function buildCodebook(values: Float32Array, levels = 256): Float32Array {
  const sorted = Float32Array.from(values).sort();
  const book = new Float32Array(levels);
  const n = sorted.length;
  if (n === 0) return book;
  for (let k = 0; k < levels; k++) {
    const a = Math.floor((k * n) / levels), b = Math.max(a + 1, Math.floor(((k + 1) * n) / levels));
    let s = 0;
    for (let i = a; i < b && i < n; i++) s += sorted[i]!;
    book[k] = s / (Math.min(b, n) - a);
  }
  return book.sort();
}

export function quantize(values: Float32Array, book: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let a = 0, b = book.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (book[m + 1]! <= v) a = m + 1;
      else b = m;
    }
    // a: last entry <= v (or 0); pick the nearer of a and a+1.
    if (a + 1 < book.length && Math.abs(book[a + 1]! - v) < Math.abs(book[a]! - v)) a++;
    out[i] = a;
  }
  return out;
}
