/**
 * Everything one session contributes to a diagnosis window (docs/product.md "Post-show diagnosis"),
 * computed in one pass over its events in seq order. The result is a plain JSON object, cached
 * by electron/diagnosis as the rollup 'stats'.
 *
 * Definitions (the spec's words, made operational):
 * - times are the events' `ts`; a live session (no session.end) ends, for durations, at its
 *   latest event;
 * - watch time runs from each viewer.enter to that user's next viewer.leave, or to the end;
 * - ∫ online dt: each `online` figure holds until the next one (by ts), clamped to
 *   [startedAt, end]; nothing is known (0) before the first;
 * - an order is paid by its first order.pay unless cancelled before; a cancel after payment
 *   changes no GMV figure but takes the order out of "paid orders not cancelled";
 * - a buyer message is answered when the shop writes to that buyer within [t, t + 180 s];
 * - after-sale events (after-sale opened, review, complaint) count for orders paid in this
 *   session, a dispute for an order with an after-sale opened: an event about an unknown order
 *   would make "complaints ÷ paid orders" exceed 1.
 *
 * Fields are checked by type before use, so an odd stored event cannot produce NaN.
 */
import { isPaidChannel } from '../protocol/channels';
import type { StreamEvent } from '../protocol/schemas';
import {
  STATS_VERSION,
  type BenchmarkQuantiles,
  type BenchmarkSeen,
  type CatalogTalent,
  type ProductStats,
  type QuadrantId,
  type SessionStats,
} from './types';

const HOUR_MS = 3_600_000;
const SHIP_LIMIT_MS = 48 * HOUR_MS;
const REPLY_LIMIT_MS = 180_000;

/** Event types sessionStats reads; a loader may skip parsing every other row. */
export const STATS_EVENT_TYPES: ReadonlySet<string> = new Set([
  'session.start', 'stream.state', 'session.end', 'viewer.enter', 'viewer.leave', 'online',
  'product.list', 'product.exposure', 'product.click', 'order.create', 'order.pay', 'order.cancel',
  'order.ship', 'order.deliver', 'aftersale.open', 'aftersale.close', 'review', 'complaint',
  'dispute', 'cs.message', 'benchmark', 'talent.catalog',
]);

type Ev = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface Order {
  userId: string;
  productId: string;
  qty: number;
  amount: number;
  quadrant: QuadrantId;
  paidAt: number | null;
  cancelledBeforePay: boolean;
  cancelledAfterPay: boolean;
  shippedAt: number | null;
  deliveredAt: number | null;
}

interface ProductWork {
  stats: ProductStats;
  exposureUsers: Set<string>;
}

function quadrantOf(channel: string, fan: boolean): QuadrantId {
  // a table rather than a template string: this runs for every viewer.enter and order
  if (isPaidChannel(channel)) return fan ? 'paid_fan' : 'paid_nonfan';
  return fan ? 'natural_fan' : 'natural_nonfan';
}

function emptyProduct(productId: string): ProductStats {
  return {
    productId, title: null, category: null, priceBand: null, price: null,
    exposurePv: 0, exposureUsers: 0, clickPv: 0, createdOrders: 0, paidOrders: 0, items: 0, gmv: 0,
    paidNotCancelled: 0, shipped48h: 0, reviews: 0, negativeReviews: 0, complaints: 0, qualityAftersales: 0,
  };
}

function bump(map: Record<string, number>, key: string | null | undefined): void {
  if (!key) return;
  map[key] = (map[key] ?? 0) + 1;
}

/** Incremental builder: `add` each event in seq order, then `finish`. */
export class SessionStatsBuilder {
  private sessionId: string | null = null;
  private roomId: string | null = null;
  private title: string | null = null;
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private lastTs: number | null = null;
  private lastSeq = 0;
  private events = 0;
  private host: SessionStats['host'] = null;
  private shop: SessionStats['shop'] = null;

  private pauses: [number, number | null][] = [];
  private pv = 0;
  private users = new Set<string>();
  private portraits = new Map<string, { gender: string | null; age: string | null; region: string | null }>();
  private openStays = new Map<string, number[]>();
  private watchMs = 0;
  private online: [number, number][] = [];
  private peakOnline: number | null = null;

