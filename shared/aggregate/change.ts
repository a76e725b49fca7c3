/**
 * `change5m`: each figure's change over the last 5 minutes vs the 5 minutes before, in event
 * time, as a fraction (0.25 = +25 %). Three kinds of figure, three readings of "change":
 *
 * - flow (a running total: GMV, PV, UV, likes…): what accrued in the last 5 minutes vs what
 *   accrued in the 5 minutes before — `(Δlast − Δprev) ÷ Δprev`;
 * - ratio (a quotient of two running totals: GPM, conversion rates, CTR, ROI…): the quotient of
 *   what accrued in each window — e.g. GPM of the last 5 minutes vs GPM of the 5 before;
 * - level (a state: online, peak, the averages): the figure now vs 5 minutes ago.
 *
 * Anything undefined (a zero or null base) is null. The windows are the aggregator's 10-second
 * buckets: with `b` the start of the bucket holding the newest event time, "now" is the current
 * state, "5 minutes ago" the state at b − 290 s and "10 minutes ago" the state at b − 590 s
 * (the state at a boundary X = every event before the first one at or after X, with time-based
 * figures taken at X). So the last window is exactly the 30 buckets of `recent`.
 */
import { METRIC_IDS, ratio, type MetricId } from '../metrics/glossary';
import type { Figure, Figures } from '../viewmodel/room';

/** Running totals the figures do not show but ratio changes need. */
export interface Aux {
  interactors: number;
  fanBuyers: number;
}
export interface Snapshot {
  figures: Figures;
  aux: Aux;
}

type Term = MetricId | keyof Aux;
export type ChangeKind =
  | { kind: 'flow' }
  | { kind: 'level' }
  | { kind: 'ratio'; num: Term; den: Term; scale?: number };

const flow = { kind: 'flow' } as const;
const level = { kind: 'level' } as const;
const q = (num: Term, den: Term, scale?: number): ChangeKind => ({ kind: 'ratio', num, den, ...(scale ? { scale } : {}) });

export const CHANGE_KINDS: Record<MetricId, ChangeKind> = {
  gmv: flow, orders: flow, items: flow, buyers: flow, uv: flow, pv: flow,
  product_exposure_users: flow, product_click_users: flow, new_followers: flow,
  fansclub_joins: flow, comments: flow, likes: flow, shares: flow, effective_duration: flow,
  ad_spend: flow, ad_impressions: flow, ad_clicks: flow, ad_conversions: flow, ad_gmv: flow,
  commission: flow, agency_share: flow,
  online: level, peak_online: level, avg_online: level, avg_watch_duration: level,
  gpm: q('gmv', 'pv', 1000),
  watch_to_order_rate: q('buyers', 'uv'),
  product_click_rate: q('product_click_users', 'product_exposure_users'),
  click_to_order_rate: q('buyers', 'product_click_users'),
  interaction_rate: q('interactors', 'uv'),
  item_price: q('gmv', 'items'),
  order_price: q('gmv', 'buyers'),
  fan_buyer_share: q('fanBuyers', 'buyers'),
  ad_ctr: q('ad_clicks', 'ad_impressions'),
  ad_cpm: q('ad_spend', 'ad_impressions', 1000),
  ad_cpc: q('ad_spend', 'ad_clicks'),
  ad_cost_per_conversion: q('ad_spend', 'ad_conversions'),
  ad_roi: q('ad_gmv', 'ad_spend'),
};

function term(s: Snapshot, t: Term): number {
  const v = t === 'interactors' || t === 'fanBuyers' ? s.aux[t] : s.figures[t];
  return v ?? 0;
}

function relative(now: Figure, before: Figure): Figure {
  if (now === null || before === null || before === 0) return null;
  return (now - before) / Math.abs(before);
}

/** change5m from the state now, 5 minutes ago and 10 minutes ago. */
export function changeOf(now: Snapshot, ago5: Snapshot, ago10: Snapshot): Figures {
  const out = {} as Figures;
  for (const id of METRIC_IDS) {
    const k = CHANGE_KINDS[id];
    if (k.kind === 'level') out[id] = relative(now.figures[id], ago5.figures[id]);
    else if (k.kind === 'flow') {
      const last = (now.figures[id] ?? 0) - (ago5.figures[id] ?? 0);
      const prev = (ago5.figures[id] ?? 0) - (ago10.figures[id] ?? 0);
      out[id] = relative(last, prev);
    } else {
      const last = ratio(term(now, k.num) - term(ago5, k.num), term(now, k.den) - term(ago5, k.den), k.scale);
      const prev = ratio(term(ago5, k.num) - term(ago10, k.num), term(ago5, k.den) - term(ago10, k.den), k.scale);
      out[id] = relative(last, prev);
    }
  }
  return out;
}
