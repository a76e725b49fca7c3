/**
 * An offline recomputation of the room figures straight from docs/product.md "Metric definitions",
 * written without the aggregator's incremental machinery: whole passes over the raw event list,
 * plain Sets and Maps, step functions integrated interval by interval. The aggregator tests
 * compare every figure against it.
 *
 * Conventions shared with the aggregator (they are part of the definitions, see the glossary):
 * an event takes effect at its ts, capped at `endedAt` once `session.end` arrived (the streams
 * the generator makes never go back in time); a repeated enter while inside is a view, not a
 * new stay; a leave without an enter is ignored; an order counts once, when first paid, and a
 * cancel after payment changes no figure; a pay after a cancel is ignored; a buyer's fan flag
 * is the one of the order that made them a buyer.
 */
import { PAID_CHANNELS, CHANNELS } from '../../../shared/protocol/channels';
import type { StreamEvent } from '../../../shared/protocol/schemas';

type Ev = StreamEvent & Record<string, any>;
export type Fig = Record<string, number | null>;

const div = (a: number, b: number, scale = 1): number | null => (b === 0 ? null : (a / b) * scale);
const PAID = new Set<string>(PAID_CHANNELS);
const KNOWN = new Set<string>(CHANNELS);
export const norm = (c: string): string => (KNOWN.has(c) ? c : 'other');

export interface Offline {
  figures: Fig;
  aux: { interactors: number; fanBuyers: number };
}

