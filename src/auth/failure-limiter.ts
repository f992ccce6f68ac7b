const WINDOW_MS = 60_000;

/** Counts failed authentications per client address in a sliding minute; in memory, per instance. */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait when `address` is over the limit, else 0. */
  blockedFor(address: string, now = Date.now()): number {
    const recent = this.recent(address, now);
    return recent.length >= this.perMinute ? Math.ceil((recent[0] + WINDOW_MS - now) / 1000) : 0;
  }

  recordFailure(address: string, now = Date.now()): void {
    this.failures.set(address, [...this.recent(address, now), now]);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => now - t < WINDOW_MS);
  }
}
