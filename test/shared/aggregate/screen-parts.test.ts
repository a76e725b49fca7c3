/**
 * The parts of the room view added for the product, ad and traffic screens, by hand: the
 * benchmarks in force (latest per scope and window), paid orders per product in the last
 * 5 minutes vs the 5 before, and the viewer portrait split by the first entry's channel.
 */
import { describe, expect, it } from 'vitest';
import { RoomAggregator } from '../../../shared/aggregate';
import { validateEvent } from '../../../shared/protocol/validate';

const T0 = 1_700_000_000_000; // a multiple of 10 s
const MIN = 60_000;

function session() {
  const agg = new RoomAggregator();
  let seq = 0;
  const at = (offset: number, type: string, body: Record<string, unknown> = {}) => {
    const v = validateEvent({ seq: ++seq, ts: T0 + offset, type, ...body });
    if (!v.ok) throw new Error(v.detail);
    agg.apply(v.event, v.known);
  };
  at(0, 'session.start', {
    sessionId: 's1', roomId: 'r1', title: 'Show', startedAt: T0,
    host: { id: 'h', name: 'Host', kind: 'self' }, shop: { id: 'shop', name: 'Shop', category: 'apparel', tier: 'L3' },
  });
  at(0, 'product.list', { products: [{ productId: 'p1', title: '连衣裙', price: 100, category: 'apparel', stock: 10, cartSlot: 1 }] });
  return { agg, at };
}

const q = (p50: number) => ({ p25: p50 / 2, p50, p75: p50 * 2, p90: p50 * 3 });

describe('room view parts of the product/ad/traffic screens', () => {
  it('keeps the latest benchmark per category/tier/price band/window, older ones ignored', () => {
    const { agg, at } = session();
    expect(agg.view().benchmarks).toEqual([]);
    at(1000, 'benchmark', { scope: { category: 'apparel', tier: 'L3' }, window: '1d', indicators: { product_click_rate: q(0.2) } });
    at(2000, 'benchmark', { scope: { category: 'apparel', tier: 'L3' }, window: '7d', indicators: { product_click_rate: q(0.3) } });
    at(3000, 'benchmark', { scope: { category: 'apparel', tier: 'L3' }, window: '1d', indicators: { product_click_rate: q(0.25), click_to_order_rate: q(0.1) } });
    at(3000, 'benchmark', { scope: { category: 'apparel', priceBand: '100-200' }, window: '1d', indicators: { click_to_order_rate: q(0.05) } });
    const rows = agg.view().benchmarks;
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.window === '1d' && r.priceBand === null)).toEqual({
      category: 'apparel', tier: 'L3', priceBand: null, window: '1d', ts: T0 + 3000,
      indicators: { product_click_rate: q(0.25), click_to_order_rate: q(0.1) },
    });
    expect(rows.find((r) => r.priceBand === '100-200')).toMatchObject({ tier: null, indicators: { click_to_order_rate: q(0.05) } });
    // an out-of-order older benchmark for the same scope does not replace the newer one
    at(2500, 'benchmark', { scope: { category: 'apparel', tier: 'L3' }, window: '1d', indicators: { product_click_rate: q(0.9) } });
    expect(agg.view().benchmarks.find((r) => r.window === '1d' && r.priceBand === null)!.indicators.product_click_rate).toEqual(q(0.25));
    const changes = agg.takeChanges();
    expect(changes.benchmarks).toBeDefined();
    expect(agg.takeChanges().benchmarks).toBeUndefined();
  });

  it('counts paid orders per product in the last 5 minutes and the 5 before', () => {
    const { agg, at } = session();
    const buy = (offset: number, id: string) => {
      at(offset, 'order.create', { orderId: id, userId: `u-${id}`, productId: 'p1', qty: 1, amount: 100, channel: 'feed', fan: false });
      at(offset + 1000, 'order.pay', { orderId: id });
    };
    buy(1 * MIN, 'o1');
    buy(2 * MIN, 'o2');
    buy(7 * MIN, 'o3');
    // created but never paid: not an order of either window
    at(8 * MIN, 'order.create', { orderId: 'o4', userId: 'u4', productId: 'p1', qty: 1, amount: 100, channel: 'feed', fan: false });
    at(10 * MIN, 'like', { count: 1 }); // the clock at 10:00: last 5 minutes = (5:00, 10:00]
    const p = agg.view().products[0]!;
    expect([p.ordersLast5m, p.ordersPrev5m]).toEqual([1, 2]);
    expect(p.unpaidOrders).toBe(1);
    at(16 * MIN, 'like', { count: 1 });
    const later = agg.view().products[0]!;
    expect([later.ordersLast5m, later.ordersPrev5m]).toEqual([0, 1]);
  });

  it('splits the viewer portrait by the channel of the first entry: paid vs natural', () => {
    const { agg, at } = session();
    at(1000, 'viewer.enter', { userId: 'a', channel: 'qianchuan', fan: false, gender: 'f', age: '24-30', region: '广东' });
    at(2000, 'viewer.enter', { userId: 'b', channel: 'feed', fan: true, gender: 'm' });
    at(3000, 'viewer.enter', { userId: 'c', channel: 'dou_plus', fan: true, gender: 'f' });
    // a's second entry from a natural channel does not move a between the groups
    at(4000, 'viewer.enter', { userId: 'a', channel: 'follow', fan: false, gender: 'f' });
    const { paidViewers, naturalViewers, viewers } = agg.view().portrait;
    expect(paidViewers.gender).toEqual({ m: 0, f: 2, unknown: 0 });
    expect(paidViewers.fan).toEqual({ fan: 1, nonfan: 1 });
    expect(paidViewers.region).toEqual({ 广东: 1, unknown: 1 });
    expect(naturalViewers.gender).toEqual({ m: 1, f: 0, unknown: 0 });
    expect(naturalViewers.fan).toEqual({ fan: 1, nonfan: 0 });
    expect(viewers.gender).toEqual({ m: 1, f: 2, unknown: 0 });
  });
});
