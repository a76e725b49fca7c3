/**
 * The simulator's multi-shop, multi-talent, agency-bound demo: session.start carries the host's
 * and the shop's agency, product lists carry commission rates (halved for the flash-sale item),
 * every event stays valid, and folding a talent room gives a commission that agrees with the
 * rates the room listed.
 */
import { describe, expect, it } from 'vitest';
import { RoomAggregator } from '../../../shared/aggregate';
import { validateEvent } from '../../../shared/protocol/validate';
import type { StreamEvent } from '../../../shared/protocol/schemas';
import { generateSession } from '../../../electron/sim/show';

const START = Date.UTC(2026, 10, 1, 12);
type E = Record<string, any>;

describe('simulated agencies and commission', () => {
  const rooms = Array.from({ length: 9 }, (_, roomIndex) => [...generateSession({ seed: 1, roomIndex, startAt: START, durationMin: 16 })] as E[]);
  const starts = rooms.map((events) => events[0]!);

  it('binds talents and shops to agencies, across several shops and talents', () => {
    expect(new Set(starts.map((s) => s.shop.id)).size).toBeGreaterThanOrEqual(4);
    const talents = starts.filter((s) => s.host.kind === 'talent');
    expect(new Set(talents.map((s) => s.host.id)).size).toBe(3);
    const hostAgencies = new Set(talents.flatMap((s) => (s.host.agency ? [s.host.agency.id] : [])));
    const shopAgencies = new Set(starts.flatMap((s) => (s.shop.agency ? [s.shop.agency.id] : [])));
    expect(hostAgencies.size).toBeGreaterThanOrEqual(2);
    expect(shopAgencies.size).toBeGreaterThanOrEqual(2);
    // an agency bound to both a host and a shop
    expect([...hostAgencies].some((a) => shopAgencies.has(a))).toBe(true);
    // self-hosted rooms carry no host agency
    for (const s of starts.filter((x) => x.host.kind === 'self')) expect(s.host.agency).toBeUndefined();
  });

  it('lists commission rates in [0, 1], changing for the flash-sale item, and stays valid', () => {
    const lists = rooms[2]!.filter((e) => e.type === 'product.list');
    for (const l of lists) for (const p of l.products) expect(p.commissionRate).toBeGreaterThan(0);
    const rates = new Map<string, Set<number>>();
    for (const l of lists) for (const p of l.products) (rates.get(p.productId) ?? rates.set(p.productId, new Set()).get(p.productId)!).add(p.commissionRate);
    expect([...rates.values()].some((s) => s.size > 1)).toBe(true);
    for (const events of rooms) expect(events.filter((e) => !validateEvent(e).ok)).toEqual([]);
  });

  it('gives talent rooms a commission (self-hosted ones 0) equal to a recount from the events', () => {
    for (const events of rooms) {
      const agg = new RoomAggregator();
      for (const e of events) {
        const v = validateEvent(e);
        if (v.ok) agg.apply(v.event as StreamEvent, v.known);
      }
      const f = agg.view().figures;
      const start = events[0]!;
      if (start.host.kind === 'self') {
        expect(f.commission).toBe(0);
        continue;
      }
      // recount: the rate of the latest list before each payment
      const rate = new Map<string, number>();
      const orders = new Map<string, E>();
      let commission = 0;
      for (const e of events) {
        if (e.type === 'product.list') for (const p of e.products) rate.set(p.productId, p.commissionRate ?? 0);
        if (e.type === 'order.create') orders.set(e.orderId, e);
        if (e.type === 'order.cancel') orders.delete(e.orderId);
        if (e.type === 'order.pay' && orders.has(e.orderId)) {
          const o = orders.get(e.orderId)!;
          orders.delete(e.orderId);
          commission += Math.round(o.amount * rate.get(o.productId)!);
        }
      }
      expect(commission).toBeGreaterThan(0);
      expect(f.commission).toBe(commission);
      const share = (start.host.agency?.share ?? 0);
      const shopShare = (start.shop.agency?.share ?? 0);
      expect(f.agency_share).toBe(Math.round(commission * share) + Math.round(commission * shopShare));
    }
  });
});
