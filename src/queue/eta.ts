/**
 * The ETA `queue status` gives. From the rate of finished files alone, a 128-page scan running for
 * 40 minutes after a run of small files showed "ETA 0 min 6 s": a job that reads pages reports them
 * (pagesDone of pagesTotal, and the time it took for them), and its time left is its own pace times
 * its pages left; the other jobs' time is the file rate's. They run side by side: the ETA is the
 * longer of the two.
 */

/** What a worker stores as a job's progress while it reads a scan's pages (job.updateProgress). */
export interface PageProgress {
  pagesDone: number;
  pagesTotal: number;
  /** Time since the job started on its worker, measured there (no clock skew between machines). */
  elapsedMs: number;
}

export function isPageProgress(p: unknown): p is PageProgress {
  const o = p as Partial<PageProgress> | null;
  return typeof o === 'object' && o !== null && Number.isFinite(o.pagesDone) && Number.isFinite(o.pagesTotal) && Number.isFinite(o.elapsedMs);
}

/** Seconds left, or null when nothing tells yet (no file finished and no pages read). */
export function queueEtaSeconds(o: { rate: number | null; waiting: number; active: unknown[] }): number | null {
  const paced = o.active.filter((p): p is PageProgress => isPageProgress(p) && p.pagesDone > 0 && p.pagesTotal >= p.pagesDone);
  const byPages = paced.map((p) => (p.elapsedMs / p.pagesDone) * (p.pagesTotal - p.pagesDone) / 1000);
  const others = o.waiting + o.active.length - paced.length;
  const byRate = others === 0 ? 0 : o.rate ? others / o.rate : null;
  if (byRate === null) return null;
  return Math.round(Math.max(byRate, ...byPages));
}

/** "1 job", "3 jobs". */
export function jobsSaid(n: number): string {
  return `${n} job${n === 1 ? '' : 's'}`;
}

/** "6 s", "40 min 6 s", "2 h 5 min". */
export function durationSaid(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
