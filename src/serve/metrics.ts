/** Prometheus text exposition of the service's counters, without a client library (a few lines). */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durationBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
  private readonly durationCounts = new Array<number>(this.durationBuckets.length + 1).fill(0);
  private durationSum = 0;
  private durationCount = 0;

  request(route: string, status: number, seconds: number): void {
    const key = `route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    if (route !== '/v1/convert') return;
    const i = this.durationBuckets.findIndex((b) => seconds <= b);
    this.durationCounts[i < 0 ? this.durationBuckets.length : i]! += 1;
    this.durationSum += seconds;
    this.durationCount += 1;
  }

  text(gauges: { inFlight: number; queued: number }): string {
    const lines = [
      '# HELP baocao_requests_total HTTP requests by route and status.',
      '# TYPE baocao_requests_total counter',
      ...[...this.requests].sort().map(([labels, n]) => `baocao_requests_total{${labels}} ${n}`),
      '# HELP baocao_convert_duration_seconds Time to answer a conversion.',
      '# TYPE baocao_convert_duration_seconds histogram',
    ];
    let cumulative = 0;
    this.durationBuckets.forEach((b, i) => {
      cumulative += this.durationCounts[i]!;
      lines.push(`baocao_convert_duration_seconds_bucket{le="${b}"} ${cumulative}`);
    });
    lines.push(`baocao_convert_duration_seconds_bucket{le="+Inf"} ${this.durationCount}`);
    lines.push(`baocao_convert_duration_seconds_sum ${this.durationSum.toFixed(3)}`, `baocao_convert_duration_seconds_count ${this.durationCount}`);
    lines.push('# HELP baocao_in_flight Conversions running now.', '# TYPE baocao_in_flight gauge', `baocao_in_flight ${gauges.inFlight}`);
    lines.push('# HELP baocao_queued Conversions waiting for a slot.', '# TYPE baocao_queued gauge', `baocao_queued ${gauges.queued}`);
    return lines.join('\n') + '\n';
  }
}
