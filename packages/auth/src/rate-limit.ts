/**
 * A sliding-window counter kept in this process's memory: enough to slow guessing at one gateway. A
 * deployment with several gateway processes would keep the counters in a shared store instead.
 */
export class RateLimiter {
  private hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records one attempt under `key`; returns the seconds to wait when over the limit, else 0. */
  take(key: string): number {
    const now = this.clock();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return Math.ceil((recent[0]! + this.windowMs - now) / 1000);
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 100_000) this.sweep(now);
    return 0;
  }

  /** Seconds until `key` may try again without recording an attempt; 0 when it may. */
  retryAfter(key: string): number {
    const now = this.clock();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    return recent.length >= this.limit ? Math.ceil((recent[0]! + this.windowMs - now) / 1000) : 0;
  }

  /**
   * Takes back the latest attempt recorded under `key`: for limits that count every attempt up front (so a
   * burst of parallel attempts cannot all pass before the first is recorded) and then refund the good ones.
   */
  release(key: string): void {
    const times = this.hits.get(key);
    if (!times?.length) return;
    times.pop();
    if (times.length === 0) this.hits.delete(key);
  }

  /** Forgets `key` (e.g. after a successful sign-in). */
  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    for (const [k, times] of this.hits) if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(k);
  }
}
