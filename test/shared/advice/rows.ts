/** A product row of the room view with neutral figures; each test overrides what it is about. */
import type { BenchmarkRow, ProductRow } from '../../../shared/viewmodel/room';

export const NOW = 1_700_000_000_000;
export const MIN = 60_000;

export function row(productId: string, over: Partial<ProductRow> = {}): ProductRow {
  const base: ProductRow = {
    productId, title: `商品 ${productId}`, price: 10_000, category: 'apparel', stock: 100, initialStock: 200, cartSlot: 1,
    exposureUsers: 0, clickUsers: 0, clickRate: null, createdOrders: 0, unpaidOrders: 0, orders: 0, items: 0, gmv: 0, buyers: 0,
    clickToOrderRate: null, explaining: false, explainCount: 0, explainSeconds: 0, lastExplainStart: null, lastExplainEnd: null,
    commentMentions: 0, clicksLast5m: 0, clicksPrev5m: 0, ordersLast5m: 0, ordersPrev5m: 0, sinceExplain: null,
  };
  const r = { ...base, ...over };
  // rates follow the counts, as the aggregator computes them
  r.clickRate = r.exposureUsers ? r.clickUsers / r.exposureUsers : null;
  r.clickToOrderRate = r.clickUsers ? r.buyers / r.clickUsers : null;
  return r;
}

export function bench(over: Partial<BenchmarkRow> & { indicators: BenchmarkRow['indicators'] }): BenchmarkRow {
  return { category: 'apparel', tier: 'L3', priceBand: null, window: '1d', ts: NOW, ...over };
}
