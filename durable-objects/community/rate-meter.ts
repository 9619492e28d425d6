/** Posting rate over a sliding window, from post timestamps kept in memory (bounded). */
export class RateMeter {
  private readonly stamps: number[] = [];
  constructor(
    private readonly windowMs = 5 * 60_000,
    private readonly max = 10_000,
  ) {}

  record(nowMs: number): void {
    this.stamps.push(nowMs);
    if (this.stamps.length > this.max) this.stamps.splice(0, this.stamps.length - this.max);
  }

  perMinute(nowMs: number): number {
    const from = nowMs - this.windowMs;
    while (this.stamps.length && (this.stamps[0] ?? 0) < from) this.stamps.shift();
    // Over the last minute if it is busier than the 5-minute average, so a burst shows at once.
    const lastMinute = this.stamps.filter((t) => t >= nowMs - 60_000).length;
    const average = this.stamps.length / (this.windowMs / 60_000);
    return Math.round(Math.max(lastMinute, average) * 10) / 10;
  }
}
