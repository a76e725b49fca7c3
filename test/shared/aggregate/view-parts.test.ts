/**
 * The breakdowns of the room view (channels, quadrants, funnel, portrait, products, series,
 * comments, ads) against offline recomputations over the same seeded raw events.
 */
import { describe, expect, it } from 'vitest';
import { RoomAggregator } from '../../../shared/aggregate';
import { productKeywords } from '../../../shared/aggregate/products';
import { CHANNELS, PAID_CHANNELS } from '../../../shared/protocol/channels';
import type { StreamEvent } from '../../../shared/protocol/schemas';
import type { RoomView } from '../../../shared/viewmodel/room';
import { generate } from './gen';
import { norm } from './offline';

type Ev = StreamEvent & Record<string, any>;
const PAID = new Set<string>(PAID_CHANNELS);

function run(seed: number, end = true): { view: RoomView; events: Ev[] } {
  const { events } = generate(seed, { events: 2500, end });
  const agg = new RoomAggregator();
  for (const { event, known } of events) agg.apply(event, known);
  return { view: agg.view(), events: events.filter((e) => e.known).map((e) => e.event as Ev) };
}

/** paid orders in payment order, per the definitions (first pay of a created, uncancelled order) */
function paidOrders(events: Ev[]): Ev[] {
  const state = new Map<string, { e: Ev; s: string }>();
  const out: Ev[] = [];
  for (const e of events) {
    if (e.type === 'order.create' && !state.has(e.orderId)) state.set(e.orderId, { e, s: 'created' });
    const o = state.get(e.orderId);
    if (e.type === 'order.cancel' && o?.s === 'created') o.s = 'cancelled';
    if (e.type === 'order.pay' && o?.s === 'created') {
      o.s = 'paid';
      out.push(o.e);
    }
  }
  return out;
}

const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;
const distinct = <T>(xs: T[], key: (x: T) => string) => new Set(xs.map(key)).size;

