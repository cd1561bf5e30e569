/**
 * A bounded load on a running `baocao serve` over loopback: `total` POST /v1/convert of one document
 * shared by `clients` concurrent clients (Node's fetch), with every status counted.
 */
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  clients: number;
  requests: number;
  ok: number;
  busy: number;
  other: number;
  seconds: number;
  /** Latencies of the 200 answers, ms, sorted. */
  latencies: number[];
}

export async function postOnce(base: string, name: string, body: Blob): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(`${base}/v1/convert?name=${encodeURIComponent(name)}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' }, signal: AbortSignal.timeout(120_000) });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t };
}

export async function load(base: string, name: string, body: Blob, clients: number, total: number): Promise<LoadResult> {
  const r: LoadResult = { clients, requests: total, ok: 0, busy: 0, other: 0, seconds: 0, latencies: [] };
  let left = total;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left > 0) {
        left--;
        const { status, ms } = await postOnce(base, name, body).catch(() => ({ status: 0, ms: 0 }));
        if (status === 200) (r.ok++, r.latencies.push(ms));
        else if (status === 503) r.busy++;
        else r.other++;
      }
    }),
  );
  r.seconds = (performance.now() - t) / 1000;
  r.latencies.sort((a, b) => a - b);
  return r;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Polls `url` until it answers 200 (seconds waited), or throws after `timeoutMs`. */
export async function waitFor200(url: string, timeoutMs = 60_000): Promise<number> {
  const t = performance.now();
  while (performance.now() - t < timeoutMs) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return (performance.now() - t) / 1000;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}
