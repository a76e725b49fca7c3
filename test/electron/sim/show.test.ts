/**
 * The show generator: deterministic for a seed, prefix-stable (a restarted source regenerates
 * what it sent), every event valid protocol v1, and the content consistent like a real room.
 */
import { describe, expect, it } from 'vitest';
import { RoomShow, createShows, generateSession, type SimEvent } from '../../../electron/sim/show';
import { validateEvent } from '../../../shared/protocol/validate';

const START = Date.UTC(2026, 10, 1, 12);
const whole = (seed: number, roomIndex: number, durationMin = 20, afterSaleMin?: number) =>
  [...generateSession({ seed, roomIndex, startAt: START, durationMin, afterSaleMin })];

/** The indicator ids of docs/product.md that benchmarks carry. */
const INDICATORS = [
  'effective_duration', 'avg_watch_duration', 'avg_online', 'peak_online', 'product_click_rate', 'click_to_order_rate',
  'watch_to_order_rate', 'item_price', 'ship_48h_rate', 'quality_return_rate', 'negative_review_rate', 'complaint_rate',
  'reply_3min_rate', 'delivery_hours', 'refund_only_hours', 'return_refund_hours', 'dispute_rate',
  'talent_gmv', 'head_talent_gmv', 'mid_talent_gmv',
];
const PAID = new Set(['qianchuan', 'suixintui', 'dou_plus', 'brand', 'paid_other']);
const AFTER_SALE = new Set(['order.ship', 'order.deliver', 'aftersale.open', 'aftersale.close', 'review', 'complaint', 'dispute']);

type E = SimEvent & Record<string, any>;

describe('RoomShow', () => {
  it('is deterministic for a seed and differs between seeds and rooms', () => {
    const a = whole(5, 0);
    expect(whole(5, 0)).toEqual(a);
    expect(JSON.stringify(whole(6, 0))).not.toEqual(JSON.stringify(a));
    expect(JSON.stringify(whole(5, 1))).not.toEqual(JSON.stringify(a));
    const shows = createShows({ seed: 5, rooms: 3, startAt: START, durationMin: 20 });
    expect(shows.map((s) => s.roomId)).toEqual(['room-8801', 'room-8802', 'room-8803']);
    expect(new Set(shows.map((s) => s.sessionId)).size).toBe(3);
  });

  it('generating up to T is a prefix of generating further, however it is chunked', () => {
    const all = whole(3, 0);
    const show = new RoomShow({ seed: 3, roomIndex: 0, startAt: START, durationMin: 20 });
    const stepped: SimEvent[] = [];
    for (let t = 0; !show.done; t += 7_777) stepped.push(...show.advanceTo(t, 1000));
    expect(stepped).toEqual(all);
    // a fresh generator asked for the first 9 show-minutes gives exactly the start of the whole show
    const early = new RoomShow({ seed: 3, roomIndex: 0, startAt: START, durationMin: 20 }).advanceTo(9 * 60_000);
    expect(early.length).toBeGreaterThan(1000);
    expect(early).toEqual(all.slice(0, early.length));
    expect(early.at(-1)!.ts).toBeLessThanOrEqual(START + 9 * 60_000);
    expect(all[early.length]!.ts).toBeGreaterThan(START + 9 * 60_000);
  });

  it('produces only valid protocol-v1 events of known types with contiguous seqs', () => {
    for (const room of [0, 1, 2, 3]) {
      const events = whole(1, room);
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        if (e.seq !== i + 1) throw new Error(`room ${room}: seq ${e.seq} at index ${i}`);
        const v = validateEvent(e);
        if (!v.ok || !v.known) throw new Error(`room ${room} seq ${e.seq} (${e.type}): ${v.ok ? 'unknown type' : v.detail}`);
      }
    }
  });

  it('spreads the after-sale over afterSaleMin show minutes without changing a single event', () => {
    const atOnce = whole(4, 1, 15);
    const paced = new RoomShow({ seed: 4, roomIndex: 1, startAt: START, durationMin: 15, afterSaleMin: 10 });
    const half = paced.advanceTo((15 + 2) * 60_000); // 2 of 10 minutes ≈ the first 3 of 16 days
    const endIndex = half.findIndex((e) => e.type === 'session.end');
    expect(endIndex).toBeGreaterThan(0);
    expect(half.length).toBeGreaterThan(endIndex + 10); // some after-sale already…
    expect(half.length).toBeLessThan(atOnce.length - 10); // …not all of it
    expect(paced.done).toBe(false);
    const rest = paced.advanceTo((15 + 10) * 60_000);
    expect(paced.done).toBe(true);
    expect([...half, ...rest]).toEqual(atOnce);
  });

  it('runs without end when no duration is given', () => {
    const show = new RoomShow({ seed: 1, roomIndex: 0, startAt: START });
    const events = show.advanceTo(3 * 3600_000);
    expect(show.done).toBe(false);
    expect(events.some((e) => e.type === 'session.end')).toBe(false);
    expect(events.at(-1)!.ts).toBe(START + 3 * 3600_000);
  });
});