  private exposureUsers = new Set<string>();
  private clickUsers = new Set<string>();
  private products = new Map<string, ProductWork>();
  private orders = new Map<string, Order>();
  private buyers = new Set<string>();
  private gmv = 0;
  private items = 0;
  private paidOrders = 0;
  private createdOrders = 0;
  private quadrants: SessionStats['quadrants'] = {
    natural_fan: { pv: 0, gmv: 0, paidOrders: 0 },
    natural_nonfan: { pv: 0, gmv: 0, paidOrders: 0 },
    paid_fan: { pv: 0, gmv: 0, paidOrders: 0 },
    paid_nonfan: { pv: 0, gmv: 0, paidOrders: 0 },
  };

  private aftersalesOpened = 0;
  private qualityAftersales = 0;
  private aftersaleOrders = new Set<string>();
  private openAftersales = new Map<string, { at: number; kind: string }>();
  private refundOnly = { n: 0, hours: 0 };
  private returnRefund = { n: 0, hours: 0 };
  private reviews = 0;
  private negativeReviews = 0;
  private complaints = 0;
  private disputes = 0;
  private buyerMsgs = new Map<string, number[]>();
  private shopMsgs = new Map<string, number[]>();

  private benchmarks = new Map<string, BenchmarkSeen>();
  private catalog: SessionStats['talentCatalog'] = null;

  add(event: StreamEvent): void {
    const e = event as Ev;
    const ts = num(e.ts);
    const seq = num(e.seq) ?? 0;
    if (ts === null) return;
    this.events++;
    if (seq > this.lastSeq) this.lastSeq = seq;
    if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts;
    switch (e.type) {
      case 'session.start': return this.start(e, ts);
      case 'stream.state': return this.streamState(e, ts);
      case 'session.end': {
        const endedAt = num(e.endedAt);
        if (endedAt !== null) this.endedAt = endedAt;
        return;
      }
      case 'viewer.enter': return this.enter(e, ts);
      case 'viewer.leave': return this.leave(e, ts);
      case 'online': {
        const count = num(e.count);
        if (count === null) return;
        this.online.push([ts, count]);
        if (this.peakOnline === null || count > this.peakOnline) this.peakOnline = count;
        return;
      }
      case 'product.list': return this.productList(e);
      case 'product.exposure': return this.exposure(e);
      case 'product.click': {
        const userId = str(e.userId);
        const productId = str(e.productId);
        if (userId) this.clickUsers.add(userId);
        if (productId) this.product(productId).stats.clickPv++;
        return;
      }
      case 'order.create': return this.orderCreate(e);
      case 'order.pay': return this.orderPay(e, ts);
      case 'order.cancel': {
        const o = this.orders.get(str(e.orderId) ?? '');
        if (!o) return;
        if (o.paidAt === null) o.cancelledBeforePay = true;
        else o.cancelledAfterPay = true;
        return;
      }
      case 'order.ship': {
        const o = this.orders.get(str(e.orderId) ?? '');
        if (o && o.shippedAt === null) o.shippedAt = ts;
        return;
      }
      case 'order.deliver': {
        const o = this.orders.get(str(e.orderId) ?? '');
        if (o && o.deliveredAt === null) o.deliveredAt = ts;
        return;
      }
      case 'aftersale.open': return this.aftersaleOpen(e, ts);
      case 'aftersale.close': return this.aftersaleClose(e, ts);
      case 'review': {
        const rating = num(e.rating);
        if (rating === null || !this.paidOrder(e.orderId)) return;
        const p = this.productOfOrder(e.orderId);
        this.reviews++;
        if (p) p.reviews++;
        if (rating <= 2) {
          this.negativeReviews++;
          if (p) p.negativeReviews++;
        }
        return;
      }
      case 'complaint': {
        if (!this.paidOrder(e.orderId)) return;
        this.complaints++;
        const p = this.productOfOrder(e.orderId);
        if (p) p.complaints++;
        return;
      }
      case 'dispute':
        if (this.aftersaleOrders.has(str(e.orderId) ?? '')) this.disputes++;
        return;
      case 'cs.message': {
        const userId = str(e.userId);
        if (!userId || (e.from !== 'buyer' && e.from !== 'shop')) return;
        const map = e.from === 'buyer' ? this.buyerMsgs : this.shopMsgs;
        const list = map.get(userId);
        if (list) list.push(ts);
        else map.set(userId, [ts]);
        return;
      }
      case 'benchmark': return this.benchmark(e, ts, seq);
      case 'talent.catalog': return this.talentCatalog(e, ts, seq);
      default:
        return;
    }
  }

