/**
 * The simulator's ad figures are its own room's (issue 15 §1): per session, Σ ad.stats
 * conversions = the paid orders of viewers from paid channels and Σ gmv = their GMV (each within
 * 5 %), and impressions/clicks agree with the paid entries — at the end of a show and at any
 * moment of it (the stats lag the orders by at most one 10-second ad tick). Checked on the raw
 * events and on the figures the live and ad screens are built from (RoomAggregator).
 */
import { describe, expect, it } from 'vitest';
import { RoomShow, generateSession, type SimEvent } from '../../../electron/sim/show';
import { foldEvents } from '../../../shared/aggregate/fold';
import { isPaidChannel } from '../../../shared/protocol/channels';

const START = Date.UTC(2026, 10, 1, 12);
type E = SimEvent & Record<string, any>;

interface Tally {
  conversions: number;
  adGmv: number;
  paidOrders: number;
  paidGmv: number;
  /** per plan channel: clicks, paid entries */
  clicks: Map<string, number>;
  enters: Map<string, number>;
  impressions: number;
  allClicks: number;
}

function tally(events: Iterable<E>): Tally {
  const t: Tally = { conversions: 0, adGmv: 0, paidOrders: 0, paidGmv: 0, clicks: new Map(), enters: new Map(), impressions: 0, allClicks: 0 };
  const planChannel = new Map<string, string>();
  const orders = new Map<string, E>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const e of events) {
    if (e.type === 'ad.plan') planChannel.set(e.planId, e.channel);
    else if (e.type === 'ad.stats') {
      t.conversions += e.conversions;
      t.adGmv += e.gmv;
      t.impressions += e.impressions;
      t.allClicks += e.clicks;
      add(t.clicks, planChannel.get(e.planId)!, e.clicks);
    } else if (e.type === 'viewer.enter' && isPaidChannel(e.channel)) add(t.enters, e.channel, 1);
    else if (e.type === 'order.create') orders.set(e.orderId, e);
    else if (e.type === 'order.pay') {
      const o = orders.get(e.orderId)!;
      if (!isPaidChannel(o.channel)) continue;
      t.paidOrders++;
      t.paidGmv += o.amount;
    }
  }
  return t;
}

const within = (a: number, b: number, pct: number) => Math.abs(a - b) <= (pct / 100) * Math.max(Math.abs(a), Math.abs(b));

describe('the simulator’s ad figures come from its own paid traffic and orders', () => {
  for (const room of [0, 1, 2]) {
    it(`room ${room}: Σ conversions and Σ gmv equal the paid-channel paid orders and their GMV; clicks bring the paid entries`, () => {
      const events = [...generateSession({ seed: 7, roomIndex: room, startAt: START, durationMin: 60 })] as E[];
      const t = tally(events);
      expect(t.paidOrders).toBeGreaterThan(50);
      expect(within(t.conversions, t.paidOrders, 5), `${t.conversions} conversions vs ${t.paidOrders} paid orders`).toBe(true);
      expect(within(t.adGmv, t.paidGmv, 5), `ad gmv ${t.adGmv} vs paid-channel GMV ${t.paidGmv}`).toBe(true);
      // every paid entry is a click of that channel's plans landing in the room, at the plan's landing rate
      for (const [channel, enters] of t.enters) {
        const clicks = t.clicks.get(channel) ?? 0;
        expect(enters, channel).toBeLessThanOrEqual(clicks);
        expect(enters, channel).toBeGreaterThan(0);
      }
      expect(t.allClicks).toBeLessThan(t.impressions);

      // the same on the figures the screens show: the ad screen's conversions/GMV/ROI and the live screen's channels
      const view = foldEvents(events).view();
      const paidRows = view.channels.filter((c) => c.paid);
      const paidOrders = paidRows.reduce((s, c) => s + c.orders, 0);
      expect(within(view.figures.ad_conversions!, paidOrders, 5)).toBe(true);
      expect(within(view.ads.totals.gmv, view.figures.ad_gmv!, 5)).toBe(true);
      expect(view.figures.ad_gmv).toBe(paidRows.reduce((s, c) => s + c.gmv, 0));
      const planGmv = view.ads.plans.reduce((s, p) => s + p.gmv, 0);
      const planConversions = view.ads.plans.reduce((s, p) => s + p.conversions, 0);
      expect(planGmv).toBe(view.ads.totals.gmv);
      expect(planConversions).toBe(view.figures.ad_conversions);
      expect(view.figures.ad_conversions!).toBeLessThanOrEqual(view.figures.orders!);
      // an ad ROI a room could have, within 5 % of Σ plan GMV ÷ spend
      expect(view.figures.ad_roi!).toBeGreaterThan(0.5);
      expect(view.figures.ad_roi!).toBeLessThan(10);
      expect(within(view.figures.ad_roi!, planGmv / view.figures.ad_spend!, 5)).toBe(true);
    });
  }

  it('stays coherent during the show: the stats never run ahead of the orders and lag them by one ad tick at most', () => {
    const show = new RoomShow({ seed: 11, roomIndex: 0, startAt: START, durationMin: 45 });
    const seen: E[] = [];
    let checks = 0;
    for (let minute = 3; minute <= 45; minute += 3) {
      seen.push(...(show.advanceTo(minute * 60_000) as E[]));
      const t = tally(seen);
      expect(t.conversions).toBeLessThanOrEqual(t.paidOrders);
      // orders paid in the last 10 s are not reported yet
      const lastTick = START + Math.floor((minute * 60) / 10) * 10_000;
      const recent = tally(seen.filter((e) => e.type !== 'order.pay' || e.ts < lastTick));
      expect(t.conversions).toBeGreaterThanOrEqual(recent.paidOrders);
      checks++;
    }
    expect(checks).toBe(15);
  });
});
