/**
 * The headline figures of a session review: the live screen's core-data metrics (by their
 * glossary ids, computed by the live aggregator itself) without the momentary `online`, plus
 * the effective live time, interaction rate, spend per buyer and the ad totals — the figures a
 * reviewer compares from one show to the next.
 */
import { GLOSSARY, type MetricId } from '../metrics/glossary';

export const REVIEW_METRICS = [
  'gmv', 'items', 'buyers', 'orders', 'uv', 'pv', 'peak_online', 'avg_online', 'avg_watch_duration',
  'gpm', 'watch_to_order_rate', 'product_click_rate', 'click_to_order_rate', 'fan_buyer_share',
  'new_followers', 'fansclub_joins', 'comments', 'likes', 'shares',
  'effective_duration', 'interaction_rate', 'order_price', 'ad_spend', 'ad_roi',
] as const satisfies readonly MetricId[];
export type ReviewMetric = (typeof REVIEW_METRICS)[number];

/** Whether a lower value is the better one (ad spend …), from the glossary. */
export const lowerIsBetter = (m: ReviewMetric): boolean => GLOSSARY[m].better === 'lower';

/** The review figures out of a full figure set (unknown ids: null). */
export function pickFigures(all: Partial<Record<string, number | null>>): Record<ReviewMetric, number | null> {
  const out = {} as Record<ReviewMetric, number | null>;
  for (const m of REVIEW_METRICS) {
    const v = all[m];
    out[m] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}
