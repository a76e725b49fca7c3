/**
 * The deterministic show generator: protocol-v1 events of one live-commerce room, second by
 * second of show time. Same (seed, room index, startAt, duration) ⇒ the same events, and
 * generating up to show-time T is a prefix of generating up to any later T — so a restarted
 * source re-creates exactly what it had sent before.
 *
 * A show: session.start, the cart, benchmarks and the talent catalogue; then every second
 * viewers arrive by channel in waves (flash-sale peaks and lulls), stay a while and leave; the
 * platform's online figure every 5 s; comments, likes in bundles, follows, fan-club joins,
 * shares, gifts; products explained in turn, exposed, clicked, ordered, paid or abandoned
 * (压单) or cancelled; stock runs down; ad plans spend with their budgets; occasional pauses.
 * At `durationMin` the session ends and the after-sale of its paid orders follows at once with
 * timestamps spread over the following days (time-compressed): shipping, delivery, after-sales,
 * reviews, complaints, disputes, customer-service messages.
 */
import { HOSTS, SHOPS, TALENTS, NICKNAMES, PHRASES, REGIONS, REGION_WEIGHTS, AGES, AGE_WEIGHTS, NATURAL, NATURAL_WEIGHTS, PAID, PAID_WEIGHTS, AD_PLANS, CREATIVE_TITLES } from './catalog';
import { mulberry32, pick, poisson, weighted, type Random } from './random';

export type SimEvent = { seq: number; ts: number; type: string } & Record<string, unknown>;

export interface ShowOptions {
  seed: number;
  /** 0-based room index; every third room (2, 5, …) is hosted by a talent */
  roomIndex: number;
  /** epoch ms of the show's start (event time) */
  startAt: number;
  /** show minutes before session.end; undefined = endless */
  durationMin?: number;
}

interface Viewer { id: string; channel: string; fan: boolean; paid: boolean }
interface Product { productId: string; title: string; short: string; price: number; category: string; priceBand: string; stock: number; cartSlot: number; appeal: number }
interface Order { orderId: string; userId: string; productId: string; amount: number; paidAt: number | null; cancelled: boolean }

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function sessionIdFor(seed: number, roomIndex: number, startAt: number): string {
  return `sim-${seed}-${startAt.toString(36)}-r${roomIndex + 1}`;
}
export function roomIdFor(roomIndex: number): string {
  return `room-${8801 + roomIndex}`;
}

export class RoomShow {
  readonly sessionId: string;
  readonly roomId: string;
  /** events generated and not yet taken */
  private out: SimEvent[] = [];
  private seq = 0;
  /** next show second to generate */
  private second = 0;
  private ended = false;
  private afterSaleDone = false;
  private readonly r: Random;
  private readonly opts: ShowOptions;
  private readonly talentHosted: boolean;
  private readonly products: Product[] = [];
  private readonly inside: Viewer[] = [];
  private readonly insideIndex = new Map<string, number>();
  private readonly leaving = new Map<number, string[]>();
  private readonly known: Viewer[] = [];
  private readonly orders: Order[] = [];
  private readonly unpaid: Order[] = [];
  private readonly plans: { planId: string; budget: number; spent: number; status: 'on' | 'paused' | 'over_budget'; channel: string; creatives: string[] }[] = [];
  private nextUser = 0;
  private nextOrder = 0;
  private explaining: Product | null = null;
  private explainUntil = 0;
  private paused = false;
  private pauseUntil = 0;
  private platformOnline = 0;

  constructor(opts: ShowOptions) {
    this.opts = opts;
    this.r = mulberry32((opts.seed * 7919 + opts.roomIndex * 104_729 + 17) >>> 0);
    this.sessionId = sessionIdFor(opts.seed, opts.roomIndex, opts.startAt);
    this.roomId = roomIdFor(opts.roomIndex);
    this.talentHosted = opts.roomIndex % 3 === 2;
  }

  /** The highest seq generated so far. */
  get lastSeq(): number {
    return this.seq;
  }
  /** Whether the show, after-sale included, has been generated completely. */
  get done(): boolean {
    return this.afterSaleDone;
  }
  get showSeconds(): number {
    return this.second;
  }

  /** Generate every event up to show time `showMs` (ms since the start); returns them. */
  advanceTo(showMs: number, maxEvents = Infinity): SimEvent[] {
    while (!this.afterSaleDone && this.second * 1000 <= showMs && this.out.length < maxEvents) this.tick();
    return this.take();
  }

