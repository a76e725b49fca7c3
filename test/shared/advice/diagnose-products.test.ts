/** The product diagnosis rules on hand-worked carts (thresholds in shared/advice/diagnose-products.ts). */
import { describe, expect, it } from 'vitest';
import { diagnoseProducts, type ProductFlag } from '../../../shared/advice';
import type { BenchmarkRow, ProductRow } from '../../../shared/viewmodel/room';
import { bench, MIN, NOW, row } from './rows';

const run = (products: ProductRow[], benchmarks: BenchmarkRow[] = []) => diagnoseProducts({ products, benchmarks, shopTier: 'L3', now: NOW });
const brief = (flags: ProductFlag[]) => flags.map((f) => `${f.productId}:${f.rule}${f.basis ? `@${f.basis}` : ''}`);

// Rates against the room: Σ exposure 800, Σ click users 160 → click rate 0.2, threshold 0.14;
// Σ buyers 28 → click→order 0.175, threshold 0.1225; average exposure 200, average clicks 40.
const cart = () => [
  row('a', { exposureUsers: 400, clickUsers: 40, buyers: 2, cartSlot: 1 }), // 0.10 click rate, 0.05 conversion
  row('b', { exposureUsers: 200, clickUsers: 60, buyers: 12, cartSlot: 2 }), // 0.30, 0.20
  row('c', { exposureUsers: 100, clickUsers: 20, buyers: 4, cartSlot: 3 }), // below the averages: not judged
  row('d', { exposureUsers: 100, clickUsers: 40, buyers: 10, cartSlot: 4 }), // 0.40, 0.25
];

describe('product diagnosis', () => {
  it('an empty cart or quiet products: no flags', () => {
    expect(run([])).toEqual([]);
    expect(run([row('q'), row('r')])).toEqual([]);
  });

  it('stock: sold out, ≤ 10% of the first stock, or ≤ 10 minutes at the last 5 minutes’ pace', () => {
    const flags = run([
      row('s0', { stock: 0 }),
      row('s15', { stock: 15, initialStock: 200 }), // 15 ≤ 20
      row('s40', { stock: 40, initialStock: 200, ordersLast5m: 25 }), // 40 ÷ 25 × 5 = 8 minutes
      row('s100', { stock: 100, initialStock: 200, ordersLast5m: 10 }), // 50 minutes: fine
      row('s21', { stock: 21, initialStock: 200 }), // just over 10%
    ]);
    expect(brief(flags)).toEqual(['s0:sold_out', 's15:stock_low', 's40:stock_low']);
    expect(flags.every((f) => f.severity === 'alert')).toBe(true);
    expect(flags[1]!.reason).toEqual({ id: 'advice.reason.stockLow', params: { stock: { kind: 'count', value: 15 } } });
    expect(flags[2]!.reason).toEqual({ id: 'advice.reason.stockLowPace', params: { stock: { kind: 'count', value: 40 }, minutes: { kind: 'minutes', value: 8 } } });
  });

  it('压单: ≥ 3 unpaid orders and ≥ 30% of those created', () => {
    const flags = run([
      row('u1', { createdOrders: 10, unpaidOrders: 3 }), // 3 ≥ 3
      row('u2', { createdOrders: 12, unpaidOrders: 3 }), // 3 < 3.6
      row('u3', { createdOrders: 2, unpaidOrders: 2 }), // only 2
    ]);
    expect(brief(flags)).toEqual(['u1:unpaid']);
    expect(flags[0]!.reason.params).toEqual({ unpaid: { kind: 'count', value: 3 }, created: { kind: 'count', value: 10 } });
    expect(flags[0]!.suggestion.id).toBe('advice.suggest.remindPay');
  });

  it('an explained product that stopped converting: ≥ 5 minutes, ≥ 10 click users since, no order in 5 minutes', () => {
    const since = { clickUsers: 12, orders: 0, gmv: 0, items: 0 };
    const explaining = (id: string, startedMinAgo: number, over: Partial<ProductRow> = {}) =>
      row(id, { explaining: true, lastExplainStart: NOW - startedMinAgo * MIN, sinceExplain: since, ...over });
    expect(brief(run([explaining('e6', 6.5)]))).toEqual(['e6:explain_stalled']);
    expect(run([explaining('e6', 6.5)])[0]!.reason.params).toEqual({ minutes: { kind: 'minutes', value: 6 }, clicks: { kind: 'count', value: 12 } });
    expect(run([explaining('sold', 6.5, { ordersLast5m: 1 })])).toEqual([]);
    expect(run([explaining('young', 4)])).toEqual([]);
    expect(run([explaining('few', 6, { sinceExplain: { ...since, clickUsers: 9 } })])).toEqual([]);
  });

  it('rates against the room’s own average when there is no benchmark', () => {
    const flags = run(cart());
    expect(brief(flags)).toEqual(['a:low_conversion@room', 'a:low_click_rate@room']);
    expect(flags[0]!.reason).toEqual({ id: 'advice.reason.lowConversion.room', params: { value: { kind: 'rate', value: 0.05 }, ref: { kind: 'rate', value: 0.175 * 0.7 } } });
    expect(flags[1]!.reason.params.ref!.value).toBeCloseTo(0.14, 10);
    expect(flags[1]!.suggestion.id).toBe('advice.suggest.explainPin');
  });

  it('rates against the category benchmark’s p25 when one applies (1-day window first)', () => {
    const q = (p25: number) => ({ p25, p50: p25 * 2, p75: p25 * 3, p90: p25 * 4 });
    const day = bench({ indicators: { product_click_rate: q(0.32), click_to_order_rate: q(0.04) } });
    const month = bench({ window: '30d', indicators: { product_click_rate: q(0.05), click_to_order_rate: q(0.3) } });
    // b's 0.30 click rate is under the benchmark's 0.32; a's 0.05 conversion is over its 0.04
    expect(brief(run(cart(), [month, day]))).toEqual(['a:low_click_rate@benchmark', 'b:low_click_rate@benchmark']);
    // only the 30-day one: conversion 0.05 and 0.20 under 0.30 (a and b; d has 40 clicks, 0.25), click rates above 0.05
    expect(brief(run(cart(), [month]))).toEqual(['a:low_conversion@benchmark', 'b:low_conversion@benchmark', 'd:low_conversion@benchmark']);
    // another category's or another tier's benchmark does not apply: back to the room
    expect(brief(run(cart(), [bench({ category: 'food', indicators: day.indicators }), bench({ tier: 'L5', indicators: day.indicators })]))).toEqual(['a:low_conversion@room', 'a:low_click_rate@room']);
    // a price-band benchmark for the product's band wins over the shop-level one
    const banded = cart().map((p) => ({ ...p, priceBand: '50-100' }));
    const band = bench({ priceBand: '50-100', tier: null, indicators: { product_click_rate: q(0.01), click_to_order_rate: q(0.01) } });
    expect(run(banded, [day, band])).toEqual([]);
  });

  it('alerts come before warnings', () => {
    const flags = run([row('x', { createdOrders: 5, unpaidOrders: 5 }), row('y', { stock: 0 })]);
    expect(brief(flags)).toEqual(['y:sold_out', 'x:unpaid']);
  });
});
