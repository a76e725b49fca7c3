/**
 * Commission and agency share, worked by hand (docs/protocol.md "Commission and agency share"):
 * the rate in force at payment, rounding per order, 0 on self-hosted sessions, agencies' parts,
 * and rates outside [0, 1] rejected like any invalid field.
 */
import { describe, expect, it } from 'vitest';
import { RoomAggregator, agencyParts, agencyShareOf, orderCommission } from '../../../shared/aggregate';
import { validateEvent } from '../../../shared/protocol/validate';
import type { StreamEvent } from '../../../shared/protocol/schemas';

const T0 = 1_765_000_000_000;

function session(kind: 'self' | 'talent', extra: { host?: object; shop?: object } = {}): Record<string, unknown>[] {
  return [
    {
      type: 'session.start', sessionId: 's1', roomId: 'r1', title: 't', startedAt: T0,
      host: { id: 'h', name: 'H', kind, ...extra.host }, shop: { id: 'sh', name: 'S', category: 'food', tier: 'L3', ...extra.shop },
    },
    { type: 'product.list', products: [
      { productId: 'a', title: 'A', price: 9999, category: 'food', stock: 9, cartSlot: 1, commissionRate: 0.2 },
      { productId: 'b', title: 'B', price: 1000, category: 'food', stock: 9, cartSlot: 2 },
    ] },
    { type: 'viewer.enter', userId: 'u1', channel: 'feed', fan: false },
    { type: 'order.create', orderId: 'o1', userId: 'u1', productId: 'a', qty: 1, amount: 9999, channel: 'feed', fan: false },
    { type: 'order.create', orderId: 'o2', userId: 'u1', productId: 'a', qty: 1, amount: 9999, channel: 'feed', fan: false },
    { type: 'order.create', orderId: 'o3', userId: 'u1', productId: 'b', qty: 1, amount: 1000, channel: 'feed', fan: false },
    { type: 'order.create', orderId: 'o4', userId: 'u1', productId: 'a', qty: 1, amount: 5000, channel: 'feed', fan: false },
    { type: 'order.pay', orderId: 'o1' }, // 9999 × 0.2 = 1999.8 → 2000
    // the rate changes between o2's creation and its payment: the rate at payment counts
    { type: 'product.list', products: [
      { productId: 'a', title: 'A', price: 9999, category: 'food', stock: 9, cartSlot: 1, commissionRate: 0.05 },
      { productId: 'b', title: 'B', price: 1000, category: 'food', stock: 9, cartSlot: 2 },
    ] },
    { type: 'order.pay', orderId: 'o2' }, // 9999 × 0.05 = 499.95 → 500
    { type: 'order.pay', orderId: 'o2' }, // paid twice: once
    { type: 'order.pay', orderId: 'o3' }, // no rate: 0
    { type: 'order.cancel', orderId: 'o4' },
    { type: 'order.pay', orderId: 'o4' }, // cancelled before payment: not paid
  ];
}

function fold(events: Record<string, unknown>[]) {
  const agg = new RoomAggregator();
  events.forEach((body, i) => {
    const v = validateEvent({ seq: i + 1, ts: T0 + i * 1000, ...body });
    if (!v.ok) throw new Error(v.detail);
    agg.apply(v.event as StreamEvent, v.known);
  });
  return agg.view();
}

describe('commission', () => {
  it('is amount × the rate in force at payment, rounded per order, on talent-hosted sessions', () => {
    const view = fold(session('talent'));
    expect(view.figures.gmv).toBe(9999 + 9999 + 1000);
    expect(view.figures.commission).toBe(2000 + 500);
    expect(view.figures.agency_share).toBe(0);
  });

  it('is 0 on a self-hosted session whatever the rates', () => {
    const view = fold(session('self'));
    expect(view.figures.gmv).toBe(20998);
    expect(view.figures.commission).toBe(0);
    expect(orderCommission(10_000, 0.3, 'self')).toBe(0);
  });

  it('gives each bound agency its share of the commission, each rounded', () => {
    const host = { agency: { id: 'mcn', name: '星河MCN', share: 0.3 } };
    const shop = { agency: { id: 'svc', name: '远山服务商', share: 0.125 } };
    const view = fold(session('talent', { host, shop }));
    // 2500 × 0.3 = 750; 2500 × 0.125 = 312.5 → 313
    expect(view.figures.agency_share).toBe(750 + 313);
    expect(view.info.host.agency).toEqual({ id: 'mcn', name: '星河MCN', share: 0.3 });
    expect(view.info.shop.agency).toEqual({ id: 'svc', name: '远山服务商', share: 0.125 });
    expect(agencyParts(2500, host, shop).map((p) => [p.agency.id, p.part, p.via])).toEqual([['mcn', 750, 'host'], ['svc', 313, 'shop']]);
    expect(agencyShareOf(2500, {}, shop)).toBe(313);
  });

  it('rejects commission rates and shares outside [0, 1] with the field as the reason', () => {
    const list = { seq: 2, ts: T0, type: 'product.list', products: [{ productId: 'a', title: 'A', price: 1, category: 'c', stock: 1, cartSlot: 1, commissionRate: 1.5 }] };
    const v = validateEvent(list);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.detail).toContain('products.0.commissionRate');
    const start = { seq: 1, ts: T0, ...session('talent', { host: { agency: { id: 'x', name: 'X', share: -0.1 } } })[0] };
    const w = validateEvent(start);
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.detail).toContain('host.agency.share');
    expect(validateEvent({ ...list, products: [{ ...list.products[0], commissionRate: 1 }] }).ok).toBe(true);
  });
});