  /** Generate until at least `count` new events exist or the show is done. */
  advanceBy(count: number): SimEvent[] {
    while (!this.afterSaleDone && this.out.length < count) this.tick();
    return this.take();
  }

  private take(): SimEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }

  private emit(ts: number, type: string, body: Record<string, unknown>): void {
    this.out.push({ seq: ++this.seq, ts, type, ...body });
  }

  private tsOf(second: number): number {
    return this.opts.startAt + second * 1000;
  }

  private tick(): void {
    const s = this.second++;
    if (s === 0) return this.opening();
    const end = this.opts.durationMin === undefined ? Infinity : this.opts.durationMin * 60;
    if (s >= end) {
      if (!this.ended) this.ending(this.tsOf(end));
      return;
    }
    const ts = this.tsOf(s);
    if (this.paused) {
      if (s >= this.pauseUntil) {
        this.paused = false;
        this.emit(ts, 'stream.state', { state: 'live' });
      } else {
        this.leaves(s, ts);
        if (s % 5 === 0) this.online(ts);
        return;
      }
    } else if (s > 600 && this.r() < 1 / 2400) {
      this.paused = true;
      this.pauseUntil = s + 20 + Math.floor(this.r() * 60);
      this.emit(ts, 'stream.state', { state: 'paused' });
    }
    const wave = this.wave(s);
    this.arrivals(ts, wave);
    this.leaves(s, ts);
    if (s % 5 === 0) this.online(ts);
    this.interaction(ts, wave);
    this.explanation(s, ts);
    this.commerce(ts, wave);
    if (s % 10 === 0) this.ads(ts, wave);
  }

  /** Traffic intensity: a slow build-up, flash-sale peaks every ~15 minutes, lulls between. */
  private wave(s: number): number {
    const warm = Math.min(1, s / 300);
    const cycle = (s % 900) / 900;
    const peak = cycle > 0.8 ? 2.4 : cycle < 0.2 ? 0.6 : 1;
    return warm * peak * (0.85 + 0.3 * Math.sin(s / 97));
  }

  private opening(): void {
    const r = this.r;
    const ts = this.opts.startAt;
    const shop = SHOPS[(this.opts.seed + this.opts.roomIndex) % SHOPS.length]!;
    const hostBase = this.talentHosted ? TALENTS[this.opts.roomIndex % TALENTS.length]! : HOSTS[this.opts.roomIndex % HOSTS.length]!;
    const host = this.talentHosted
      ? { id: hostBase.id, name: hostBase.name, kind: 'talent', tier: (hostBase as (typeof TALENTS)[number]).tier, followers: (hostBase as (typeof TALENTS)[number]).followers }
      : { id: hostBase.id, name: hostBase.name, kind: 'self', followers: 50_000 + Math.floor(r() * 400_000) };
    this.emit(ts, 'session.start', {
      sessionId: this.sessionId,
      roomId: this.roomId,
      title: `${shop.name} · ${['春季新品首发', '宠粉福利专场', '周年庆大促', '限时秒杀夜'][this.opts.roomIndex % 4]}`,
      startedAt: ts,
      host,
      shop: { id: shop.id, name: shop.name, category: shop.category, tier: shop.tier },
    });
    const count = Math.min(shop.products.length, 10 + Math.floor(r() * 15));
    for (let i = 0; i < count; i++) {
      const p = shop.products[i]!;
      this.products.push({
        productId: `${shop.id}-p${i + 1}`, title: p.title, short: p.title.split(' ')[0]!, price: p.price, category: shop.category,
        priceBand: p.priceBand, stock: 60 + Math.floor(r() * 900), cartSlot: i + 1, appeal: 0.5 + r(),
      });
    }
    this.cart(ts);
    for (const window of ['1d', '7d', '30d'] as const) this.emit(ts, 'benchmark', benchmarkFor(shop.category, shop.tier, window, r));
    this.emit(ts, 'talent.catalog', {
      talents: TALENTS.map((t) => ({
        id: t.id, name: t.name, level: t.level, followers: t.followers, reputation: t.reputation, categories: t.categories, gmv30d: t.gmv30d,
        portrait: { gender: t.categories.includes('beauty') ? 'f' : 'm', age: '24-30', region: '广东' },
      })),
    });
    AD_PLANS.forEach((plan, i) => {
      const planId = `${this.sessionId}-plan${i + 1}`;
      const creatives = [0, 1].map((k) => `${planId}-c${k + 1}`);
      this.plans.push({ planId, budget: plan.budget, spent: 0, status: 'on', channel: plan.channel, creatives });
      this.emit(ts, 'ad.plan', { planId, name: plan.name, status: 'on', budget: plan.budget, bid: plan.bid, channel: plan.channel });
      creatives.forEach((creativeId, k) =>
        this.emit(ts, 'ad.creative', { creativeId, planId, title: CREATIVE_TITLES[(i + k) % CREATIVE_TITLES.length]!, kind: (['video', 'image', 'live'] as const)[(i + k) % 3] }),
      );
    });
  }

  private cart(ts: number): void {
    this.emit(ts, 'product.list', {
      products: this.products.map((p) => ({ productId: p.productId, title: p.title, price: p.price, category: p.category, priceBand: p.priceBand, stock: p.stock, cartSlot: p.cartSlot })),
    });
  }

  private arrivals(ts: number, wave: number): void {
    const r = this.r;
    const n = poisson(r, 4 * wave);
    for (let i = 0; i < n; i++) {
      const returning = this.known.length > 50 && r() < 0.18;
      let viewer: Viewer;
      if (returning) {
        const old = this.known[Math.floor(r() * this.known.length)]!;
        if (this.insideIndex.has(old.id)) continue;
        viewer = old;
      } else {
        const paid = r() < 0.3;
        const channel = paid ? weighted(r, PAID, PAID_WEIGHTS) : weighted(r, NATURAL, NATURAL_WEIGHTS);
        viewer = { id: `u${this.opts.roomIndex + 1}-${++this.nextUser}`, channel, fan: r() < (channel === 'follow' ? 0.9 : 0.25), paid };
        this.known.push(viewer);
      }
      const gender = r() < 0.68 ? 'f' : 'm';
      this.emit(ts, 'viewer.enter', {
        userId: viewer.id, channel: viewer.channel, fan: viewer.fan, gender, age: weighted(r, AGES, AGE_WEIGHTS),
        region: weighted(r, REGIONS, REGION_WEIGHTS), returning,
      });
      this.insideIndex.set(viewer.id, this.inside.length);
      this.inside.push(viewer);
      // stays: most leave within a minute or two, a loyal tail stays long
      const stay = r() < 0.7 ? 10 + Math.floor(r() * 110) : 120 + Math.floor(r() * 1500);
      const at = Math.floor((ts - this.opts.startAt) / 1000) + stay;
      const list = this.leaving.get(at);
      if (list) list.push(viewer.id);
      else this.leaving.set(at, [viewer.id]);
    }
  }

  private leaves(s: number, ts: number): void {
    const list = this.leaving.get(s);
    if (!list) return;
    this.leaving.delete(s);
    for (const id of list) {
      if (!this.removeInside(id)) continue;
      this.emit(ts, 'viewer.leave', { userId: id });
    }
  }

  private removeInside(id: string): boolean {
    const i = this.insideIndex.get(id);
    if (i === undefined) return false;
    const last = this.inside.pop()!;
    if (last.id !== id) {
      this.inside[i] = last;
      this.insideIndex.set(last.id, i);
    }
    this.insideIndex.delete(id);
    return true;
  }

  private online(ts: number): void {
    // the platform's figure: those inside plus viewers of the platform the room cannot see
    this.platformOnline = Math.round(this.inside.length * (1.05 + 0.1 * this.r()));
    this.emit(ts, 'online', { count: this.platformOnline });
  }

  private someone(): Viewer | null {
    return this.inside.length ? this.inside[Math.floor(this.r() * this.inside.length)]! : null;
  }

  private interaction(ts: number, wave: number): void {
    const r = this.r;
    const crowd = this.inside.length;
    if (crowd === 0) return;
    const comments = poisson(r, Math.min(6, crowd * 0.01 * wave + 0.2));
    for (let i = 0; i < comments; i++) {
      const v = this.someone()!;
      const product = this.explaining && r() < 0.6 ? this.explaining : pick(r, this.products);
      this.emit(ts, 'comment', { userId: v.id, nickname: pick(r, NICKNAMES), text: pick(r, PHRASES).replace('{p}', product.short) });
    }
    if (r() < 0.5) this.emit(ts, 'like', { userId: this.someone()!.id, count: 1 + poisson(r, crowd * 0.05 * wave) });
    if (r() < crowd * 0.0008) this.emit(ts, 'follow', { userId: this.someone()!.id });
    if (r() < crowd * 0.0003) this.emit(ts, 'fansclub.join', { userId: this.someone()!.id });
    if (r() < crowd * 0.0004) this.emit(ts, 'share', { userId: this.someone()!.id });
    if (r() < crowd * 0.0002) this.emit(ts, 'gift', { userId: this.someone()!.id, value: pick(r, [100, 100, 990, 5200, 19900]) });
  }

  private explanation(s: number, ts: number): void {
    if (s < this.explainUntil) return;
    if (this.explaining) this.emit(ts, 'product.explain', { productId: this.explaining.productId, state: 'end' });
    const candidates = this.products.filter((p) => p.stock > 0 && p !== this.explaining);
    this.explaining = candidates.length ? pick(this.r, candidates) : null;
    this.explainUntil = s + 120 + Math.floor(this.r() * 240);
    if (this.explaining) this.emit(ts, 'product.explain', { productId: this.explaining.productId, state: 'start' });
  }

  private commerce(ts: number, wave: number): void {
    const r = this.r;
    const crowd = this.inside.length;
    if (crowd === 0) return;
    const exposures = poisson(r, crowd * 0.02 * wave);
    for (let i = 0; i < exposures; i++) {
      const v = this.someone()!;
      const p = this.explaining && r() < 0.5 ? this.explaining : pick(r, this.products);
      this.emit(ts, 'product.exposure', { userId: v.id, productId: p.productId });
      if (r() < 0.28 * p.appeal) {
        this.emit(ts, 'product.click', { userId: v.id, productId: p.productId });
        if (p.stock > 0 && r() < (p === this.explaining ? 0.3 : 0.14) * p.appeal) this.order(ts, v, p);
      }
    }
    // pay or abandon pending orders
    for (let i = this.unpaid.length - 1; i >= 0; i--) {
      const o = this.unpaid[i]!;
      const x = r();
      if (x < 0.25) {
        this.emit(ts, 'order.pay', { orderId: o.orderId });
        o.paidAt = ts;
        this.unpaid.splice(i, 1);
      } else if (x < 0.27) {
        this.emit(ts, 'order.cancel', { orderId: o.orderId });
        o.cancelled = true;
        this.unpaid.splice(i, 1);
        const p = this.products.find((q) => q.productId === o.productId)!;
        p.stock += 1;
        this.emit(ts, 'stock', { productId: p.productId, stock: p.stock });
      } else if (x < 0.29) {
        this.unpaid.splice(i, 1); // never paid: stays 压单
      }
    }
  }

  private order(ts: number, v: Viewer, p: Product): void {
    const qty = Math.min(p.stock, this.r() < 0.85 ? 1 : 2);
    const order: Order = { orderId: `${this.sessionId}-o${++this.nextOrder}`, userId: v.id, productId: p.productId, amount: p.price * qty, paidAt: null, cancelled: false };
    this.orders.push(order);
    this.unpaid.push(order);
    this.emit(ts, 'order.create', { orderId: order.orderId, userId: v.id, productId: p.productId, qty, amount: order.amount, channel: v.channel, fan: v.fan });
    p.stock -= qty;
    this.emit(ts, 'stock', { productId: p.productId, stock: p.stock });
  }

  private ads(ts: number, wave: number): void {
    const r = this.r;
    for (const plan of this.plans) {
      if (plan.status !== 'on') continue;
      const impressions = poisson(r, 400 * wave + 50);
      const spend = Math.min(plan.budget - plan.spent, Math.round(impressions * (2 + r() * 3)));
      const clicks = poisson(r, impressions * 0.025);
      const conversions = poisson(r, clicks * 0.06);
      const gmv = conversions * (5_000 + Math.floor(r() * 30_000));
      plan.spent += spend;
      this.emit(ts, 'ad.stats', { planId: plan.planId, creativeId: pick(r, plan.creatives), impressions, clicks, spend, conversions, gmv });
      if (plan.spent >= plan.budget) {
        plan.status = 'over_budget';
        const def = AD_PLANS[this.plans.indexOf(plan)]!;
        this.emit(ts, 'ad.plan', { planId: plan.planId, name: def.name, status: 'over_budget', budget: plan.budget, bid: def.bid, channel: plan.channel });
      }
    }
  }

  private ending(endedAt: number): void {
    this.ended = true;
    if (this.explaining) this.emit(endedAt, 'product.explain', { productId: this.explaining.productId, state: 'end' });
    for (const v of [...this.inside]) {
      this.removeInside(v.id);
      this.emit(endedAt, 'viewer.leave', { userId: v.id });
    }
    this.emit(endedAt, 'online', { count: 0 });
    this.emit(endedAt, 'session.end', { endedAt });
    this.afterSale(endedAt);
    this.afterSaleDone = true;
  }

  /** The after-sale of every paid order, time-compressed: emitted at once, ts over the next days. */
  private afterSale(endedAt: number): void {
    const r = this.r;
    const later: { ts: number; type: string; body: Record<string, unknown> }[] = [];
    const at = (ts: number, type: string, body: Record<string, unknown>) => later.push({ ts: Math.max(ts, endedAt + 1), type, body });
    for (const o of this.orders) {
      if (o.paidAt === null || o.cancelled) continue;
      const shipped = o.paidAt + (r() < 0.9 ? 2 * HOUR + r() * 40 * HOUR : 50 * HOUR + r() * 40 * HOUR);
      at(shipped, 'order.ship', { orderId: o.orderId });
      const delivered = shipped + 24 * HOUR + r() * 72 * HOUR;
      at(delivered, 'order.deliver', { orderId: o.orderId });
      if (r() < 0.3) at(delivered + r() * 3 * DAY, 'review', { orderId: o.orderId, rating: r() < 0.08 ? 1 + Math.floor(r() * 2) : 4 + Math.floor(r() * 2) });
      if (r() < 0.08) {
        const kind = r() < 0.5 ? 'refund_only' : 'return_refund';
        const opened = delivered + r() * 2 * DAY;
        at(opened, 'aftersale.open', { orderId: o.orderId, kind, reason: r() < 0.4 ? 'quality' : 'other' });
        at(opened + (kind === 'refund_only' ? 2 : 30) * HOUR + r() * 48 * HOUR, 'aftersale.close', { orderId: o.orderId, self: r() < 0.85 });
        if (r() < 0.1) at(opened + 3 * DAY, 'dispute', { orderId: o.orderId });
      }
      if (r() < 0.01) at(delivered + r() * DAY, 'complaint', { orderId: o.orderId });
      if (r() < 0.15) {
        const asked = o.paidAt + r() * 2 * DAY;
        at(asked, 'cs.message', { userId: o.userId, from: 'buyer' });
        at(asked + (r() < 0.8 ? r() * 170_000 : 200_000 + r() * 3_600_000), 'cs.message', { userId: o.userId, from: 'shop' });
      }
    }
    later.sort((a, b) => a.ts - b.ts);
    for (const e of later) this.emit(Math.round(e.ts), e.type, e.body);
  }
}

