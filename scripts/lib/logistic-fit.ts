/**
 * L2-regularised logistic regression by Newton's method (IRLS): deterministic, no randomness,
 * a few iterations for a couple of dozen features.
 */
export interface LogisticModel { weights: number[]; bias: number }

export function fitLogistic(xs: readonly number[][], ys: readonly number[], lambda = 1, iterations = 30): LogisticModel {
  const d = (xs[0]?.length ?? 0) + 1; // the intercept last
  const w = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(d);
    const hess = Array.from({ length: d }, () => new Float64Array(d));
    for (let n = 0; n < xs.length; n++) {
      const x = xs[n]!;
      let z = w[d - 1]!;
      for (let k = 0; k < d - 1; k++) z += w[k]! * x[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const r = p - ys[n]!, s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        const xa = a === d - 1 ? 1 : x[a]!;
        grad[a] = grad[a]! + r * xa;
        const row = hess[a]!;
        for (let b = a; b < d; b++) row[b] = row[b]! + s * xa * (b === d - 1 ? 1 : x[b]!);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) hess[a]![b] = hess[b]![a]!;
      if (a < d - 1) { grad[a] = grad[a]! + lambda * w[a]!; hess[a]![a] = hess[a]![a]! + lambda; }
    }
    const step = solve(hess, grad);
    let change = 0;
    for (let k = 0; k < d; k++) { w[k] = w[k]! - step[k]!; change = Math.max(change, Math.abs(step[k]!)); }
    if (change < 1e-7) break;
  }
  return { weights: Array.from(w.subarray(0, d - 1)), bias: w[d - 1]! };
}

/** Gaussian elimination with partial pivoting (the Hessian is small and positive definite). */
function solve(m: Float64Array[], v: Float64Array): Float64Array {
  const n = v.length;
  const a = m.map((row, i) => Float64Array.from([...row, v[i]!]));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k] = a[r]![k]! - f * a[c]![k]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}
