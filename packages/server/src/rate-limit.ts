/** A fixed-window counter of failed logins per key (email and client address), in memory. */
export class FailureLimiter {
  private readonly hits = new Map<string, { n: number; until: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, at = Date.now()): boolean {
    const h = this.hits.get(key);
    return !!h && h.until > at && h.n >= this.max;
  }

  fail(key: string, at = Date.now()): void {
    const h = this.hits.get(key);
    if (!h || h.until <= at) this.hits.set(key, { n: 1, until: at + this.windowMs });
    else h.n++;
    if (this.hits.size > 100_000) for (const [k, v] of this.hits) if (v.until <= at) this.hits.delete(k);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }
}