  private start(e: Ev, ts: number): void {
    this.sessionId = str(e.sessionId);
    this.roomId = str(e.roomId);
    this.title = str(e.title);
    this.startedAt = num(e.startedAt) ?? ts;
    const h = (e.host ?? {}) as Ev;
    this.host = {
      id: str(h.id) ?? '',
      name: str(h.name) ?? '',
      kind: str(h.kind) ?? '',
      tier: str(h.tier),
      followers: num(h.followers),
    };
    const s = (e.shop ?? {}) as Ev;
    this.shop = { id: str(s.id) ?? '', name: str(s.name) ?? '', category: str(s.category) ?? '', tier: str(s.tier) ?? '' };
  }

  private streamState(e: Ev, ts: number): void {
    const open = this.pauses.at(-1);
    const paused = open !== undefined && open[1] === null;
    if (e.state === 'paused' && !paused) this.pauses.push([ts, null]);
    else if (e.state === 'live' && paused) open[1] = Math.max(ts, open[0]);
  }

  private enter(e: Ev, ts: number): void {
    const userId = str(e.userId);
    if (!userId) return;
    this.pv++;
    this.users.add(userId);
    this.quadrants[quadrantOf(str(e.channel) ?? 'other', e.fan === true)].pv++;
    const stays = this.openStays.get(userId);
    if (stays) stays.push(ts);
    else this.openStays.set(userId, [ts]);
    const gender = str(e.gender);
    const age = str(e.age);
    const region = str(e.region);
    const prev = this.portraits.get(userId);
    // a returning viewer usually enters with the same portrait: update in place, allocate once
    if (!prev) this.portraits.set(userId, { gender, age, region });
    else {
      if (gender !== null) prev.gender = gender;
      if (age !== null) prev.age = age;
      if (region !== null) prev.region = region;
    }
  }

  private leave(e: Ev, ts: number): void {
    const userId = str(e.userId);
    const stays = userId ? this.openStays.get(userId) : undefined;
    if (!userId || !stays) return;
    for (const at of stays) this.watchMs += Math.max(0, ts - at);
    this.openStays.delete(userId);
  }

  private product(productId: string): ProductWork {
    let p = this.products.get(productId);
    if (!p) {
      p = { stats: emptyProduct(productId), exposureUsers: new Set() };
      this.products.set(productId, p);
    }
    return p;
  }

  private paidOrder(orderId: unknown): Order | null {
    const o = this.orders.get(str(orderId) ?? '');
    return o && o.paidAt !== null ? o : null;
  }

  private productOfOrder(orderId: unknown): ProductStats | null {
    const o = this.orders.get(str(orderId) ?? '');
    return o ? this.product(o.productId).stats : null;
  }

  private productList(e: Ev): void {
    if (!Array.isArray(e.products)) return;
    for (const raw of e.products as Ev[]) {
      const productId = str(raw?.productId);
      if (!productId) continue;
      const s = this.product(productId).stats;
      s.title = str(raw.title) ?? s.title;
      s.category = str(raw.category) ?? s.category;
      s.priceBand = str(raw.priceBand) ?? s.priceBand;
      s.price = num(raw.price) ?? s.price;
    }
  }

  private exposure(e: Ev): void {
    const userId = str(e.userId);
    const productId = str(e.productId);
    if (userId) this.exposureUsers.add(userId);
    if (!productId) return;
    const p = this.product(productId);
    p.stats.exposurePv++;
    if (userId) p.exposureUsers.add(userId);
  }

  private orderCreate(e: Ev): void {
    const orderId = str(e.orderId);
    const userId = str(e.userId);
    const productId = str(e.productId);
    const qty = num(e.qty);
    const amount = num(e.amount);
    if (!orderId || !userId || !productId || qty === null || amount === null || this.orders.has(orderId)) return;
    this.orders.set(orderId, {
      userId, productId, qty, amount,
      quadrant: quadrantOf(str(e.channel) ?? 'other', e.fan === true),
      paidAt: null, cancelledBeforePay: false, cancelledAfterPay: false, shippedAt: null, deliveredAt: null,
    });
    this.createdOrders++;
    this.product(productId).stats.createdOrders++;
  }

  private orderPay(e: Ev, ts: number): void {
    const o = this.orders.get(str(e.orderId) ?? '');
    if (!o || o.paidAt !== null || o.cancelledBeforePay) return;
    o.paidAt = ts;
    this.paidOrders++;
    this.gmv += o.amount;
    this.items += o.qty;
    this.buyers.add(o.userId);
    const q = this.quadrants[o.quadrant];
    q.gmv += o.amount;
    q.paidOrders++;
    const p = this.product(o.productId).stats;
    p.paidOrders++;
    p.gmv += o.amount;
    p.items += o.qty;
  }

