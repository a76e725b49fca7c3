/**
 * The deterministic show generator: protocol-v1 events of one live-commerce room, second by
 * second of show time. Same (seed, room index, startAt, options) ⇒ the same events, and
 * generating up to show-time T is a prefix of generating up to any later T — so a restarted
 * source re-creates exactly what it had sent before. Everything random comes from one seeded
 * stream per room, drawn in a fixed order; nothing reads the clock.
 *
 * A show: session.start, the cart, benchmarks and the talent catalogue, the ad plans; then every
 * second viewers arrive — natural channels whose mix drifts over the show, paid channels fed by
 * the ad plans' clicks — stay a while (fans longer) and leave, some come back; the platform's
 * online figure every 5 s; comments, likes in bundles, follows (a follower is a fan from then
 * on), fan-club joins, shares, gifts; products explained in cart order, exposed, clicked,
 * ordered, paid, cancelled or left unpaid (压单); stock runs down and is restocked; a flash sale
 * (秒杀) every 15 minutes with a cut price (said as an `action`), a peak of traffic and a lull after
 * it, a 福袋 giveaway (an `action`) halfway to each; ad plans
 * spend at the pace of their budgets, go over budget, get topped up or paused; occasional
 * stream pauses. At `durationMin` the session ends and the after-sale of its paid orders
 * follows, its timestamps over the following days, delivered over `afterSaleMin` show minutes
 * (time-compressed; 0 = at once).
 */
import { planAfterSale, AFTER_SALE_SPAN_MS, type LaterEvent, type PaidOrder } from './after-sale';
import { benchmarkFor } from './benchmark';
import {
  AD_PLANS, AGES, AGE_WEIGHTS, CREATIVE_TITLES, FLASH_PHRASES, HOSTS, NATURAL, NATURAL_WEIGHTS, NICK_HEADS, NICK_TAILS,
  PHRASES, PRODUCT_PHRASES, REGIONS, REGION_WEIGHTS, SESSION_THEMES, SHOP_AGENCY, SHOPS, TALENT_AGENCY, TALENTS, commissionRateOf,
  talentOfRoom, type ShopProfile,
} from './catalog';
import { mulberry32, pick, poisson, weighted, type Random } from './random';

import type { SimEvent } from './show-source';

export type { SimEvent } from './show-source';

export interface ShowOptions {
  seed: number;
  /** 0-based room index; every third room (2, 5, …) is hosted by a talent */
  roomIndex: number;
  /** epoch ms of the show's start (event time) */
  startAt: number;
  /** show minutes before session.end; undefined = endless */
  durationMin?: number;
  /** show minutes over which the after-sale (days of event time) is delivered; 0 (default) = all at the end */
  afterSaleMin?: number;
}

interface Viewer {
  id: string;
  nickname: string;
  channel: string;
  paid: boolean;
  fan: boolean;
  club: boolean;
  gender: 'm' | 'f';
  age: (typeof AGES)[number];
  region: string;
  returning: boolean;
  /** the ad plan and creative whose click brought a paid viewer (-1 for a natural one) */
  plan: number;
  creative: number;
}
interface Product {
  productId: string;
  title: string;
  price: number;
  listPrice: number;
  category: string;
  priceBand: string;
  stock: number;
  cartSlot: number;
  /** fraction of the paid amount that goes to a talent host (halved while the product is the flash sale) */
  commissionRate: number;
  /** how attractive it is (0.5–1.5): drives clicks and orders */
  appeal: number;
  /** 0–1: how often it disappoints after delivery */
  defect: number;
  /** comments that name it, built once */
  phrases: string[];
}
interface Order { orderId: string; userId: string; product: Product; qty: number; amount: number; plan: number; creative: number }
interface Plan {
  planId: string;
  name: string;
  channel: string;
  budget: number;
  bid: number;
  hours: number;
  ctr: number;
  spent: number;
  status: 'on' | 'paused' | 'over_budget';
  /** show second at which a paused or exhausted plan comes back (top-up / resume), or -1 */
  backAt: number;
  creatives: { id: string; quality: number; clicks: number; conversions: number; gmv: number }[];
  /** paid entries per second this plan currently brings */
  entryRate: number;
  /** how much more than a natural viewer a viewer it brings buys (targeting); 新客拉新 tires as the show goes on */
  intent: number;
  fatigue: boolean;
  /** the share of ad clicks that land in the room (live-room ads high, short-video heating low) */
  entryPerClick: number;
}

