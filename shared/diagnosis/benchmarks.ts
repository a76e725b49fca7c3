/**
 * The benchmark in force (docs/product.md): it applies when its scope.category and scope.tier equal
 * the shop's and its window equals the window's length; the one with the latest ts (then seq)
 * wins. Shop-level benchmarks carry no priceBand; product-level ones (talent analysis) do.
 */
import type { BenchmarkQuantiles, BenchmarkSeen, SessionStats } from './types';

export interface BenchmarkPick {
  benchmark: BenchmarkSeen | null;
  reason?: string;
}

function later(a: BenchmarkSeen, b: BenchmarkSeen | null): boolean {
  return b === null || a.ts > b.ts || (a.ts === b.ts && a.seq > b.seq);
}

export function allBenchmarks(sessions: SessionStats[]): BenchmarkSeen[] {
  return sessions.flatMap((s) => s.benchmarks);
}

export function shopBenchmark(all: BenchmarkSeen[], category: string | null, tier: string | null, days: number): BenchmarkPick {
  if (category === null) return { benchmark: null, reason: 'shop category unknown' };
  const window = `${days}d`;
  let best: BenchmarkSeen | null = null;
  for (const b of all) {
    if (b.scope.category === category && b.scope.tier === tier && b.scope.priceBand === null && b.window === window && later(b, best)) best = b;
  }
  return best ? { benchmark: best } : { benchmark: null, reason: `no benchmark for this tier (${category}/${tier ?? '—'}, ${window})` };
}

/** Product-level benchmark for a category + price band (tier: the shop's, or none given). */
export function productBenchmark(all: BenchmarkSeen[], category: string, priceBand: string | null, shopTier: string | null, days: number): BenchmarkSeen | null {
  const window = `${days}d`;
  let best: BenchmarkSeen | null = null;
  for (const b of all) {
    if (b.scope.category !== category || b.scope.priceBand !== priceBand || b.window !== window) continue;
    if (b.scope.tier !== null && b.scope.tier !== shopTier) continue;
    if (priceBand === null) continue; // a shop-level benchmark is not a same-price-band one
    if (later(b, best)) best = b;
  }
  return best;
}

export function quantilesOf(pick: BenchmarkPick, id: string): { quantiles: BenchmarkQuantiles | null; reason?: string } {
  if (!pick.benchmark) return { quantiles: null, reason: pick.reason ?? 'no benchmark for this tier' };
  const q = pick.benchmark.indicators[id];
  return q ? { quantiles: q } : { quantiles: null, reason: `benchmark has no ${id}` };
}