  private aftersaleOpen(e: Ev, ts: number): void {
    const orderId = str(e.orderId);
    if (!orderId || !this.paidOrder(orderId)) return;
    this.aftersaleOrders.add(orderId);
    this.aftersalesOpened++;
    if (e.reason === 'quality') {
      this.qualityAftersales++;
      const p = this.productOfOrder(orderId);
      if (p) p.qualityAftersales++;
    }
    this.openAftersales.set(orderId, { at: ts, kind: str(e.kind) ?? '' });
  }

  private aftersaleClose(e: Ev, ts: number): void {
    const orderId = str(e.orderId) ?? '';
    const open = this.openAftersales.get(orderId);
    if (!open) return;
    this.openAftersales.delete(orderId);
    if (e.self !== true) return;
    const hours = Math.max(0, ts - open.at) / HOUR_MS;
    const bucket = open.kind === 'refund_only' ? this.refundOnly : open.kind === 'return_refund' ? this.returnRefund : null;
    if (!bucket) return;
    bucket.n++;
    bucket.hours += hours;
  }

  private benchmark(e: Ev, ts: number, seq: number): void {
    const scope = (e.scope ?? {}) as Ev;
    const category = str(scope.category);
    const window = str(e.window);
    if (category === null || window === null || typeof e.indicators !== 'object' || e.indicators === null) return;
    const indicators: Record<string, BenchmarkQuantiles> = {};
    for (const [id, q] of Object.entries(e.indicators as Record<string, Ev>)) {
      const p25 = num(q?.p25), p50 = num(q?.p50), p75 = num(q?.p75), p90 = num(q?.p90);
      if (p25 !== null && p50 !== null && p75 !== null && p90 !== null) indicators[id] = { p25, p50, p75, p90 };
    }
    const seen: BenchmarkSeen = { ts, seq, scope: { category, tier: str(scope.tier), priceBand: str(scope.priceBand) }, window, indicators };
    const key = JSON.stringify([category, seen.scope.tier, seen.scope.priceBand, window]);
    const prev = this.benchmarks.get(key);
    if (!prev || ts > prev.ts || (ts === prev.ts && seq >= prev.seq)) this.benchmarks.set(key, seen);
  }

  private talentCatalog(e: Ev, ts: number, seq: number): void {
    if (!Array.isArray(e.talents)) return;
    if (this.catalog && (ts < this.catalog.ts || (ts === this.catalog.ts && seq < this.catalog.seq))) return;
    const talents: CatalogTalent[] = [];
    for (const t of e.talents as Ev[]) {
      const id = str(t?.id);
      if (!id) continue;
      const p = t.portrait as Ev | undefined;
      talents.push({
        id,
        name: str(t.name) ?? id,
        level: str(t.level) ?? '',
        followers: num(t.followers) ?? 0,
        reputation: num(t.reputation) ?? 0,
        categories: Array.isArray(t.categories) ? (t.categories as unknown[]).filter((c): c is string => typeof c === 'string') : [],
        gmv30d: num(t.gmv30d) ?? 0,
        portrait: p && typeof p === 'object' ? { gender: str(p.gender) ?? '', age: str(p.age) ?? '', region: str(p.region) ?? '' } : null,
      });
    }
    this.catalog = { ts, seq, talents };
  }

