/** The twenty figures of the live screen's core-data module, in reading order (docs/product.md). */
import type { MetricId } from '../../../../shared/metrics/glossary';

export const CORE_METRICS: MetricId[] = [
  'gmv', 'items', 'buyers', 'orders', 'online',
  'uv', 'pv', 'peak_online', 'avg_online', 'avg_watch_duration',
  'gpm', 'watch_to_order_rate', 'product_click_rate', 'click_to_order_rate', 'fan_buyer_share',
  'new_followers', 'fansclub_joins', 'comments', 'likes', 'shares',
];