const FLASH_CYCLE_S = 900;
const FLASH_START_S = 720;
/** second of each flash cycle at which the studio gives a 福袋 (a stream `action`) */
const GIVEAWAY_AT_S = 360;
const AD_TICK_S = 10;
/** Audience size of a typical room: ~8 natural arrivals a second, ~1,000–1,500 online. */
const AUDIENCE = 4;
const AFTER_SALE_PER_TICK = 5000;
const ENTRY_PER_CLICK: Record<string, number> = { qianchuan: 0.35, suixintui: 0.15, dou_plus: 0.08, brand: 0.05, paid_other: 0.08 };
/** Buying intent of the viewers a channel's ads bring, against a natural viewer's: 千川 targets buyers, brand ads only reach. */
const INTENT: Record<string, number> = { qianchuan: 4, suixintui: 3, dou_plus: 2.5, brand: 0.6, paid_other: 2.5 };
const GENDER_F: Record<string, number> = { beauty: 0.82, apparel: 0.72, food: 0.6, home: 0.58 };

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
  private readonly endSecond: number;
  private readonly afterSaleSeconds: number;
  private ended = false;
  private finished = false;
  private readonly r: Random;
  private readonly opts: ShowOptions;
  private readonly talentHosted: boolean;
  private readonly shop: ShopProfile;
  private readonly scale: number;
  private readonly genderF: number;
  private readonly products: Product[] = [];
  private readonly productById = new Map<string, Product>();
  private readonly inside: Viewer[] = [];
  private readonly insideIndex = new Map<string, number>();
  /** show second → viewers leaving then / coming back then */
  private readonly leaving = new Map<number, Viewer[]>();
  private readonly comingBack = new Map<number, Viewer[]>();
  /** show second → buyers whose pre-sale question the shop answers then */
  private readonly replies = new Map<number, string[]>();
  private readonly unpaid: Order[] = [];
  private readonly paidOrders: PaidOrder[] = [];
  private readonly plans: Plan[] = [];
  private nextUser = 0;
  private nextOrder = 0;
  private explaining: Product | null = null;
  private explainUntil = 0;
  private explainCursor = -1;
  private flash: Product | null = null;
  private flashCount = 0;
  private paused = false;
  private pauseUntil = 0;
  private naturalKey = '';
  private naturalW: number[] = NATURAL_WEIGHTS;
  private afterSale: LaterEvent[] = [];
  private afterSaleNext = 0;

  constructor(opts: ShowOptions) {
    this.opts = opts;
    this.r = mulberry32((opts.seed * 7919 + opts.roomIndex * 104_729 + 17) >>> 0);
    this.sessionId = sessionIdFor(opts.seed, opts.roomIndex, opts.startAt);
    this.roomId = roomIdFor(opts.roomIndex);
    this.talentHosted = opts.roomIndex % 3 === 2;
    this.shop = SHOPS[(opts.seed + opts.roomIndex) % SHOPS.length]!;
    const talent = talentOfRoom(opts.roomIndex);
    this.scale = AUDIENCE * this.shop.scale * (this.talentHosted ? ({ head: 3, mid: 1.5, tail: 0.9 } as const)[talent.tier] : 1);
    this.genderF = GENDER_F[this.shop.category] ?? 0.65;
    this.endSecond = opts.durationMin === undefined ? Infinity : Math.round(opts.durationMin * 60);
    this.afterSaleSeconds = Math.max(0, Math.round((opts.afterSaleMin ?? 0) * 60));
  }

  /** The highest seq generated so far. */
  get lastSeq(): number {
    return this.seq;
  }
  /** Whether the show, after-sale included, has been generated completely. */
  get done(): boolean {
    return this.finished;
  }
  get showSeconds(): number {
    return this.second;
  }

  /** Generate every event up to show time `showMs` (ms since the start), at most about `maxEvents`; returns them. */
  advanceTo(showMs: number, maxEvents = Infinity): SimEvent[] {
    while (!this.finished && this.second * 1000 <= showMs && this.out.length < maxEvents) this.tick();
    return this.take();
  }

  /** Generate until at least `count` new events exist or the show is done, whatever the show time. */
  advanceBy(count: number): SimEvent[] {
    while (!this.finished && this.out.length < count) this.tick();
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
    if (s >= this.endSecond) return this.afterShow(s);
    const ts = this.tsOf(s);
    if (!this.paused && s > 600 && this.r() < 1 / 3000) {
      this.paused = true;
      this.pauseUntil = s + 15 + Math.floor(this.r() * 75);
      this.emit(ts, 'stream.state', { state: 'paused' });
    }
    if (this.paused) {
      if (s < this.pauseUntil) {
        // nothing to watch: no arrivals, no selling; people still drift away, customer service still answers
        this.comingBack.delete(s);
        this.leaves(s, ts);
        this.answers(s, ts);
        if (s % 5 === 0) this.online(ts);
        return;
      }
      this.paused = false;
      this.emit(ts, 'stream.state', { state: 'live' });
    }
    this.flashSale(s, ts);
    // the studio's 福袋 halfway to each flash sale, said by the source as a protocol `action`
    // (no random draw: the rest of the show is the same with or without it)
    if (s % FLASH_CYCLE_S === GIVEAWAY_AT_S) this.emit(ts, 'action', { kind: 'giveaway', text: '福袋' });
    const wave = this.wave(s);
    this.arrivals(s, ts, wave);
    this.leaves(s, ts);
    if (s % 5 === 0) this.online(ts);
    this.interaction(s, ts, wave);
    this.explanation(s, ts);
    this.commerce(s, ts, wave);
    if (s % AD_TICK_S === 0) this.ads(s, ts, wave);
  }

  /** Traffic intensity: a build-up over 5 minutes, a peak during each flash sale, a lull after it. */
  private wave(s: number): number {
    const warm = Math.min(1, 0.15 + s / 300);
    const phase = s % FLASH_CYCLE_S;
    const peak = phase >= FLASH_START_S ? 2.2 : phase < 150 ? 0.65 : 1;
    return warm * peak * (0.85 + 0.3 * Math.sin(s / 97));
  }

  // ---- opening -------------------------------------------------------------------------

  private opening(): void {
    const r = this.r;
    const ts = this.opts.startAt;
    const shop = this.shop;
    const i = this.opts.roomIndex;
    const talent = talentOfRoom(i);
    const self = HOSTS[i % HOSTS.length]!;
    const selfFollowers = 30_000 + Math.floor(r() * 900_000);
    // agency bindings (catalog.ts): no random draw, so the shows' events are otherwise unchanged
    const hostAgency = this.talentHosted ? TALENT_AGENCY[talent.id] : undefined;
    const shopAgency = SHOP_AGENCY[shop.id];
    const host = this.talentHosted
      ? { id: talent.id, name: talent.name, kind: 'talent', tier: talent.tier, followers: talent.followers, ...(hostAgency ? { agency: { ...hostAgency } } : {}) }
      : { id: self.id, name: self.name, kind: 'self', tier: selfFollowers >= 500_000 ? 'mid' : 'tail', followers: selfFollowers };
    this.emit(ts, 'session.start', {
      sessionId: this.sessionId,
      roomId: this.roomId,
      title: `${shop.name} · ${this.talentHosted ? `${talent.name}专场` : SESSION_THEMES[i % SESSION_THEMES.length]}`,
      startedAt: ts,
      host,
      shop: { id: shop.id, name: shop.name, category: shop.category, tier: shop.tier, ...(shopAgency ? { agency: { ...shopAgency } } : {}) },
    });
    this.stockCart();
    this.cart(ts);
    let itemPrice = 0;
    for (const p of this.products) itemPrice += p.price;
    const peer = { category: shop.category, tier: shop.tier, scale: this.scale, itemPrice: Math.round((itemPrice / this.products.length) * 0.8) };
    for (const window of ['1d', '7d', '30d'] as const) this.emit(ts, 'benchmark', benchmarkFor(peer, window, r));
    this.emit(ts, 'talent.catalog', {
      talents: TALENTS.map((t) => ({
        id: t.id, name: t.name, level: t.level, followers: t.followers, reputation: t.reputation, categories: t.categories, gmv30d: t.gmv30d, portrait: t.portrait,
      })),
    });
    AD_PLANS.forEach((def, k) => {
      const planId = `${this.sessionId}-plan${k + 1}`;
      const plan: Plan = {
        planId, name: def.name, channel: def.channel, budget: Math.round((def.budget * this.scale) / 100) * 100, bid: def.bid, hours: def.hours,
        ctr: 0.03 + r() * 0.03, spent: 0, status: 'on', backAt: -1, entryRate: 0, entryPerClick: ENTRY_PER_CLICK[def.channel] ?? 0.1,
        intent: INTENT[def.channel] ?? 1, fatigue: k === 1,
        creatives: [0, 1].map((c) => ({ id: `${planId}-c${c + 1}`, quality: 0.6 + r() * 0.8, clicks: 0, conversions: 0, gmv: 0 })),
      };
      this.plans.push(plan);
      this.planEvent(ts, plan);
      plan.creatives.forEach((c, n) =>
        this.emit(ts, 'ad.creative', { creativeId: c.id, planId, title: CREATIVE_TITLES[(k + n) % CREATIVE_TITLES.length]!, kind: (['live', 'video', 'image'] as const)[(k + n) % 3] }),
      );
    });
  }

  /** 10–40 products: the shop's items, then spec variants of them for longer carts. */
  private stockCart(): void {
    const r = this.r;
    const shop = this.shop;
    const count = 10 + Math.floor(r() * 31);
    for (let i = 0; i < count; i++) {
      const base = shop.products[i % shop.products.length]!;
      const variant = i < shop.products.length ? null : shop.variants[Math.floor(i / shop.products.length - 1) % shop.variants.length]!;
      const title = variant ? base.title + variant[0] : base.title;
      const price = variant ? Math.round((base.price * variant[1]) / 100) * 100 - 10 : base.price;
      const short = base.title.split(' ')[0]!;
      const p: Product = {
        productId: `${shop.id}-p${i + 1}`, title, price, listPrice: price, category: shop.category, priceBand: base.priceBand,
        stock: 40 + Math.floor(r() * 600), cartSlot: i + 1, commissionRate: commissionRateOf(shop.category, i), appeal: 0.5 + r(), defect: r() ** 3,
        phrases: PRODUCT_PHRASES.map((t) => t.replace('{p}', short)),
      };
      this.products.push(p);
      this.productById.set(p.productId, p);
    }
  }

  private cart(ts: number): void {
    this.emit(ts, 'product.list', {
      products: this.products.map((p) => ({
        productId: p.productId, title: p.title, price: p.price, category: p.category, priceBand: p.priceBand, stock: p.stock, cartSlot: p.cartSlot,
        commissionRate: p === this.flash ? Math.round(p.commissionRate * 50) / 100 : p.commissionRate,
      })),
    });
  }

  private planEvent(ts: number, p: Plan): void {
    this.emit(ts, 'ad.plan', { planId: p.planId, name: p.name, status: p.status, budget: p.budget, bid: p.bid, channel: p.channel });
  }

  // ---- audience ------------------------------------------------------------------------

  /** The natural channel mix drifts: followers come early (开播提醒), short videos bring more as the show goes on, the feed pushes flash sales. */
  private naturalWeights(s: number): number[] {
    const minute = Math.floor(s / 60);
    const key = `${minute}|${this.flash ? 1 : 0}`;
    if (key === this.naturalKey) return this.naturalW;
    const w = NATURAL_WEIGHTS.slice();
    w[0]! *= this.flash ? 1.7 : 1; // feed
    w[1]! *= 0.5 + Math.min(1.2, minute / 50); // video
    w[2]! *= 0.8 + 0.4 * Math.sin(minute / 13); // plaza
    w[4]! *= 1 + 3 * Math.exp(-minute / 8); // follow
    this.naturalKey = key;
    this.naturalW = w;
    return w;
  }

  private arrivals(s: number, ts: number, wave: number): void {
    const r = this.r;
    const back = this.comingBack.get(s);
    if (back) {
      this.comingBack.delete(s);
      for (const v of back) if (!this.insideIndex.has(v.id)) this.enter(s, ts, v, true);
    }
    const natural = poisson(r, 2 * this.scale * wave);
    if (natural > 0) {
      const weights = this.naturalWeights(s);
      for (let i = 0; i < natural; i++) this.enter(s, ts, this.newViewer(weighted(r, NATURAL, weights), false), false);
    }
    let paidRate = 0;
    for (const p of this.plans) paidRate += p.entryRate;
    const paid = poisson(r, paidRate);
    for (let i = 0; i < paid; i++) {
      let x = r() * paidRate;
      let k = -1;
      for (let j = 0; j < this.plans.length; j++) {
        const p = this.plans[j]!;
        if (p.entryRate <= 0) continue;
        k = j;
        if ((x -= p.entryRate) < 0) break;
      }
      if (k < 0) break;
      const plan = this.plans[k]!;
      // the creative whose click it was, in proportion to the creatives' clicks of the last ad tick
      const [c0, c1] = plan.creatives;
      const creative = r() * (c0!.clicks + c1!.clicks) < c0!.clicks ? 0 : 1;
      const v = this.newViewer(plan.channel, true);
      v.plan = k;
      v.creative = creative;
      this.enter(s, ts, v, false);
    }
  }

  private newViewer(channel: string, paid: boolean): Viewer {
    const r = this.r;
    const fan = r() < (channel === 'follow' ? 0.92 : channel === 'profile' ? 0.6 : paid ? 0.1 : 0.16);
    const nickname = NICK_HEADS[Math.floor(r() * NICK_HEADS.length)]! + NICK_TAILS[Math.floor(r() * NICK_TAILS.length)]! + (r() < 0.3 ? String(Math.floor(r() * 1000)) : '');
    return {
      id: `u${this.opts.roomIndex + 1}-${++this.nextUser}`, nickname, channel, paid, fan, club: false,
      gender: r() < this.genderF ? 'f' : 'm', age: weighted(r, AGES, AGE_WEIGHTS), region: weighted(r, REGIONS, REGION_WEIGHTS),
      returning: r() < (fan ? 0.85 : 0.2), plan: -1, creative: -1,
    };
  }

  private enter(s: number, ts: number, v: Viewer, again: boolean): void {
    const r = this.r;
    this.out.push({
      seq: ++this.seq, ts, type: 'viewer.enter', userId: v.id, channel: v.channel, fan: v.fan, gender: v.gender, age: v.age, region: v.region,
      returning: again || v.returning,
    });
    this.insideIndex.set(v.id, this.inside.length);
    this.inside.push(v);
    // stays: most scroll on within a minute, fans linger, a loyal tail watches for long
    const x = r();
    const [short, mid] = v.fan ? [0.45, 0.8] : [0.8, 0.97];
    const stay = x < short ? 5 + Math.floor(r() * 75) : x < mid ? 80 + Math.floor(r() * 320) : 400 + Math.floor(r() * 2000);
    addAt(this.leaving, s + stay, v);
  }

  private leaves(s: number, ts: number): void {
    const list = this.leaving.get(s);
    if (!list) return;
    this.leaving.delete(s);
    for (const v of list) {
      if (!this.removeInside(v.id)) continue;
      this.out.push({ seq: ++this.seq, ts, type: 'viewer.leave', userId: v.id });
      // some come back a little later (slid away, then back from the feed or a notification)
      if (this.r() < 0.08) addAt(this.comingBack, s + 30 + Math.floor(this.r() * 600), v);
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
    // the platform's figure: those inside, give or take a few it counts that the room does not see
    const n = this.inside.length;
    this.emit(ts, 'online', { count: n + Math.floor(n * 0.05 * this.r()) });
  }

  private someone(): Viewer {
    return this.inside[Math.floor(this.r() * this.inside.length)]!;
  }

  private interaction(s: number, ts: number, wave: number): void {
    const r = this.r;
    const crowd = this.inside.length;
    if (crowd === 0) return;
    const comments = poisson(r, Math.min(12, crowd * 0.0015 * (this.flash ? 2.5 : 1) + 0.1));
    for (let i = 0; i < comments; i++) {
      const v = this.someone();
      const x = r();
      const text =
        this.flash && x < 0.3 ? pick(r, FLASH_PHRASES)
        : this.explaining && x < 0.5 ? pick(r, this.explaining.phrases)
        : x < 0.62 ? pick(r, pick(r, this.products).phrases)
        : pick(r, PHRASES);
      this.out.push({ seq: ++this.seq, ts, type: 'comment', userId: v.id, nickname: v.nickname, text });
    }
    if (r() < 0.6) {
      const count = 1 + poisson(r, crowd * 0.03 * wave);
      if (r() < 0.1) this.emit(ts, 'like', { count }); // an aggregated bundle without a user
      else this.emit(ts, 'like', { userId: this.someone().id, count });
    }
    if (r() < crowd * 0.00015) {
      const v = this.someone();
      if (!v.fan) {
        v.fan = true;
        this.emit(ts, 'follow', { userId: v.id });
      }
    }
    if (r() < crowd * 0.00004) {
      const v = this.someone();
      if (v.fan && !v.club) {
        v.club = true;
        this.emit(ts, 'fansclub.join', { userId: v.id });
      }
    }
    if (r() < crowd * 0.00008 * wave) this.emit(ts, 'share', { userId: this.someone().id });
    if (r() < crowd * 0.00005) this.emit(ts, 'gift', { userId: this.someone().id, value: weighted(r, GIFTS, GIFT_WEIGHTS) });
    // pre-sale questions to customer service, answered mostly within 3 minutes
    if (r() < crowd * 0.00002) {
      const v = this.someone();
      this.emit(ts, 'cs.message', { userId: v.id, from: 'buyer' });
      addAt(this.replies, s + (r() < 0.8 ? 5 + Math.floor(r() * 170) : 200 + Math.floor(r() * 900)), v.id);
    }
    this.answers(s, ts);
  }

  private answers(s: number, ts: number): void {
    const answered = this.replies.get(s);
    if (!answered) return;
    this.replies.delete(s);
    for (const userId of answered) this.emit(ts, 'cs.message', { userId, from: 'shop' });
  }

  // ---- products ------------------------------------------------------------------------

  /** Explain the cart in slot order, 90–300 s each, skipping sold-out items (a flash sale interrupts). */
  private explanation(s: number, ts: number): void {
    if (s < this.explainUntil || this.flash) return;
    const n = this.products.length;
    let next: Product | null = null;
    for (let k = 1; k <= n && !next; k++) {
      const p = this.products[(this.explainCursor + k) % n]!;
      if (p.stock > 0) {
        next = p;
        this.explainCursor = (this.explainCursor + k) % n;
      }
    }
    this.explain(ts, next);
    this.explainUntil = s + 90 + Math.floor(this.r() * 210);
  }

  private explain(ts: number, p: Product | null): void {
    if (this.explaining === p) return;
    if (this.explaining) this.emit(ts, 'product.explain', { productId: this.explaining.productId, state: 'end' });
    this.explaining = p;
    if (p) this.emit(ts, 'product.explain', { productId: p.productId, state: 'start' });
  }

  /** The last 3 minutes of every 15: one product at ~70% of its price, explained, then back to normal; sold-out items may be restocked. */
  private flashSale(s: number, ts: number): void {
    const inFlash = s % FLASH_CYCLE_S >= FLASH_START_S;
    if (inFlash && !this.flash) {
      const n = this.products.length;
      let p: Product | null = null;
      for (let k = 0; k < n && !p; k++) {
        const q = this.products[(this.flashCount * 7 + k) % n]!;
        if (q.stock > 0) p = q;
      }
      this.flashCount++;
      if (!p) return;
      this.flash = p;
      p.price = Math.max(990, Math.floor((p.listPrice * 0.7) / 100) * 100 - 10);
      // the source says the cut itself; the list that follows shows it (one action, the stream's)
      this.emit(ts, 'action', { kind: 'price_change', productId: p.productId, value: p.price, text: '秒杀' });
      this.cart(ts);
      this.explain(ts, p);
    } else if (!inFlash && this.flash) {
      this.flash.price = this.flash.listPrice;
      this.flash = null;
      this.explainUntil = 0;
      for (const p of this.products) {
        if (p.stock === 0 && this.r() < 0.5) {
          p.stock = 30 + Math.floor(this.r() * 200); // 补货
          this.emit(ts, 'stock', { productId: p.productId, stock: p.stock });
        }
      }
      this.cart(ts);
    }
  }

  /** Cart slots near the top are seen more. */
  private exposedProduct(): Product {
    const r = this.r;
    if (this.explaining && r() < 0.5) return this.explaining;
    const x = r();
    return this.products[Math.floor(x * x * this.products.length)]!;
  }

  private commerce(s: number, ts: number, wave: number): void {
    const r = this.r;
    const crowd = this.inside.length;
    if (crowd > 0) {
      const exposures = poisson(r, crowd * 0.015 * wave);
      for (let i = 0; i < exposures; i++) {
        const v = this.someone();
        const p = this.exposedProduct();
        this.out.push({ seq: ++this.seq, ts, type: 'product.exposure', userId: v.id, productId: p.productId });
        const focus = p === this.flash ? 1.6 : p === this.explaining ? 1.4 : 1;
        if (r() < 0.065 * p.appeal * focus) {
          this.out.push({ seq: ++this.seq, ts, type: 'product.click', userId: v.id, productId: p.productId });
          const intent = v.plan >= 0 ? this.intentOf(this.plans[v.plan]!, s) : 1;
          const buy = 0.06 * p.appeal * (p === this.flash ? 2.5 : p === this.explaining ? 1.3 : 0.8) * (v.fan ? 1.3 : 1) * intent;
          if (p.stock > 0 && r() < buy) this.order(ts, v, p);
        }
      }
    }
    // pending orders: most are paid within seconds, a few cancelled, a few left unpaid (压单)
    for (let i = this.unpaid.length - 1; i >= 0; i--) {
      const o = this.unpaid[i]!;
      const x = r();
      if (x < 0.18) {
        this.emit(ts, 'order.pay', { orderId: o.orderId });
        this.paidOrders.push({ orderId: o.orderId, userId: o.userId, paidAt: ts, defect: o.product.defect });
        if (o.plan >= 0) {
          // a paid order of a viewer an ad brought is that ad's conversion, reported with its next stats
          const c = this.plans[o.plan]!.creatives[o.creative]!;
          c.conversions++;
          c.gmv += o.amount;
        }
        this.unpaid.splice(i, 1);
      } else if (x < 0.19) {
        this.emit(ts, 'order.cancel', { orderId: o.orderId });
        this.unpaid.splice(i, 1);
        o.product.stock += o.qty;
        this.emit(ts, 'stock', { productId: o.product.productId, stock: o.product.stock });
      } else if (x < 0.2) {
        this.unpaid.splice(i, 1); // never paid, never cancelled: stays 压单
      }
    }
  }

  private order(ts: number, v: Viewer, p: Product): void {
    const x = this.r();
    const qty = Math.min(p.stock, x < 0.85 ? 1 : x < 0.97 ? 2 : 3);
    const order: Order = { orderId: `${this.sessionId}-o${++this.nextOrder}`, userId: v.id, product: p, qty, amount: p.price * qty, plan: v.plan, creative: v.creative };
    this.unpaid.push(order);
    this.emit(ts, 'order.create', { orderId: order.orderId, userId: v.id, productId: p.productId, qty, amount: order.amount, channel: v.channel, fan: v.fan });
    p.stock -= qty;
    this.emit(ts, 'stock', { productId: p.productId, stock: p.stock });
  }

  // ---- ads -----------------------------------------------------------------------------

  /** How much more than a natural viewer a viewer this plan brings buys; a tiring plan (新客拉新) falls to a quarter of it over the first hour. */
  private intentOf(plan: Plan, s: number): number {
    return plan.fatigue ? plan.intent * Math.max(0.25, 1 - s / 3600) : plan.intent;
  }

  /**
   * Every 10 s per plan: spend at the pace of its budget (faster in peaks), impressions by bid,
   * clicks that bring paid viewers. Conversions and their GMV are not drawn: they are the paid
   * orders of the viewers the plan's clicks brought, since its previous stats — so the ad
   * screen's figures are the room's own (Σ conversions = paid orders from paid channels).
   */
  private ads(s: number, ts: number, wave: number): void {
    const r = this.r;
    for (const plan of this.plans) {
      if (plan.status !== 'on') {
        plan.entryRate = 0;
        this.attributed(ts, plan); // orders of viewers it brought before it stopped
        if (plan.backAt >= 0 && s >= plan.backAt) {
          if (plan.status === 'over_budget') plan.budget += Math.round((plan.budget * 0.5) / 100) * 100; // topped up
          plan.status = 'on';
          plan.backAt = -1;
          this.planEvent(ts, plan);
        }
        continue;
      }
      // operators pause a plan now and then in a lull
      if (s % FLASH_CYCLE_S < 150 && r() < 0.01) {
        plan.status = 'paused';
        plan.backAt = s + 60 + Math.floor(r() * 240);
        plan.entryRate = 0;
        this.attributed(ts, plan);
        this.planEvent(ts, plan);
        continue;
      }
      const pace = (plan.budget / (plan.hours * 3600)) * AD_TICK_S * wave * (0.8 + 0.4 * r());
      const spend = Math.max(0, Math.min(plan.budget - plan.spent, Math.round(pace)));
      const cpm = plan.bid * (0.6 + 0.5 * r());
      let entries = 0;
      plan.creatives.forEach((c, k) => {
        const share = k === 0 ? 0.6 : 0.4;
        const cSpend = k === 0 ? Math.round(spend * share) : spend - Math.round(spend * 0.6);
        const impressions = Math.round((cSpend / cpm) * 1000);
        const clicks = Math.min(impressions, poisson(r, impressions * plan.ctr * c.quality));
        c.clicks = clicks;
        entries += clicks * plan.entryPerClick;
        this.emit(ts, 'ad.stats', { planId: plan.planId, creativeId: c.id, impressions, clicks, spend: cSpend, conversions: c.conversions, gmv: c.gmv });
        c.conversions = 0;
        c.gmv = 0;
      });
      plan.spent += spend;
      plan.entryRate = entries / AD_TICK_S;
      if (plan.spent >= plan.budget) {
        plan.status = 'over_budget';
        plan.entryRate = 0;
        plan.backAt = r() < 0.6 ? s + 120 + Math.floor(r() * 480) : -1;
        this.planEvent(ts, plan);
      }
    }
  }

  /** Stats of a plan that is not spending: only the conversions of the viewers it brought earlier. */
  private attributed(ts: number, plan: Plan): void {
    for (const c of plan.creatives) {
      if (c.conversions === 0) continue;
      this.emit(ts, 'ad.stats', { planId: plan.planId, creativeId: c.id, impressions: 0, clicks: 0, spend: 0, conversions: c.conversions, gmv: c.gmv });
      c.conversions = 0;
      c.gmv = 0;
    }
  }

  // ---- the end and after ---------------------------------------------------------------

  private afterShow(s: number): void {
    if (!this.ended) this.ending(this.tsOf(this.endSecond));
    // after-sale event at ts is due at show second end + (ts − endedAt) scaled onto afterSaleMin
    const endedAt = this.tsOf(this.endSecond);
    const due = this.afterSaleSeconds === 0 ? Infinity : ((s - this.endSecond) / this.afterSaleSeconds) * AFTER_SALE_SPAN_MS + endedAt;
    // at most AFTER_SALE_PER_TICK per second, so a huge after-sale never arrives as one lump
    const stop = Math.min(this.afterSale.length, this.afterSaleNext + AFTER_SALE_PER_TICK);
    while (this.afterSaleNext < stop && this.afterSale[this.afterSaleNext]!.ts <= due) {
      const e = this.afterSale[this.afterSaleNext++]!;
      this.emit(e.ts, e.type, e.body);
    }
    if (this.afterSaleNext >= this.afterSale.length) {
      this.finished = true;
      this.afterSale = [];
    }
  }

  private ending(endedAt: number): void {
    this.ended = true;
    if (this.flash) this.flash.price = this.flash.listPrice;
    this.explain(endedAt, null);
    for (const v of [...this.inside]) {
      this.removeInside(v.id);
      this.emit(endedAt, 'viewer.leave', { userId: v.id });
    }
    this.emit(endedAt, 'online', { count: 0 });
    for (const plan of this.plans) {
      this.attributed(endedAt, plan); // the last conversions, before the show's end
      if (plan.status !== 'on') continue;
      plan.status = 'paused';
      this.planEvent(endedAt, plan);
    }
    this.emit(endedAt, 'session.end', { endedAt });
    this.afterSale = planAfterSale(this.paidOrders, endedAt, this.r);
    this.leaving.clear();
    this.comingBack.clear();
    this.replies.clear();
  }
}

const GIFTS = [100, 990, 1990, 5200, 19900, 52000];
const GIFT_WEIGHTS = [50, 20, 12, 10, 6, 2];

function addAt<T>(map: Map<number, T[]>, at: number, item: T): void {
  const list = map.get(at);
  if (list) list.push(item);
  else map.set(at, [item]);
}

/** The shows of `rooms` rooms, one generator each (room i independent of the others). */
export function createShows(opts: { seed: number; rooms: number; startAt: number; durationMin?: number; afterSaleMin?: number }): RoomShow[] {
  return Array.from({ length: opts.rooms }, (_, roomIndex) => new RoomShow({ ...opts, roomIndex }));
}

/** Every event of one whole show (after-sale included), for generators that need no socket. */
export function* generateSession(opts: ShowOptions & { durationMin: number }, chunk = 5000): Generator<SimEvent> {
  const show = new RoomShow(opts);
  while (!show.done) yield* show.advanceBy(chunk);
}