  finish(): SessionStats {
    const start = this.startedAt;
    const end = this.endedAt ?? this.lastTs;
    const effectiveEnd = start !== null && end !== null ? Math.max(start, end) : end;
    const clamp = (t: number) => (start === null || effectiveEnd === null ? t : Math.min(effectiveEnd, Math.max(start, t)));

    let pausedMs = 0;
    if (start !== null && effectiveEnd !== null) {
      for (const [from, to] of this.pauses) pausedMs += Math.max(0, clamp(to ?? effectiveEnd) - clamp(from));
    }
    let watchMs = this.watchMs;
    if (effectiveEnd !== null) {
      for (const stays of this.openStays.values()) for (const at of stays) watchMs += Math.max(0, effectiveEnd - at);
    }
    let integral = 0;
    if (start !== null && effectiveEnd !== null && this.online.length > 0) {
      const points = this.online.map(([t, c]) => [clamp(t), c] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 0; i < points.length; i++) {
        const [t, c] = points[i]!;
        const next = i + 1 < points.length ? points[i + 1]![0] : effectiveEnd;
        integral += c * ((next - t) / 1000);
      }
    }
    const sessionSeconds = start !== null && effectiveEnd !== null ? (effectiveEnd - start) / 1000 : null;

    const service = {
      paidOrders: this.paidOrders, paidNotCancelled: 0, shipped48h: 0,
      qualityAftersales: this.qualityAftersales, aftersalesOpened: this.aftersalesOpened,
      reviews: this.reviews, negativeReviews: this.negativeReviews, complaints: this.complaints,
      buyerMessages: 0, buyerMessagesAnswered: 0,
      deliveredOrders: 0, deliveryHoursSum: 0,
      refundOnlySelfClosed: this.refundOnly.n, refundOnlyHoursSum: this.refundOnly.hours,
      returnRefundSelfClosed: this.returnRefund.n, returnRefundHoursSum: this.returnRefund.hours,
      disputes: this.disputes,
    };
    for (const p of this.products.values()) p.stats.paidNotCancelled = p.stats.shipped48h = 0; // finish() may run twice
    for (const o of this.orders.values()) {
      if (o.paidAt === null) continue;
      if (o.deliveredAt !== null) {
        service.deliveredOrders++;
        service.deliveryHoursSum += Math.max(0, o.deliveredAt - o.paidAt) / HOUR_MS;
      }
      if (o.cancelledAfterPay) continue;
      const p = this.product(o.productId).stats;
      service.paidNotCancelled++;
      p.paidNotCancelled++;
      if (o.shippedAt !== null && o.shippedAt - o.paidAt <= SHIP_LIMIT_MS) {
        service.shipped48h++;
        p.shipped48h++;
      }
    }
    for (const [userId, asked] of this.buyerMsgs) {
      const answers = (this.shopMsgs.get(userId) ?? []).slice().sort((a, b) => a - b);
      for (const t of asked) {
        service.buyerMessages++;
        if (answerWithin(answers, t, t + REPLY_LIMIT_MS)) service.buyerMessagesAnswered++;
      }
    }

    const buyerPortrait = { gender: {}, age: {}, region: {} } as SessionStats['buyerPortrait'];
    for (const b of this.buyers) {
      const p = this.portraits.get(b);
      bump(buyerPortrait.gender, p?.gender);
      bump(buyerPortrait.age, p?.age);
      bump(buyerPortrait.region, p?.region);
    }
    const products: Record<string, ProductStats> = {};
    for (const [id, p] of this.products) products[id] = { ...p.stats, exposureUsers: p.exposureUsers.size };

    return {
      version: STATS_VERSION,
      sessionId: this.sessionId,
      roomId: this.roomId,
      title: this.title,
      startedAt: start,
      endedAt: this.endedAt,
      effectiveEnd,
      live: this.endedAt === null,
      pausedSeconds: pausedMs / 1000,
      effectiveDuration: sessionSeconds === null ? null : sessionSeconds - pausedMs / 1000,
      sessionSeconds,
      watchSeconds: watchMs / 1000,
      uv: this.users.size,
      pv: this.pv,
      onlineIntegral: integral,
      onlineReports: this.online.length,
      peakOnline: this.peakOnline,
      productExposureUsers: this.exposureUsers.size,
      productClickUsers: this.clickUsers.size,
      buyers: this.buyers.size,
      items: this.items,
      gmv: this.gmv,
      paidOrders: this.paidOrders,
      createdOrders: this.createdOrders,
      quadrants: structuredCloneQuadrants(this.quadrants),
      products,
      service,
      host: this.host,
      shop: this.shop,
      buyerPortrait,
      benchmarks: [...this.benchmarks.values()],
      talentCatalog: this.catalog,
      lastSeq: this.lastSeq,
      events: this.events,
    };
  }
}

function structuredCloneQuadrants(q: SessionStats['quadrants']): SessionStats['quadrants'] {
  return {
    natural_fan: { ...q.natural_fan },
    natural_nonfan: { ...q.natural_nonfan },
    paid_fan: { ...q.paid_fan },
    paid_nonfan: { ...q.paid_nonfan },
  };
}

/** Is there a time in sorted `times` within [from, to]? */
function answerWithin(times: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo]! <= to;
}

/** Everything one session contributes to a diagnosis window, from its events in seq order. */
export function sessionStats(events: Iterable<StreamEvent>): SessionStats {
  const b = new SessionStatsBuilder();
  for (const e of events) b.add(e);
  return b.finish();
}