describe('a simulated room behaves like a real one', () => {
  const self = whole(2, 0, 90) as E[];
  const talent = whole(2, 2, 45) as E[];

  it('opens with session.start, the cart of 10–40 products, three benchmarks and the talent catalogue', () => {
    for (const events of [self, talent]) {
      const start = events[0]!;
      expect(start.type).toBe('session.start');
      expect(start.startedAt).toBe(START);
      expect(['head', 'mid', 'tail']).toContain(start.host.tier);
      const list = events.find((e) => e.type === 'product.list')!;
      expect(list.products.length).toBeGreaterThanOrEqual(10);
      expect(list.products.length).toBeLessThanOrEqual(40);
      expect(new Set(list.products.map((p: E) => p.productId)).size).toBe(list.products.length);
      for (const p of list.products) {
        expect(p.category).toBe(start.shop.category);
        expect(Number.isInteger(p.price) && p.price > 0).toBe(true);
        expect(p.title).toMatch(/[\u4e00-\u9fff]/);
      }
      const benchmarks = events.filter((e) => e.type === 'benchmark');
      expect(benchmarks.map((b) => b.window).sort()).toEqual(['1d', '30d', '7d']);
      for (const b of benchmarks) {
        expect(b.scope).toMatchObject({ category: start.shop.category, tier: start.shop.tier });
        expect(Object.keys(b.indicators).sort()).toEqual([...INDICATORS].sort());
        for (const q of Object.values(b.indicators) as { p25: number; p50: number; p75: number; p90: number }[]) {
          expect(q.p25 <= q.p50 && q.p50 <= q.p75 && q.p75 <= q.p90).toBe(true);
        }
      }
      expect(events.find((e) => e.type === 'talent.catalog')!.talents.length).toBeGreaterThan(3);
    }
    expect(self[0]!.host.kind).toBe('self');
    expect(talent[0]!.host.kind).toBe('talent'); // every third room
  });

  it('keeps the audience consistent: enters and leaves pair up, online follows them, portraits are stable', () => {
    for (const events of [self, talent]) {
      const inside = new Set<string>();
      const portrait = new Map<string, string>();
      let onlineChecks = 0;
      const early = new Map<string, number>();
      const late = new Map<string, number>();
      const endedAt = events.find((e) => e.type === 'session.end')!.endedAt as number;
      for (const e of events) {
        if (e.type === 'viewer.enter') {
          expect(inside.has(e.userId), `${e.userId} entered twice`).toBe(false);
          inside.add(e.userId);
          const p = `${e.gender}|${e.age}|${e.region}|${e.channel}`;
          expect(portrait.get(e.userId) ?? p).toBe(p);
          portrait.set(e.userId, p);
          const bucket = e.ts - START < 10 * 60_000 ? early : endedAt - e.ts < 10 * 60_000 ? late : null;
          bucket?.set(e.channel, (bucket.get(e.channel) ?? 0) + 1);
        } else if (e.type === 'viewer.leave') {
          expect(inside.delete(e.userId), `${e.userId} left without entering`).toBe(true);
        } else if (e.type === 'online') {
          expect(e.count).toBeGreaterThanOrEqual(inside.size);
          expect(e.count).toBeLessThanOrEqual(Math.ceil(inside.size * 1.06));
          onlineChecks++;
        }
      }
      expect(inside.size).toBe(0); // everyone left by the end
      expect(onlineChecks).toBeGreaterThan(300);
      const share = (m: Map<string, number>, ch: string) => (m.get(ch) ?? 0) / [...m.values()].reduce((a, b) => a + b, 0);
      // followers arrive early (开播提醒), short videos bring more later: the mix drifts
      expect(share(early, 'follow')).toBeGreaterThan(share(late, 'follow'));
      expect(share(late, 'video')).toBeGreaterThan(share(early, 'video'));
      const paidShare = [...portrait.values()].filter((p) => PAID.has(p.split('|')[3]!)).length / portrait.size;
      expect(paidShare).toBeGreaterThan(0.05);
      expect(paidShare).toBeLessThan(0.5);
    }
  });

  it('sells consistently: orders of listed products at the listed price, stock never negative, some left unpaid, after-sale only for paid orders', () => {
    for (const events of [self, talent]) {
      const price = new Map<string, number>();
      const stock = new Map<string, number>();
      const created = new Map<string, E>();
      const paid = new Set<string>();
      const cancelled = new Set<string>();
      const shipped = new Set<string>();
      const opened = new Set<string>();
      const fans = new Set<string>();
      const endIndex = events.findIndex((e) => e.type === 'session.end');
      const endedAt = events[endIndex]!.endedAt as number;
      let flashPrice = false;
      let explaining: string | null = null;
      for (const [i, e] of events.entries()) {
        switch (e.type) {
          case 'product.list':
            for (const p of e.products) {
              if (price.has(p.productId) && p.price < price.get(p.productId)!) flashPrice = true;
              price.set(p.productId, p.price);
              stock.set(p.productId, p.stock);
            }
            break;
          case 'product.explain':
            expect(price.has(e.productId)).toBe(true);
            if (e.state === 'start') {
              expect(explaining).toBeNull();
              explaining = e.productId;
            } else {
              expect(explaining).toBe(e.productId);
              explaining = null;
            }
            break;
          case 'follow':
            expect(fans.has(e.userId)).toBe(false);
            fans.add(e.userId);
            break;
          case 'order.create':
            expect(price.has(e.productId)).toBe(true);
            expect(e.amount).toBe(price.get(e.productId)! * e.qty);
            expect(e.qty).toBeLessThanOrEqual(stock.get(e.productId)!);
            if (fans.has(e.userId)) expect(e.fan).toBe(true); // a follower is a fan from then on
            created.set(e.orderId, e);
            break;
          case 'stock':
            expect(e.stock).toBeGreaterThanOrEqual(0);
            stock.set(e.productId, e.stock);
            break;
          case 'order.pay':
            expect(created.has(e.orderId) && !paid.has(e.orderId) && !cancelled.has(e.orderId)).toBe(true);
            paid.add(e.orderId);
            break;
          case 'order.cancel':
            expect(created.has(e.orderId) && !cancelled.has(e.orderId)).toBe(true);
            cancelled.add(e.orderId);
            break;
        }
        if (AFTER_SALE.has(e.type)) {
          expect(i).toBeGreaterThan(endIndex);
          expect(e.ts).toBeGreaterThan(endedAt);
          expect(paid.has(e.orderId), `${e.type} of an unpaid order`).toBe(true);
          expect(cancelled.has(e.orderId)).toBe(false);
          if (e.type === 'order.ship') shipped.add(e.orderId);
          if (e.type === 'order.deliver') expect(shipped.has(e.orderId)).toBe(true);
          if (e.type === 'aftersale.open') opened.add(e.orderId);
          if (e.type === 'aftersale.close') expect(opened.has(e.orderId)).toBe(true);
        }
      }
      expect(explaining).toBeNull();
      expect(flashPrice).toBe(true); // a flash sale cut a price
      expect(paid.size).toBeGreaterThan(20);
      const unpaid = [...created.keys()].filter((id) => !paid.has(id) && !cancelled.has(id));
      expect(unpaid.length).toBeGreaterThan(0); // 压单
      expect(shipped.size).toBeGreaterThan(paid.size * 0.9);
    }
  });

  it('lands its rates where real rooms are, and talks like one', () => {
    const uv = new Set<string>(), exposed = new Set<string>(), clicked = new Set<string>(), buyers = new Set<string>();
    const orders = new Map<string, string>();
    const comments: string[] = [];
    const types = new Set<string>();
    for (const e of self) {
      types.add(e.type);
      if (e.type === 'viewer.enter') uv.add(e.userId);
      if (e.type === 'product.exposure') exposed.add(e.userId);
      if (e.type === 'product.click') clicked.add(e.userId);
      if (e.type === 'order.create') orders.set(e.orderId, e.userId);
      if (e.type === 'order.pay') buyers.add(orders.get(e.orderId)!);
      if (e.type === 'comment') comments.push(e.text);
    }
    expect(clicked.size / exposed.size).toBeGreaterThan(0.05);
    expect(clicked.size / exposed.size).toBeLessThan(0.6);
    expect(buyers.size / clicked.size).toBeGreaterThan(0.02);
    expect(buyers.size / clicked.size).toBeLessThan(0.5);
    expect(buyers.size / uv.size).toBeGreaterThan(0.002);
    expect(buyers.size / uv.size).toBeLessThan(0.1);
    const titles = (self.find((e) => e.type === 'product.list')!.products as E[]).map((p) => p.title.split(' ')[0]);
    expect(comments.some((t) => titles.some((name) => t.includes(name)))).toBe(true);
    expect(comments.some((t) => /多少钱|什么价|价格/.test(t))).toBe(true);
    expect(comments.some((t) => /尺码|码/.test(t))).toBe(true);
    for (const t of ['like', 'follow', 'fansclub.join', 'share', 'gift', 'product.click', 'ad.stats', 'ad.creative', 'cs.message', 'review', 'order.deliver']) {
      expect(types.has(t), t).toBe(true);
    }
  });

  it('spends ad budgets at their pace: stats add up per plan, plans run over budget', () => {
    const budget = new Map<string, number>();
    const spent = new Map<string, number>();
    const clicks = new Map<string, number>();
    const conversions = new Map<string, number>();
    const statuses = new Set<string>();
    for (const e of self) {
      if (e.type === 'ad.plan') {
        budget.set(e.planId, e.budget);
        statuses.add(e.status);
      }
      if (e.type === 'ad.stats') {
        expect(budget.has(e.planId)).toBe(true);
        expect(e.clicks).toBeLessThanOrEqual(e.impressions);
        // conversions are reported after the click that brought the buyer: bounded by the plan's clicks so far
        clicks.set(e.planId, (clicks.get(e.planId) ?? 0) + e.clicks);
        conversions.set(e.planId, (conversions.get(e.planId) ?? 0) + e.conversions);
        expect(conversions.get(e.planId)!).toBeLessThanOrEqual(clicks.get(e.planId)!);
        spent.set(e.planId, (spent.get(e.planId) ?? 0) + e.spend);
        expect(spent.get(e.planId)!).toBeLessThanOrEqual(budget.get(e.planId)!);
      }
    }
    expect(statuses.has('over_budget')).toBe(true);
    // bigger budgets spend more
    const ids = [...budget.keys()];
    const most = ids.reduce((a, b) => (budget.get(a)! >= budget.get(b)! ? a : b));
    const least = ids.reduce((a, b) => (budget.get(a)! <= budget.get(b)! ? a : b));
    expect(spent.get(most)!).toBeGreaterThan(spent.get(least)!);
  });
});