/** Figures after `events` (known ones, seq order), time-based ones taken at `at` (default: the newest time). */
export function offlineFigures(events: Ev[], at?: number): Offline {
  const start = events.find((e) => e.type === 'session.start');
  if (events.length === 0) {
    return { figures: emptyFigures(), aux: { interactors: 0, fanBuyers: 0 } };
  }
  const startedAt = start ? (start.startedAt as number) : events[0]!.ts;
  const endIdx = events.findIndex((e) => e.type === 'session.end');
  const endedAt = endIdx >= 0 ? (events[endIdx]!.endedAt as number) : null;
  const timeOf = (i: number): number => {
    const t = Math.max(startedAt, events[i]!.ts);
    return endedAt !== null && i >= endIdx ? Math.min(t, endedAt) : t;
  };
  const T = endedAt ?? at ?? Math.max(startedAt, ...events.map((e) => e.ts));

  // ── the online figure as a step function, and stays ──
  const inside = new Map<string, number>(); // userId → since
  let lastCount: number | null = null;
  const steps: { t: number; v: number }[] = [{ t: startedAt, v: 0 }];
  const pauses: { t: number; paused: boolean }[] = [{ t: startedAt, paused: false }];
  let closedWatch = 0;
  let peak = 0;
  events.forEach((e, i) => {
    const t = timeOf(i);
    const live = endIdx < 0 || i < endIdx;
    if (e.type === 'viewer.enter' && !inside.has(e.userId)) inside.set(e.userId, t);
    if (e.type === 'viewer.leave' && inside.has(e.userId)) {
      closedWatch += t - inside.get(e.userId)!;
      inside.delete(e.userId);
    }
    if (e.type === 'online') lastCount = e.count;
    if (e.type === 'stream.state' && live) pauses.push({ t, paused: e.state === 'paused' });
    const v = lastCount ?? inside.size;
    if (live) {
      steps.push({ t, v });
      peak = Math.max(peak, v);
    }
  });
  const online = lastCount ?? inside.size;
  const valueAt = (t: number): number => {
    let v = 0;
    for (const s of steps) if (s.t <= t) v = s.v;
    return v;
  };
  // ∫ online dt over [startedAt, T]
  let integral = 0;
  for (let k = 0; k < steps.length; k++) {
    const a = Math.min(steps[k]!.t, T);
    const b = Math.min(k + 1 < steps.length ? steps[k + 1]!.t : T, T);
    integral += steps[k]!.v * Math.max(0, b - a);
  }
  let openWatch = 0;
  for (const since of inside.values()) openWatch += T - since;

  // effective duration: per show minute, unpaused ms, if the online figure reached 1 in it
  let effective = 0;
  for (let m0 = startedAt; m0 < T; m0 += 60_000) {
    const m1 = Math.min(m0 + 60_000, T);
    let maxOnline = valueAt(m0 - 0.5); // held from before the minute
    for (const s of steps) if (s.t >= m0 && s.t < m0 + 60_000 && s.t <= T) maxOnline = Math.max(maxOnline, s.v);
    if (maxOnline < 1) continue;
    let unpaused = 0;
    for (let k = 0; k < pauses.length; k++) {
      const a = Math.max(m0, pauses[k]!.t);
      const b = Math.min(m1, k + 1 < pauses.length ? pauses[k + 1]!.t : m1);
      if (!pauses[k]!.paused && b > a) unpaused += b - a;
    }
    effective += unpaused;
  }

  // ── counts ──
  const enterUsers = new Set<string>();
  let pv = 0;
  const interactors = new Set<string>();
  let likes = 0, comments = 0, follows = 0, shares = 0, joins = 0;
  const exposure = new Set<string>();
  const click = new Set<string>();
  const orders = new Map<string, { e: Ev; status: 'created' | 'paid' | 'cancelled' }>();
  let spend = 0, impressions = 0, adClicks = 0, conversions = 0;
  for (const e of events) {
    switch (e.type) {
      case 'viewer.enter': pv++; enterUsers.add(e.userId); break;
      case 'like': likes += e.count; if (e.userId !== undefined) interactors.add(e.userId); break;
      case 'comment': comments++; interactors.add(e.userId); break;
      case 'follow': follows++; interactors.add(e.userId); break;
      case 'share': shares++; interactors.add(e.userId); break;
      case 'fansclub.join': joins++; break;
      case 'product.exposure': exposure.add(e.userId); break;
      case 'product.click': click.add(e.userId); break;
      case 'order.create': if (!orders.has(e.orderId)) orders.set(e.orderId, { e, status: 'created' }); break;
      case 'order.pay': { const o = orders.get(e.orderId); if (o && o.status === 'created') o.status = 'paid'; break; }
      case 'order.cancel': { const o = orders.get(e.orderId); if (o && o.status === 'created') o.status = 'cancelled'; break; }
      case 'ad.stats': spend += e.spend; impressions += e.impressions; adClicks += e.clicks; conversions += e.conversions; break;
    }
  }
  // paid orders in the order they were paid (the first one of a buyer decides the fan flag);
  // commission: amount × the rate of the latest product.list that listed the product before the
  // pay (its first entry), rounded per order, on talent-hosted sessions only
  const paidInOrder: Ev[] = [];
  const talent = start?.host?.kind === 'talent';
  let commission = 0;
  {
    const seen = new Map<string, string>();
    const rate = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'product.list') {
        const here = new Set<string>();
        for (const p of e.products) {
          if (here.has(p.productId)) continue;
          here.add(p.productId);
          rate.set(p.productId, p.commissionRate ?? 0);
        }
      }
      if (e.type === 'order.pay' && seen.get(e.orderId) === 'created' && talent) {
        const o = orders.get(e.orderId)!.e;
        commission += Math.round(o.amount * (rate.get(o.productId) ?? 0));
      }
      if (e.type === 'order.create' && !seen.has(e.orderId)) seen.set(e.orderId, 'created');
      if (e.type === 'order.cancel' && seen.get(e.orderId) === 'created') seen.set(e.orderId, 'cancelled');
      if (e.type === 'order.pay' && seen.get(e.orderId) === 'created') {
        seen.set(e.orderId, 'paid');
        paidInOrder.push(orders.get(e.orderId)!.e);
      }
    }
  }
  let gmv = 0, items = 0, adGmv = 0;
  const buyerFan = new Map<string, boolean>();
  for (const o of paidInOrder) {
    gmv += o.amount;
    items += o.qty;
    if (PAID.has(o.channel)) adGmv += o.amount;
    if (!buyerFan.has(o.userId)) buyerFan.set(o.userId, o.fan);
  }
  const buyers = buyerFan.size;
  const fanBuyers = [...buyerFan.values()].filter(Boolean).length;
  const uv = enterUsers.size;
  const liveMs = T - startedAt;
  const figures: Fig = {
    gmv, orders: paidInOrder.length, items, buyers, online, uv, pv, peak_online: peak,
    avg_online: div(integral, liveMs),
    avg_watch_duration: div((closedWatch + openWatch) / 1000, uv),
    gpm: div(gmv, pv, 1000),
    watch_to_order_rate: div(buyers, uv),
    product_click_rate: div(click.size, exposure.size),
    click_to_order_rate: div(buyers, click.size),
    product_exposure_users: exposure.size,
    product_click_users: click.size,
    interaction_rate: div(interactors.size, uv),
    item_price: div(gmv, items),
    order_price: div(gmv, buyers),
    new_followers: follows, fansclub_joins: joins, comments, likes, shares,
    fan_buyer_share: div(fanBuyers, buyers),
    effective_duration: effective / 1000,
    ad_spend: spend, ad_impressions: impressions, ad_clicks: adClicks,
    ad_ctr: div(adClicks, impressions), ad_cpm: div(spend, impressions, 1000), ad_cpc: div(spend, adClicks),
    ad_conversions: conversions, ad_cost_per_conversion: div(spend, conversions),
    ad_gmv: adGmv, ad_roi: div(adGmv, spend),
    commission,
    agency_share: Math.round(commission * (start?.host?.agency?.share ?? 0)) + Math.round(commission * (start?.shop?.agency?.share ?? 0)),
  };
  return { figures, aux: { interactors: interactors.size, fanBuyers } };
}

