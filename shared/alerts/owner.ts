/**
 * Which big screen owns a metric: where an alert on it flashes (docs/product.md "Screens").
 * A figure shown on several screens belongs to the one whose subject it is: product exposure,
 * clicks and their rates to the product screen (its four core metrics), every ad figure and
 * plan ROI to the ad screen, everything else to the live screen's core data. The traffic screen
 * shows channel mixes and quadrants, not glossary metrics, so no metric alert lands there yet.
 */
import type { MetricId } from '../metrics/glossary';
import { planOf, type AlertMetric } from './rules';

export type AlertScreen = 'live' | 'product' | 'ad' | 'traffic';

const PRODUCT_METRICS = new Set<MetricId>(['product_exposure_users', 'product_click_users', 'product_click_rate', 'click_to_order_rate']);

export function screenOfMetric(metric: AlertMetric): AlertScreen {
  if (planOf(metric) !== null || metric.startsWith('ad_')) return 'ad';
  if (PRODUCT_METRICS.has(metric as MetricId)) return 'product';
  return 'live';
}