describe('room view breakdowns = offline recomputation', () => {
  for (const seed of [11, 12, 13]) {
    it(`seed ${seed}: channels, quadrants, funnel`, () => {
      const { view, events } = run(seed);
      const enters = events.filter((e) => e.type === 'viewer.enter');
      const paid = paidOrders(events);
      const creates = events.filter((e) => e.type === 'order.create');
      // a user's channel for exposure/click = the channel of their latest enter before the first one
      const firstUse = (type: string) => {
        const latest = new Map<string, string>();
        const out = new Map<string, string>();
        for (const e of events) {
          if (e.type === 'viewer.enter') latest.set(e.userId, norm(e.channel));
          if (e.type === type && !out.has(e.userId)) out.set(e.userId, latest.get(e.userId) ?? 'other');
        }
        return [...out.values()];
      };
      const exposureCh = firstUse('product.exposure');
      const clickCh = firstUse('product.click');
      expect(view.channels.map((c) => c.channel)).toEqual([...CHANNELS]);
      for (const row of view.channels) {
        const mine = enters.filter((e) => norm(e.channel) === row.channel);
        const orders = paid.filter((o) => norm(o.channel) === row.channel);
        expect(row.paid).toBe(PAID.has(row.channel));
        expect(row.enters, row.channel).toBe(mine.length);
        expect(row.uv, row.channel).toBe(distinct(mine, (e) => e.userId));
        expect(row.share).toBeCloseTo(mine.length / enters.length, 9);
        expect(row.orders, row.channel).toBe(orders.length);
        expect(row.gmv, row.channel).toBe(orders.reduce((s, o) => s + o.amount, 0));
        expect(row.buyers, row.channel).toBe(distinct(orders, (o) => o.userId));
        expect(row.orderUsers, row.channel).toBe(distinct(creates.filter((o) => norm(o.channel) === row.channel), (o) => o.userId));
        expect(row.exposureUsers, row.channel).toBe(count(exposureCh, (c) => c === row.channel));
        expect(row.clickUsers, row.channel).toBe(count(clickCh, (c) => c === row.channel));
      }
      // unknown channel strings are counted under `other`
      expect(enters.some((e) => e.channel === 'mystery_channel')).toBe(true);

      const quadrant = (channel: string, fan: boolean) => `${PAID.has(channel) ? 'paid' : 'natural'}_${fan ? 'fan' : 'nonfan'}`;
      for (const q of view.quadrants) {
        const pv = count(enters, (e) => quadrant(e.channel, e.fan) === q.quadrant);
        const gmv = paid.filter((o) => quadrant(o.channel, o.fan) === q.quadrant).reduce((s, o) => s + o.amount, 0);
        expect(q.pv, q.quadrant).toBe(pv);
        expect(q.gmv, q.quadrant).toBe(gmv);
        expect(q.pvShare).toBeCloseTo(pv / enters.length, 9);
        if (pv === 0) expect(q.gpm).toBeNull();
        else expect(q.gpm!).toBeCloseTo((gmv / pv) * 1000, 6);
      }
      expect(view.quadrants.reduce((s, q) => s + q.pv, 0)).toBe(enters.length);

      const stats = events.filter((e) => e.type === 'ad.stats');
      expect(view.funnel).toEqual({
        impressions: stats.reduce((s, e) => s + e.impressions, 0),
        enters: enters.length,
        productExposureUsers: distinct(events.filter((e) => e.type === 'product.exposure'), (e) => e.userId),
        productClickUsers: distinct(events.filter((e) => e.type === 'product.click'), (e) => e.userId),
        orderUsers: distinct(creates, (e) => e.userId),
        buyers: distinct(paid, (e) => e.userId),
      });
      const paidEnters = count(enters, (e) => PAID.has(e.channel));
      expect(view.paidVsNatural.paidEnters).toBe(paidEnters);
      expect(view.paidVsNatural.naturalEnters).toBe(enters.length - paidEnters);
      expect(view.paidVsNatural.paidOnline + view.paidVsNatural.naturalOnline).toBe(view.figures.online);
    });

    it(`seed ${seed}: portraits of viewers and buyers`, () => {
      const { view, events } = run(seed);
      const firstEnter = new Map<string, Ev>();
      const latestEnter = new Map<string, Ev>();
      const buyerAttrs = new Map<string, { enter: Ev | undefined; fan: boolean }>();
      const paidIds = new Set(paidOrders(events).map((o) => o.orderId));
      const orders = new Map<string, Ev>();
      const paidSeen = new Set<string>();
      for (const e of events) {
        if (e.type === 'viewer.enter') {
          if (!firstEnter.has(e.userId)) firstEnter.set(e.userId, e);
          latestEnter.set(e.userId, e);
        }
        if (e.type === 'order.create' && !orders.has(e.orderId)) orders.set(e.orderId, e);
        if (e.type === 'order.pay' && paidIds.has(e.orderId) && !paidSeen.has(e.orderId)) {
          const o = orders.get(e.orderId)!;
          if (paidOrders(events.slice(0, events.indexOf(e) + 1)).some((p) => p.orderId === e.orderId)) {
            paidSeen.add(e.orderId);
            if (!buyerAttrs.has(o.userId)) buyerAttrs.set(o.userId, { enter: latestEnter.get(o.userId), fan: o.fan });
          }
        }
      }
      const tally = (rows: { enter: Ev | undefined; fan: boolean }[]) => {
        const gender: Record<string, number> = { m: 0, f: 0, unknown: 0 };
        const age: Record<string, number> = { '18-23': 0, '24-30': 0, '31-40': 0, '41-50': 0, '50+': 0, unknown: 0 };
        const region: Record<string, number> = {};
        const returning = { new: 0, returning: 0, unknown: 0 };
        let fan = 0;
        for (const { enter, fan: f } of rows) {
          gender[enter?.gender ?? 'unknown']!++;
          age[enter?.age ?? 'unknown']!++;
          const r = enter?.region ?? 'unknown';
          region[r] = (region[r] ?? 0) + 1;
          if (enter?.returning === undefined) returning.unknown++;
          else if (enter.returning) returning.returning++;
          else returning.new++;
          if (f) fan++;
        }
        return { gender, age, region, fan: { fan, nonfan: rows.length - fan }, returning };
      };
      expect(view.portrait.viewers).toEqual(tally([...firstEnter.values()].map((e) => ({ enter: e, fan: e.fan }))));
      expect(view.portrait.buyers).toEqual(tally([...buyerAttrs.values()]));
      expect(view.figures.buyers).toBe(buyerAttrs.size);
    });

    it(`seed ${seed}: products, series, comments, ads`, () => {
      const { view, events } = run(seed);
      const paid = paidOrders(events);
      const lastList = events.filter((e) => e.type === 'product.list').at(-1)!;
      expect(view.products.map((p) => p.productId)).toEqual(
        [...lastList.products].sort((a: Ev, b: Ev) => a.cartSlot - b.cartSlot).map((p: Ev) => p.productId),
      );
      const endedAt = events.find((e) => e.type === 'session.end')!.endedAt as number;
      const bucketEnd = Math.floor(endedAt / 10_000);
      for (const row of view.products) {
        const id = row.productId;
        const mine = (type: string) => events.filter((e) => e.type === type && e.productId === id);
        const orders = paid.filter((o) => o.productId === id);
        const creates = mine('order.create');
        const createdIds = new Set(creates.map((o) => o.orderId));
        const closed = new Set<string>();
        for (const e of events) if ((e.type === 'order.pay' || e.type === 'order.cancel') && createdIds.has(e.orderId)) closed.add(e.orderId);
        expect(row.exposureUsers, id).toBe(distinct(mine('product.exposure'), (e) => e.userId));
        expect(row.clickUsers, id).toBe(distinct(mine('product.click'), (e) => e.userId));
        expect(row.createdOrders, id).toBe(new Set(creates.map((o) => o.orderId)).size);
        expect(row.unpaidOrders, id).toBe(createdIds.size - closed.size);
        expect(row.orders, id).toBe(orders.length);
        expect(row.items, id).toBe(orders.reduce((s, o) => s + o.qty, 0));
        expect(row.gmv, id).toBe(orders.reduce((s, o) => s + o.amount, 0));
        expect(row.buyers, id).toBe(distinct(orders, (o) => o.userId));
        const clicks = mine('product.click').map((e) => Math.floor(Math.min(e.ts, endedAt) / 10_000));
        expect(row.clicksLast5m, id).toBe(count(clicks, (b) => b > bucketEnd - 30 && b <= bucketEnd));
        expect(row.clicksPrev5m, id).toBe(count(clicks, (b) => b > bucketEnd - 60 && b <= bucketEnd - 30));
        // explanations: one product at a time, a start of another ends the current one
        let open: string | null = null;
        let since = 0;
        let seconds = 0;
        let starts = 0;
        for (const e of events) {
          if (e.type === 'product.explain' && e.state === 'start' && open !== e.productId) {
            if (open === id) seconds += e.ts - since;
            open = e.productId;
            since = e.ts;
            if (open === id) starts++;
          } else if (e.type === 'product.explain' && e.state === 'end' && open === e.productId) {
            if (open === id) seconds += e.ts - since;
            open = null;
          } else if (e.type === 'session.end' && open !== null) {
            if (open === id) seconds += e.endedAt - since;
            open = null;
          }
        }
        expect(row.explainCount, id).toBe(starts);
        expect(row.explainSeconds, id).toBeCloseTo(seconds / 1000, 6);
        // comment mentions: a comment names a product by a title word or its cart slot "N号"
        const slotOf = (e: Ev) => e.products.find((p: Ev) => p.productId === id);
        let mentions = 0;
        let cart: Ev | undefined;
        for (const e of events) {
          if (e.type === 'product.list') cart = slotOf(e);
          if (e.type !== 'comment' || !cart) continue;
          const text = e.text.toLowerCase();
          const words = cart.title.toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter((w: string) => [...w].length >= 2);
          const bySlot = new RegExp(`(^|[^0-9])${cart.cartSlot}号`).test(text);
          if (bySlot || words.some((w: string) => text.includes(w))) mentions++;
        }
        expect(row.commentMentions, id).toBe(mentions);
        expect(productKeywords(row.title, row.cartSlot)).toContain(`${row.cartSlot}号`);
      }
      expect(view.products.some((p) => p.commentMentions > 0)).toBe(true);
      expect(view.explaining).toBeNull(); // the show ended

      // the minute series adds up to the totals (the show is shorter than the 24-hour bound)
      const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
      const m = view.minutes;
      expect(sum(m.enters)).toBe(view.figures.pv);
      expect(sum(m.gmv)).toBe(view.figures.gmv);
      expect(sum(m.orders)).toBe(view.figures.orders);
      expect(sum(m.buyers)).toBe(view.figures.buyers);
      expect(sum(m.likes)).toBe(view.figures.likes);
      expect(sum(m.comments)).toBe(view.figures.comments);
      expect(sum(m.follows)).toBe(view.figures.new_followers);
      expect(sum(m.shares)).toBe(view.figures.shares);
      expect(sum(m.adSpend)).toBe(view.figures.ad_spend);
      expect(sum(m.adGmv)).toBe(view.figures.ad_gmv);
      expect(sum(m.exits)).toBe(count(events, (e) => e.type === 'viewer.leave'));
      const startedAt = events[0]!.startedAt as number;
      expect(m.t[0]).toBe(startedAt);
      expect(m.t.length).toBe(Math.floor((endedAt - startedAt) / 60_000) + 1);
      for (const k of Object.keys(m) as (keyof typeof m)[]) expect(m[k].length).toBe(m.t.length);
      // the last 5 minutes: 30 ten-second buckets ending at the bucket of the newest time
      const r = view.recent;
      expect(r.t).toEqual(Array.from({ length: 30 }, (_, i) => (bucketEnd - 29 + i) * 10_000));
      const inRecent = (e: Ev) => Math.floor(Math.min(e.ts, endedAt) / 10_000) > bucketEnd - 30;
      expect(sum(r.enters)).toBe(count(events, (e) => e.type === 'viewer.enter' && inRecent(e)));
      expect(sum(r.likes)).toBe(events.filter((e) => e.type === 'like' && inRecent(e)).reduce((s, e) => s + e.count, 0));
      expect(r.online.at(-1)).toBe(view.figures.online);

      const comments = events.filter((e) => e.type === 'comment');
      expect(view.comments.length).toBe(Math.min(100, comments.length));
      expect(view.comments.at(-1)!.seq).toBe(comments.at(-1)!.seq);
      for (const c of view.comments) {
        expect(c.nickname).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
        expect(c.text).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
      }

      const stats = events.filter((e) => e.type === 'ad.stats');
      const spend = stats.reduce((s, e) => s + e.spend, 0);
      expect(view.ads.totals.spend).toBe(spend);
      expect(view.ads.totals.gmv).toBe(stats.reduce((s, e) => s + e.gmv, 0));
      for (const plan of view.ads.plans) {
        const mine = stats.filter((e) => e.planId === plan.planId);
        expect(plan.spend, plan.planId).toBe(mine.reduce((s, e) => s + e.spend, 0));
        expect(plan.gmv, plan.planId).toBe(mine.reduce((s, e) => s + e.gmv, 0));
      }
      for (const cr of view.ads.creatives) {
        const mine = stats.filter((e) => e.creativeId === cr.creativeId);
        expect(cr.impressions, cr.creativeId).toBe(mine.reduce((s, e) => s + e.impressions, 0));
      }
      // every plan with stats has a row, announced or not
      const planIds = new Set([...stats, ...events.filter((e) => e.type === 'ad.plan')].map((e) => e.planId));
      expect(new Set(view.ads.plans.map((p) => p.planId))).toEqual(planIds);
    });
  }
});
