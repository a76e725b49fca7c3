/**
 * The overview wall's model: which rooms a role sees, the 30-minute 已下播 window, wall order,
 * the header's sums (an agency's own share), and grids that fit 6–60 tiles.
 */
import { describe, expect, it } from 'vitest';
import { RoomAggregator } from '../../../shared/aggregate';
import type { RoomView } from '../../../shared/viewmodel/room';
import { ENDED_SHOWN_MS, gridFor, inRole, roleOf, sortKeys, totalsOf, wallKeys } from '../../../renderer/src/screens/overview/overview-model';
import { parseStartRole } from '../../../renderer/src/screens/overview/use-start-role';

const NOW = Date.UTC(2026, 11, 4, 12);

function room(sessionId: string, o: { shop: string; host: string; kind?: 'self' | 'talent'; hostAgency?: string; shopAgency?: string; gmv: number; ended?: number; startedAt?: number }): RoomView {
  const agg = new RoomAggregator();
  const t0 = o.startedAt ?? NOW - 3_600_000;
  let seq = 0;
  const ev = (ts: number, type: string, body: object) => agg.apply({ seq: ++seq, ts, type, ...body } as never, true);
  ev(t0, 'session.start', {
    sessionId, roomId: `room-${sessionId}`, title: sessionId, startedAt: t0,
    host: { id: o.host, name: o.host, kind: o.kind ?? 'talent', ...(o.hostAgency ? { agency: { id: o.hostAgency, name: o.hostAgency, share: 0.5 } } : {}) },
    shop: { id: o.shop, name: o.shop, category: 'food', tier: 'L3', ...(o.shopAgency ? { agency: { id: o.shopAgency, name: o.shopAgency, share: 0.1 } } : {}) },
  });
  ev(t0, 'product.list', { products: [{ productId: 'p', title: 'P', price: o.gmv, category: 'food', stock: 9, cartSlot: 1, commissionRate: 0.2 }] });
  ev(t0 + 1000, 'viewer.enter', { userId: 'u', channel: 'feed', fan: false });
  ev(t0 + 2000, 'order.create', { orderId: 'o', userId: 'u', productId: 'p', qty: 1, amount: o.gmv, channel: 'feed', fan: false });
  ev(t0 + 3000, 'order.pay', { orderId: 'o' });
  if (o.ended !== undefined) ev(o.ended, 'session.end', { endedAt: o.ended });
  return agg.view();
}

const views: Record<string, RoomView> = {
  a: room('a', { shop: 's1', host: 't1', hostAgency: 'ag1', gmv: 10_000 }),
  b: room('b', { shop: 's2', host: 't1', shopAgency: 'ag1', gmv: 30_000 }),
  c: room('c', { shop: 's1', host: 'h1', kind: 'self', gmv: 20_000, ended: NOW - 10 * 60_000 }),
  d: room('d', { shop: 's2', host: 'h2', kind: 'self', gmv: 50_000, ended: NOW - ENDED_SHOWN_MS - 1 }),
  'replay:a': room('a', { shop: 's1', host: 't1', gmv: 1 }),
};

describe('overview model', () => {
  it('reads the role from the query, else the start role', () => {
    expect(roleOf({ agency: 'ag1' })).toEqual({ kind: 'agency', id: 'ag1' });
    expect(roleOf({ shop: ['s1', 's2'] })).toEqual({ kind: 'shop', id: 's1' });
    expect(roleOf({ talent: '  ' }, { kind: 'shop', id: 'x' })).toEqual({ kind: 'shop', id: 'x' });
    expect(parseStartRole('talent:t1')).toEqual({ kind: 'talent', id: 't1' });
    expect(parseStartRole('')).toEqual({ kind: 'all' });
    expect(parseStartRole('bogus:1')).toEqual({ kind: 'all' });
  });

  it('shows live rooms and rooms ended in the last 30 minutes, never replays; roles filter them', () => {
    expect(wallKeys(views, { kind: 'all' }, NOW).sort()).toEqual(['a', 'b', 'c']);
    expect(wallKeys(views, { kind: 'shop', id: 's1' }, NOW).sort()).toEqual(['a', 'c']);
    expect(wallKeys(views, { kind: 'talent', id: 't1' }, NOW).sort()).toEqual(['a', 'b']);
    expect(wallKeys(views, { kind: 'agency', id: 'ag1' }, NOW).sort()).toEqual(['a', 'b']);
    expect(wallKeys(views, { kind: 'agency', id: 'nobody' }, NOW)).toEqual([]);
    expect(inRole(views.c!.info, { kind: 'talent', id: 'h1' })).toBe(true);
  });

  it('orders rooms on air first, by the figure either way', () => {
    const keys = ['a', 'b', 'c'];
    expect(sortKeys(keys, views, 'gmv', true, { kind: 'all' })).toEqual(['b', 'a', 'c']);
    expect(sortKeys(keys, views, 'gmv', false, { kind: 'all' })).toEqual(['a', 'b', 'c']);
  });

  it("sums the rooms shown; an agency's share is its own part", () => {
    const all = totalsOf(['a', 'b', 'c'], views, { kind: 'all' });
    expect(all).toMatchObject({ rooms: 3, gmv: 60_000, orders: 3, uv: 3, commission: 2000 + 6000 });
    // a: host agency ag1 50 % of 2000; b: shop agency ag1 10 % of 6000
    expect(totalsOf(['a', 'b'], views, { kind: 'agency', id: 'ag1' }).agency_share).toBe(1000 + 600);
  });

  it('fits 6–60 tiles on the canvas, smaller as there are more', () => {
    let last = Infinity;
    for (const n of [6, 12, 20, 30, 42, 60]) {
      const g = gridFor(n);
      expect(g.cols * g.rows).toBeGreaterThanOrEqual(n);
      const area = (1888 / g.cols) * (900 / g.rows);
      expect(area).toBeLessThanOrEqual(last);
      last = area;
      expect(900 / g.rows).toBeGreaterThanOrEqual(120); // still a readable tile at 60
    }
    expect(gridFor(1)).toEqual(gridFor(6));
    expect(gridFor(100)).toEqual(gridFor(60));
  });
});
