/**
 * The show generator: deterministic for a seed, prefix-stable (a restarted source regenerates
 * what it sent), every event valid protocol v1, and the content consistent like a real room.
 */
import { describe, expect, it } from 'vitest';
import { RoomShow, generateSession, type SimEvent } from '../../../electron/sim/show';
import { validateEvent } from '../../../shared/protocol/validate';

const START = Date.UTC(2026, 10, 1, 12);
const whole = (seed: number, roomIndex: number, durationMin = 20) => [...generateSession({ seed, roomIndex, startAt: START, durationMin })];

describe('RoomShow', () => {
  it('is deterministic for a seed and differs between seeds and rooms', () => {
    const a = whole(5, 0);
    expect(whole(5, 0)).toEqual(a);
    expect(JSON.stringify(whole(6, 0))).not.toEqual(JSON.stringify(a));
    expect(JSON.stringify(whole(5, 1))).not.toEqual(JSON.stringify(a));
  });

  it('generating up to T is a prefix of generating further, however it is chunked', () => {
    const all = whole(3, 0);
    const show = new RoomShow({ seed: 3, roomIndex: 0, startAt: START, durationMin: 20 });
    const stepped: SimEvent[] = [];
    for (let t = 0; !show.done; t += 7_777) stepped.push(...show.advanceTo(t, 1000));
    expect(stepped).toEqual(all);
  });

  it('produces only valid protocol-v1 events with contiguous seqs', () => {
    for (const room of [0, 1, 2]) {
      const events = whole(1, room);
      events.forEach((e, i) => {
        expect(e.seq).toBe(i + 1);
        const v = validateEvent(e);
        if (!v.ok) throw new Error(`room ${room} seq ${e.seq}: ${v.detail}`);
        expect(v.known).toBe(true);
      });
    }
  });

  it('behaves like a room: start first, end with after-sale following, consistent orders and stock', () => {
    const events = whole(2, 2, 30);
    expect(events[0]!.type).toBe('session.start');
    expect((events[0] as { host: { kind: string } }).host.kind).toBe('talent'); // every third room
    const endIndex = events.findIndex((e) => e.type === 'session.end');
    const endedAt = events[endIndex]!.endedAt as number;
    const products = new Set((events.find((e) => e.type === 'product.list')!.products as { productId: string }[]).map((p) => p.productId));
    const created = new Set<string>();
    const paid = new Set<string>();
    const types = new Set<string>();
    for (const [i, e] of events.entries()) {
      types.add(e.type);
      if (e.type === 'order.create') {
        expect(products.has(e.productId as string)).toBe(true);
        created.add(e.orderId as string);
      }
      if (e.type === 'order.pay') {
        expect(created.has(e.orderId as string)).toBe(true);
        paid.add(e.orderId as string);
      }
      if (e.type === 'stock') expect(e.stock as number).toBeGreaterThanOrEqual(0);
      if (e.type === 'online') expect(e.count as number).toBeGreaterThanOrEqual(0);
      if (['order.ship', 'order.deliver', 'review', 'aftersale.open'].includes(e.type)) {
        expect(i).toBeGreaterThan(endIndex);
        expect(e.ts).toBeGreaterThan(endedAt);
        expect(paid.has(e.orderId as string)).toBe(true);
      }
    }
    expect(paid.size).toBeGreaterThan(10);
    expect(created.size).toBeGreaterThan(paid.size); // some unpaid or cancelled
    for (const t of ['viewer.enter', 'viewer.leave', 'comment', 'like', 'follow', 'share', 'product.explain', 'ad.stats', 'benchmark', 'talent.catalog', 'order.ship', 'cs.message']) {
      expect(types.has(t), t).toBe(true);
    }
    const channels = new Set(events.filter((e) => e.type === 'viewer.enter').map((e) => e.channel));
    expect(channels.has('qianchuan') && channels.has('feed')).toBe(true);
  });
});
