/**
 * Percentiles of an indicator value (docs/product.md "Verdict of one indicator value"):
 * against the peer tier's benchmark quantiles, and against the shop's own history windows.
 * Both are in [0, 100]; for lower-is-better indicators each becomes 100 − percentile.
 */
import type { Better, BenchmarkQuantiles, Verdict } from './types';

/** True when 0 ≤ p25 ≤ p50 ≤ p75 ≤ p90: the curve through them is a function. */
export function quantilesOrdered(q: BenchmarkQuantiles): boolean {
  return 0 <= q.p25 && q.p25 <= q.p50 && q.p50 <= q.p75 && q.p75 <= q.p90;
}

/**
 * Piecewise-linear through (0,0), (p25,25), (p50,50), (p75,75), (p90,90); above p90
 * min(100, 90 + 10·(v−p90)/(p90−p75)). Where several quantiles are equal and v equals them the
 * curve is vertical: v gets the middle of that vertical stretch (e.g. p25 = p50 = v → 37.5).
 * Null when the quantiles are not ordered.
 */
export function peerPercentile(v: number, q: BenchmarkQuantiles): number | null {
  if (!quantilesOrdered(q)) return null;
  const xs = [0, q.p25, q.p50, q.p75, q.p90];
  const ys = [0, 25, 50, 75, 90];
  if (v > q.p90) return q.p90 > q.p75 ? Math.min(100, 90 + (10 * (v - q.p90)) / (q.p90 - q.p75)) : 100;
  if (v < 0) return 0;
  const at = ys.filter((_, i) => xs[i] === v);
  if (at.length > 0) return at.reduce((a, b) => a + b, 0) / at.length;
  for (let i = 0; i + 1 < xs.length; i++) {
    const x0 = xs[i]!, x1 = xs[i + 1]!;
    if (v > x0 && v < x1) return ys[i]! + ((ys[i + 1]! - ys[i]!) * (v - x0)) / (x1 - x0);
  }
  return null; // unreachable for ordered quantiles
}

/** 100 × (windows below v + ½ × windows equal to v) ÷ windows; null under 3 windows. */
export function historyPercentile(v: number, history: number[]): number | null {
  if (history.length < 3) return null;
  let below = 0;
  let equal = 0;
  for (const h of history) {
    if (h < v) below++;
    else if (h === v) equal++;
  }
  return (100 * (below + equal / 2)) / history.length;
}

export function oriented(p: number | null, better: Better): number | null {
  return p === null ? null : better === 'lower' ? 100 - p : p;
}

/** Mean of the available percentiles → verdict; null when there is none. */
export function verdictOf(percentiles: (number | null)[]): { score: number; verdict: Verdict } | null {
  const ps = percentiles.filter((p): p is number => p !== null);
  if (ps.length === 0) return null;
  const score = ps.reduce((a, b) => a + b, 0) / ps.length;
  return { score, verdict: score >= 75 ? 'excellent' : score < 40 ? 'lagging' : 'average' };
}

/** Median of a list (mean of the middle two for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
