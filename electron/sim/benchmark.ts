/**
 * The `benchmark` events of a simulated room: the peer tier's (同行同层) distribution of every
 * indicator id of docs/product.md for the shop's category and tier, per window. Centred on what a
 * typical simulated room of that shop produces, so a diagnosis of simulated sessions gives a
 * mix of verdicts rather than all-excellent or all-lagging.
 */
import type { Random } from './random';

export type BenchmarkWindow = '1d' | '7d' | '30d';
type Quantiles = { p25: number; p50: number; p75: number; p90: number };

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export interface PeerProfile {
  category: string;
  tier: string;
  /** traffic scale of the shop (1 = typical) */
  scale: number;
  /** typical price per item in fen */
  itemPrice: number;
}

export function benchmarkFor(peer: PeerProfile, window: BenchmarkWindow, r: Random): Record<string, unknown> {
  const days = window === '1d' ? 1 : window === '7d' ? 7 : 30;
  // higher-is-better and lower-is-better alike: the values themselves rise p25 → p90
  const spread = (p50: number, lo: number, hi: number, top: number): Quantiles => {
    const j = 0.9 + r() * 0.2;
    return { p25: round(p50 * lo * j), p50: round(p50 * j), p75: round(p50 * hi * j), p90: round(p50 * top * j) };
  };
  const q = (p50: number) => spread(p50, 0.65, 1.45, 2.1);
  const lower = (p50: number) => spread(p50, 0.55, 1.6, 2.4);
  const rate = (p50: number, lo: number, hi: number, top: number) => spread(p50, lo / p50, hi / p50, top / p50);
  const s = peer.scale;
  return {
    scope: { category: peer.category, tier: peer.tier },
    window,
    indicators: {
      // summed over the window's sessions: about one 2-hour show a day
      effective_duration: q(2 * 3600 * days * 0.9),
      avg_watch_duration: q(110),
      avg_online: q(220 * s),
      peak_online: q(650 * s),
      product_click_rate: q(0.2),
      click_to_order_rate: q(0.11),
      watch_to_order_rate: q(0.018),
      item_price: q(peer.itemPrice),
      ship_48h_rate: rate(0.9, 0.82, 0.95, 0.98),
      quality_return_rate: lower(0.025),
      negative_review_rate: lower(0.06),
      complaint_rate: lower(0.008),
      reply_3min_rate: rate(0.75, 0.6, 0.85, 0.93),
      delivery_hours: lower(62),
      refund_only_hours: lower(22),
      return_refund_hours: lower(70),
      dispute_rate: lower(0.07),
      talent_gmv: q(6_000_000 * s * days),
      head_talent_gmv: q(4_000_000 * s * days),
      mid_talent_gmv: q(2_000_000 * s * days),
    },
  };
}