/** The peer-tier distribution of a shop's category and tier (indicator ids of PRODUCT.md). */
function benchmarkFor(category: string, tier: string, window: '1d' | '7d' | '30d', r: Random): Record<string, unknown> {
  const days = window === '1d' ? 1 : window === '7d' ? 7 : 30;
  const q = (p50: number) => {
    const j = 0.9 + r() * 0.2;
    return { p25: +(p50 * 0.6 * j).toFixed(6), p50: +(p50 * j).toFixed(6), p75: +(p50 * 1.5 * j).toFixed(6), p90: +(p50 * 2.2 * j).toFixed(6) };
  };
  const lower = (p50: number) => {
    // lower-is-better indicators: the distribution of values still rises p25 → p90
    const j = 0.9 + r() * 0.2;
    return { p25: +(p50 * 0.5 * j).toFixed(6), p50: +(p50 * j).toFixed(6), p75: +(p50 * 1.6 * j).toFixed(6), p90: +(p50 * 2.5 * j).toFixed(6) };
  };
  return {
    scope: { category, tier },
    window,
    indicators: {
      effective_duration: q(3 * 3600 * days * 0.8),
      avg_watch_duration: q(95),
      avg_online: q(180),
      peak_online: q(600),
      product_click_rate: q(0.22),
      click_to_order_rate: q(0.12),
      watch_to_order_rate: q(0.02),
      item_price: q(18_000),
      ship_48h_rate: { p25: 0.82, p50: 0.9, p75: 0.95, p90: 0.98 },
      quality_return_rate: lower(0.03),
      negative_review_rate: lower(0.06),
      complaint_rate: lower(0.01),
      reply_3min_rate: { p25: 0.6, p50: 0.75, p75: 0.85, p90: 0.93 },
      delivery_hours: lower(60),
      refund_only_hours: lower(24),
      return_refund_hours: lower(72),
      dispute_rate: lower(0.08),
    },
  };
}

/** Every event of one whole show (after-sale included), for generators that need no socket. */
export function* generateSession(opts: ShowOptions & { durationMin: number }, chunk = 5000): Generator<SimEvent> {
  const show = new RoomShow(opts);
  while (!show.done) yield* show.advanceBy(chunk);
}
