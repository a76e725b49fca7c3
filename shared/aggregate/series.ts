/**
 * The two time series of the live screen: the last 5 minutes in 10-second buckets (a ring,
 * aligned to epoch multiples of 10 s) and the whole show in 1-minute buckets (aligned to the
 * show's start, bounded to the latest 24 hours). Counters are added at the aggregator's
 * clock (the running newest event time); `online` holds the latest online figure of a bucket,
 * and a bucket without events inherits the figure of the one before.
 */
import type { Series } from '../viewmodel/room';

/** Column index of each series field (a literal object: the hot path reads it per event). */
export const F = {
  online: 0, enters: 1, exits: 2, comments: 3, likes: 4, follows: 5, shares: 6, gmv: 7, orders: 8, buyers: 9,
  adSpend: 10, adGmv: 11,
} as const;
export type SeriesField = keyof typeof F;
export const SERIES_FIELDS = (Object.keys(F) as SeriesField[]).sort((a, b) => F[a] - F[b]);
const NF = SERIES_FIELDS.length;

export const RECENT_BUCKET_MS = 10_000;
export const RECENT_BUCKETS = 30;
const RING = 64; // ≥ the 60 buckets the 5-minute comparisons look back over

/** Last-minutes series: a ring of 10-second buckets. */
export class RecentSeries {
  private readonly data = new Float64Array(RING * NF);
  private readonly stamp = new Float64Array(RING).fill(-1);
  /** bucket number (time / 10 s) of the current bucket; -1 before the first event */
  current = -1;

  /** Move the current bucket to `bucket`, clearing the skipped ones (online carried over). */
  roll(bucket: number, online: number): void {
    if (bucket <= this.current) return;
    const from = Math.max(this.current + 1, bucket - RING + 1);
    for (let b = from; b <= bucket; b++) {
      const slot = (b % RING) * NF;
      this.data.fill(0, slot, slot + NF);
      this.data[slot + F.online] = online;
      this.stamp[b % RING] = b;
    }
    this.current = bucket;
  }

  add(field: number, value: number): void {
    if (this.current < 0) return;
    this.data[(this.current % RING) * NF + field]! += value;
  }

  set(field: number, value: number): void {
    if (this.current < 0) return;
    this.data[(this.current % RING) * NF + field] = value;
  }

  build(): Series {
    const s = emptySeries();
    if (this.current < 0) return s;
    for (let b = this.current - RECENT_BUCKETS + 1; b <= this.current; b++) {
      s.t.push(b * RECENT_BUCKET_MS);
      const slot = (((b % RING) + RING) % RING) * NF;
      const valid = this.stamp[((b % RING) + RING) % RING] === b;
      SERIES_FIELDS.forEach((f, i) => s[f].push(valid ? this.data[slot + i]! : 0));
    }
    return s;
  }
}

export const MINUTE_MS = 60_000;
/** A 24-hour show is the longest the minute series keeps; older minutes slide out. */
export const MAX_MINUTES = 24 * 60;

/** Whole-show series: one bucket per show minute, the latest MAX_MINUTES of them. */
export class MinuteSeries {
  private readonly cols: number[][] = SERIES_FIELDS.map(() => []);
  private first = 0; // minute number of cols[*][0]
  current = -1;

  constructor(private startedAt = 0) {}

  setStart(startedAt: number): void {
    if (this.current < 0) this.startedAt = startedAt;
  }

  roll(minute: number, online: number): void {
    if (minute <= this.current) return;
    if (minute - this.current > MAX_MINUTES) {
      for (const c of this.cols) c.length = 0;
      this.first = minute - MAX_MINUTES + 1;
      this.current = this.first - 1;
    }
    for (let m = this.current + 1; m <= minute; m++) {
      this.cols.forEach((c, i) => c.push(i === F.online ? online : 0));
    }
    this.current = minute;
    const excess = this.current - this.first + 1 - MAX_MINUTES;
    if (excess > 0) {
      for (const c of this.cols) c.splice(0, excess);
      this.first += excess;
    }
  }

  add(field: number, value: number): void {
    const c = this.cols[field]!;
    if (c.length) c[c.length - 1]! += value;
  }

  set(field: number, value: number): void {
    const c = this.cols[field]!;
    if (c.length) c[c.length - 1] = value;
  }

  build(): Series {
    const s = emptySeries();
    const n = this.cols[0]!.length;
    for (let i = 0; i < n; i++) s.t.push(this.startedAt + (this.first + i) * MINUTE_MS);
    SERIES_FIELDS.forEach((f, i) => (s[f] = this.cols[i]!.slice()));
    return s;
  }
}

export function emptySeries(): Series {
  return {
    t: [], online: [], enters: [], exits: [], comments: [], likes: [], follows: [], shares: [],
    gmv: [], orders: [], buyers: [], adSpend: [], adGmv: [],
  };
}
