/**
 * Failed credential attempts, per remote address: the first few are free (a mistyped URL, a
 * stale cookie), then each further failure makes that address wait before its next attempt is
 * even checked — 1 s, 2 s, 4 s … at most 60 s — so guessing a token from one machine is slowed
 * to about a try a minute. An address is forgotten after 15 minutes without a failure, and at
 * most `maxAddresses` are remembered (the oldest go first), so the table cannot be grown without
 * bound by a flood of addresses. A success does not wipe the count: otherwise a caller holding
 * the view token could alternate good requests with guesses of the admin token.
 */
export interface AttemptThrottleOptions {
  /** failures allowed before waits begin */
  free?: number;
  baseMs?: number;
  maxMs?: number;
  forgetMs?: number;
  maxAddresses?: number;
  now?: () => number;
}

interface Record {
  failures: number;
  last: number;
}

export class AttemptThrottle {
  private readonly seen = new Map<string, Record>();
  private readonly free: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly forgetMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(opts: AttemptThrottleOptions = {}) {
    this.free = opts.free ?? 5;
    this.baseMs = opts.baseMs ?? 1000;
    this.maxMs = opts.maxMs ?? 60_000;
    this.forgetMs = opts.forgetMs ?? 15 * 60_000;
    this.maxAddresses = opts.maxAddresses ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  private record(address: string): Record | undefined {
    const r = this.seen.get(address);
    if (r && this.now() - r.last >= this.forgetMs) {
      this.seen.delete(address);
      return undefined;
    }
    return r;
  }

  /** ms this address must still wait before an attempt of it is checked; 0 = go ahead. */
  waitMs(address: string): number {
    const r = this.record(address);
    if (!r || r.failures < this.free) return 0;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** (r.failures - this.free));
    return Math.max(0, r.last + delay - this.now());
  }

  failed(address: string): void {
    const r = this.record(address) ?? { failures: 0, last: 0 };
    r.failures++;
    r.last = this.now();
    // re-insert so the Map's order is the order of last failure (the oldest is first)
    this.seen.delete(address);
    this.seen.set(address, r);
    while (this.seen.size > this.maxAddresses) this.seen.delete(this.seen.keys().next().value as string);
  }

  get size(): number {
    return this.seen.size;
  }
}
