/**
 * What a product's rate is judged against: the category benchmark when the session has one
 * for the product's category (docs/product.md: the peer tier's quantiles), otherwise the room's own
 * average over its cart. Below the benchmark means below its p25 (the "lagging" quarter of
 * peers); below the room means under 70% of the room's average.
 */
import { ratio } from '../metrics/glossary';
import type { BenchmarkRow, ProductRow } from '../viewmodel/room';

/** A one-show rate compares best with a one-day window; longer windows stand in when missing. */
const WINDOWS = ['1d', '7d', '30d'] as const;
export const ROOM_FACTOR = 0.7;

export type RateId = 'product_click_rate' | 'click_to_order_rate';

export interface Reference {
  basis: 'benchmark' | 'room';
  /** a product under this value is flagged */
  threshold: number;
}

/**
 * The benchmark for a product: same category; a price-band one for its band wins over the
 * shop-level one; tier the shop's or none; shortest window first. Null when none applies.
 */
export function benchmarkFor(benchmarks: readonly BenchmarkRow[], category: string, priceBand: string | null, shopTier: string, id: RateId): BenchmarkRow | null {
  for (const band of priceBand === null ? [null] : [priceBand, null]) {
    for (const window of WINDOWS) {
      const hit = benchmarks.find((b) => b.category === category && b.priceBand === band && b.window === window && (b.tier === null || b.tier === shopTier) && b.indicators[id]);
      if (hit) return hit;
    }
  }
  return null;
}

/** The room's own rate over the cart: Σ numerator ÷ Σ denominator of the products. */
export function roomRate(products: readonly ProductRow[], id: RateId): number | null {
  let num = 0;
  let den = 0;
  for (const p of products) {
    num += id === 'product_click_rate' ? p.clickUsers : p.buyers;
    den += id === 'product_click_rate' ? p.exposureUsers : p.clickUsers;
  }
  return ratio(num, den);
}

export function referenceFor(p: ProductRow, id: RateId, benchmarks: readonly BenchmarkRow[], shopTier: string, room: number | null): Reference | null {
  const b = benchmarkFor(benchmarks, p.category, p.priceBand ?? null, shopTier, id);
  if (b) return { basis: 'benchmark', threshold: b.indicators[id]!.p25 };
  return room === null ? null : { basis: 'room', threshold: room * ROOM_FACTOR };
}
