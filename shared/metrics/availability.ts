/**
 * What a source cannot supply (Luopan addition to session.start: `unavailable`), and which
 * figures need it. A capture tool reads the public message stream of a room: it has no orders,
 * no product exposures or clicks per user, no traffic channel and no viewer leaving; a screen
 * shows "无数据" for a figure that needs such data instead of a 0 that reads as a fact.
 */
import type { MetricId } from './glossary';

export const DATA_GROUPS = [
  'orders', // order.create / order.pay …
  'products', // product.list, product.exposure, product.click
  'channels', // the traffic channel of viewer.enter / order.create
  'watch_time', // viewer.leave (watch duration)
  'ads', // ad.plan / ad.stats
] as const;
export type DataGroup = (typeof DATA_GROUPS)[number];

/** The data groups each figure needs (figures not listed need none of them). */
export const METRIC_NEEDS: Partial<Record<MetricId, readonly DataGroup[]>> = {
  gmv: ['orders'],
  items: ['orders'],
  buyers: ['orders'],
  orders: ['orders'],
  gpm: ['orders'],
  watch_to_order_rate: ['orders'],
  fan_buyer_share: ['orders'],
  click_to_order_rate: ['orders', 'products'],
  product_click_rate: ['products'],
  avg_watch_duration: ['watch_time'],
  commission: ['orders', 'products'],
  agency_share: ['orders', 'products'],
};

/** True when `unavailable` (a session's declaration) names a group the figure needs. */
export function metricUnavailable(metric: MetricId, unavailable: readonly string[] | undefined): boolean {
  if (!unavailable?.length) return false;
  return (METRIC_NEEDS[metric] ?? []).some((g) => unavailable.includes(g));
}

export function groupUnavailable(group: DataGroup, unavailable: readonly string[] | undefined): boolean {
  return unavailable?.includes(group) ?? false;
}