function emptyFigures(): Fig {
  const zero = ['gmv', 'orders', 'items', 'buyers', 'online', 'uv', 'pv', 'peak_online', 'product_exposure_users',
    'product_click_users', 'new_followers', 'fansclub_joins', 'comments', 'likes', 'shares', 'effective_duration',
    'ad_spend', 'ad_impressions', 'ad_clicks', 'ad_conversions', 'ad_gmv', 'commission', 'agency_share'];
  const f: Fig = {};
  for (const id of zero) f[id] = 0;
  for (const id of ['avg_online', 'avg_watch_duration', 'gpm', 'watch_to_order_rate', 'product_click_rate',
    'click_to_order_rate', 'interaction_rate', 'item_price', 'order_price', 'fan_buyer_share', 'ad_ctr', 'ad_cpm',
    'ad_cpc', 'ad_cost_per_conversion', 'ad_roi']) f[id] = null;
  return f;
}

// ── change5m, from docs/product.md's wording and the windows of shared/aggregate/change.ts ──
const FLOWS = ['gmv', 'orders', 'items', 'buyers', 'uv', 'pv', 'product_exposure_users', 'product_click_users',
  'new_followers', 'fansclub_joins', 'comments', 'likes', 'shares', 'effective_duration', 'ad_spend',
  'ad_impressions', 'ad_clicks', 'ad_conversions', 'ad_gmv', 'commission', 'agency_share'];
const LEVELS = ['online', 'peak_online', 'avg_online', 'avg_watch_duration'];
const RATIOS: Record<string, [string, string, number]> = {
  gpm: ['gmv', 'pv', 1000], watch_to_order_rate: ['buyers', 'uv', 1],
  product_click_rate: ['product_click_users', 'product_exposure_users', 1],
  click_to_order_rate: ['buyers', 'product_click_users', 1], interaction_rate: ['interactors', 'uv', 1],
  item_price: ['gmv', 'items', 1], order_price: ['gmv', 'buyers', 1], fan_buyer_share: ['fanBuyers', 'buyers', 1],
  ad_ctr: ['ad_clicks', 'ad_impressions', 1], ad_cpm: ['ad_spend', 'ad_impressions', 1000],
  ad_cpc: ['ad_spend', 'ad_clicks', 1], ad_cost_per_conversion: ['ad_spend', 'ad_conversions', 1],
  ad_roi: ['ad_gmv', 'ad_spend', 1],
};

export function offlineChange5m(events: Ev[]): Fig {
  const now = offlineFigures(events);
  const endIdx = events.findIndex((e) => e.type === 'session.end');
  const clock = endIdx >= 0 ? (events[endIdx]!.endedAt as number) : Math.max(...events.map((e) => e.ts));
  const b = Math.floor(clock / 10_000) * 10_000;
  const startedAt = events.find((e) => e.type === 'session.start')?.startedAt ?? events[0]!.ts;
  const at = (x: number) => (x <= startedAt ? offlineFigures([]) : offlineFigures(events.filter((e) => e.ts < x), x));
  const a5 = at(b - 290_000);
  const a10 = at(b - 590_000);
  const val = (s: Offline, k: string) => (k === 'interactors' || k === 'fanBuyers' ? s.aux[k] : s.figures[k]) ?? 0;
  const rel = (x: number | null, y: number | null) => (x === null || y === null || y === 0 ? null : (x - y) / Math.abs(y));
  const out: Fig = {};
  for (const id of FLOWS) out[id] = rel(val(now, id) - val(a5, id), val(a5, id) - val(a10, id));
  for (const id of LEVELS) out[id] = rel(now.figures[id]!, a5.figures[id]!);
  for (const [id, [n, d, s]] of Object.entries(RATIOS)) {
    out[id] = rel(div(val(now, n) - val(a5, n), val(now, d) - val(a5, d), s), div(val(a5, n) - val(a10, n), val(a5, d) - val(a10, d), s));
  }
  return out;
}
