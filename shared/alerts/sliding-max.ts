/**
 * The highest value seen within the last `windowMs` (a monotonic deque: O(1) amortised per
 * sample). Samples are coalesced into `windowMs / BUCKETS` buckets, so memory is bounded by
 * BUCKETS whatever the evaluation rate (10 Hz over a 120-minute window would be 72,000 samples).
 */
const BUCKETS = 240;

export class SlidingMax {
  private readonly ts: number[] = [];
  private readonly vs: number[] = [];
  private readonly bucketMs: number;

  constructor(private readonly windowMs: number) {
    this.bucketMs = Math.max(1, windowMs / BUCKETS);
  }

  /** Add a sample at time `t` (never earlier than the previous one) and return the window's maximum. */
  push(t: number, v: number): number {
    const now = t;
    const n = this.ts.length;
    if (n > 0 && Math.floor(this.ts[n - 1]! / this.bucketMs) === Math.floor(t / this.bucketMs)) {
      // same bucket: the bucket keeps its start time and the larger value
      v = Math.max(v, this.vs[n - 1]!);
      t = this.ts[n - 1]!;
      this.ts.pop();
      this.vs.pop();
    }
    while (this.vs.length > 0 && this.vs[this.vs.length - 1]! <= v) {
      this.ts.pop();
      this.vs.pop();
    }
    this.ts.push(t);
    this.vs.push(v);
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < this.ts.length - 1 && this.ts[drop]! < from) drop++;
    if (drop > 0) {
      this.ts.splice(0, drop);
      this.vs.splice(0, drop);
    }
    return this.vs[0]!;
  }

  get size(): number {
    return this.ts.length;
  }
}
