/**
 * RoomAggregator: everything the live screens show about one session, computed incrementally
 * from its protocol-v1 events (docs/product.md "Metric definitions"; shared/metrics/glossary.ts).
 *
 * Time. The aggregator keeps its own clock: the running newest event time (events "slightly
 * out of order" never move it back), frozen at `endedAt` once `session.end` arrived. Every
 * time-based figure (average online, watch time, effective duration, explanation seconds, the
 * series, the 5-minute windows) is taken on that clock, so a live show, a sped-up demo and a
 * replay of the same events give the same figures. An event takes effect at the clock.
 *
 * Cost. `apply` is O(1) per event (amortised) and allocates only for a new user, order or
 * product; memory grows with distinct users/orders/products, never with the number of events.
 * The view is cached per top-level key and rebuilt only for keys touched since (dirty flags),
 * so `takeChanges()` at 10 Hz builds just what changed.
 */
import { ratio, type MetricId } from '../metrics/glossary';
import type { EventOf, StreamEvent } from '../protocol/schemas';
import { displayText } from '../text/sanitize';
import type {
  AgencyInfo, BenchmarkRow, ChannelRow, CommentRow, Figures, Marker, QuadrantRow, RoomInfo, RoomView, RoomViewKey,
} from '../viewmodel/room';
import { AdBook } from './ads';
import { agencyShareOf, orderCommission } from './commission';
import { changeOf, type Snapshot } from './change';
import { CHANNEL_COUNT, PAID_BY_INDEX, channelAt, channelIndex } from './channel-index';
import { PortraitCounter, RegionTable, ageCode, genderCode, returningCode } from './portrait';
import { MentionIndex, ProductState } from './products';
import { F, MINUTE_MS, MinuteSeries, RECENT_BUCKET_MS, RecentSeries } from './series';
import { UserFlag, UserIds, UserTable } from './users';

const KEYS: RoomViewKey[] = [
  'info', 'eventTime', 'seq', 'figures', 'change5m', 'recent', 'minutes', 'markers', 'channels',
  'funnel', 'portrait', 'products', 'explaining', 'comments', 'ads', 'quadrants', 'paidVsNatural',
  'benchmarks',
];
const K = Object.fromEntries(KEYS.map((k, i) => [k, 1 << i])) as Record<RoomViewKey, number>;
const ALL = (1 << KEYS.length) - 1;

const COMMENTS_KEPT = 100;
const MAX_BENCHMARKS = 64;
const MARKERS_KEPT = 1000;
const SNAP_RING = 64;
/** the 5-minute windows in 10-second buckets */
const WINDOW = 30;

interface OrderState {
  /** index in the UserTable */
  user: number;
  product: ProductState;
  qty: number;
  amount: number;
  channel: number;
  fan: boolean;
  /** 0 created, 1 paid, 2 cancelled before payment (a later pay is ignored) */
  status: 0 | 1 | 2;
}

interface CommentEntry {
  seq: number;
  ts: number;
  userId: string;
  nickname: string;
  text: string;
  row: CommentRow | null;
}

/** Quadrant index: paid × 2 + (fan ? 0 : 1) → natural_fan, natural_nonfan, paid_fan, paid_nonfan */
const QUADRANTS = ['natural_fan', 'natural_nonfan', 'paid_fan', 'paid_nonfan'] as const;
const quadrantOf = (channel: number, fan: boolean) => (PAID_BY_INDEX[channel] ? 2 : 0) + (fan ? 0 : 1);

export class RoomAggregator {
  private id: string | null = null;

  /**
   * `userIds`: an id map shared with other aggregators folded from the same session's stored
   * events (a replay and its checkpoints; see ./users.ts). A live room leaves it out.
   */
  constructor(userIds?: UserIds) {
    this.users = new UserTable(userIds);
  }

  /** seq of the newest event applied */
  get lastSeq(): number {
    return this.seq;
  }

  /** the aggregator's clock (epoch ms; 0 before the first event): see the file's comment on time */
  get clockMs(): number {
    return this.clock;
  }

  /** the user id map (shared with other aggregators of the session, or this one's own) */
  get userIds(): UserIds {
    return this.users.idMap;
  }

  /** users met so far (the first `userCount` ids of the id map) */
  get userCount(): number {
    return this.users.count;
  }

  /**
   * Called by checkpoint.ts on an aggregator whose state it revived: attach the session's user
   * id map and start with an empty view cache (every key rebuilt and sent on the next view).
   */
  resumeFromCheckpoint(ids: UserIds): void {
    this.users.attach(ids);
    this.cache = {};
    this.stale = ALL;
    this.changed = ALL;
  }

  /** the session's id once `session.start` was applied */
  get sessionId(): string | null {
    return this.id;
  }

  // ── session ────────────────────────────────────────────────────────────────
  private info: RoomInfo = {
    sessionId: '', roomId: '', title: '', host: { id: '', name: '', kind: 'self' },
    shop: { id: '', name: '', category: '', tier: '' }, startedAt: 0, endedAt: null, state: 'live',
  };
  private started = false; // clock initialised (first event or session.start)
  private startedAt = 0;
  private ended = false;
  private paused = false;
  private seq = 0;
  private eventTime = 0;
  /** running newest event time, frozen at endedAt */
  private clock = 0;

  // ── audience ───────────────────────────────────────────────────────────────
  private readonly users: UserTable;
  private pv = 0;
  private uv = 0;
  private inside = 0; // users with an open stay
  private insidePaid = 0;
  private sumOpenSince = 0; // Σ enter time of open stays (ms)
  private closedWatchMs = 0;
  private platformOnline: number | null = null;
  private online = 0;
  private peakOnline = 0;
  private onlineIntegral = 0; // online × ms
  private minuteIndex = 0; // show minute the effective-duration accounting is in
  private minuteUnpausedMs = 0;
  private minuteMaxOnline = 0;
  private effectiveMs = 0; // finished minutes that count
  private follows = 0;
  private fansclubJoins = 0;
  private comments = 0;
  private likes = 0;
  private shares = 0;
  private interactors = 0;
  private exposureUsers = 0;
  private clickUsers = 0;
  private readonly enterByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly uvByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly exposureByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly clickByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly orderUsersByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly ordersByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly gmvByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly buyersByChannel = new Float64Array(CHANNEL_COUNT);
  private readonly pvByQuadrant = [0, 0, 0, 0];
  private readonly gmvByQuadrant = [0, 0, 0, 0];
  private readonly regions = new RegionTable();
  private readonly viewerPortrait = new PortraitCounter();
  /** viewers by the channel of their first entry */
  private readonly paidViewerPortrait = new PortraitCounter();
  private readonly naturalViewerPortrait = new PortraitCounter();
  private readonly buyerPortrait = new PortraitCounter();

  // ── commerce ───────────────────────────────────────────────────────────────
  private readonly orders = new Map<string, OrderState>();
  private gmv = 0;
  private paidOrders = 0;
  private items = 0;
  private buyers = 0;
  private fanBuyers = 0;
  private orderUsers = 0;
  private paidChannelGmv = 0;
  /** Σ commission of paid orders (./commission.ts) */
  private commission = 0;
  private readonly products = new Map<string, ProductState>();
  private cart: ProductState[] = [];
  private explaining: ProductState | null = null;
  private readonly mentions = new MentionIndex();
  private readonly ads = new AdBook();
  /** latest benchmark per category/tier/price band/window (a handful per session) */
  private readonly benchmarks = new Map<string, BenchmarkRow>();

  // ── series, markers, comments, snapshots ───────────────────────────────────
  private readonly recent = new RecentSeries();
  private readonly minutes = new MinuteSeries();
  private markers: Marker[] = [];
  private readonly commentRing: (CommentEntry | undefined)[] = new Array(COMMENTS_KEPT);
  private commentCount = 0;
  private readonly snaps: (Snapshot | undefined)[] = new Array(SNAP_RING);
  private readonly snapAt = new Float64Array(SNAP_RING).fill(-1);
  private emptySnap: Snapshot | null = null;
  private nextBoundary = 0;

  // ── view cache ─────────────────────────────────────────────────────────────
  private stale = ALL;
  private changed = ALL;
  private cache: Partial<RoomView> = {};

  private mark(bits: number): void {
    // change5m is computed from the figures: whatever moves a figure moves it (after
    // session.end the clock no longer marks it, yet late payments still change figures)
    if (bits & K.figures) bits |= K.change5m;
    this.stale |= bits;
    this.changed |= bits;
  }

  // ══ events ═════════════════════════════════════════════════════════════════

  apply(event: StreamEvent, known: boolean): void {
    if (event.seq > this.seq) {
      this.seq = event.seq;
      this.mark(K.seq);
    }
    if (!known) return; // stored as it came, otherwise ignored (docs/protocol.md)
    const e = event as StreamEvent & { type: string };
    if (e.ts > this.eventTime) {
      this.eventTime = e.ts;
      this.mark(K.eventTime);
    }
    if (!this.started) this.begin(e.type === 'session.start' ? (e as EventOf<'session.start'>).startedAt : e.ts);
    this.advance(e.ts);
    switch (e.type) {
      case 'viewer.enter': return this.enter(e as EventOf<'viewer.enter'>);
      case 'viewer.leave': return this.leave(e as EventOf<'viewer.leave'>);
      case 'online': return this.onlineCount(e as EventOf<'online'>);
      case 'like': return this.like(e as EventOf<'like'>);
      case 'comment': return this.comment(e as EventOf<'comment'>);
      case 'follow':
        this.follows++;
        this.interact((e as EventOf<'follow'>).userId);
        this.recent.add(F.follows, 1);
        this.minutes.add(F.follows, 1);
        return this.mark(K.figures | K.recent | K.minutes);
      case 'share':
        this.shares++;
        this.interact((e as EventOf<'share'>).userId);
        this.recent.add(F.shares, 1);
        this.minutes.add(F.shares, 1);
        return this.mark(K.figures | K.recent | K.minutes);
      case 'fansclub.join':
        this.fansclubJoins++;
        return this.mark(K.figures);
      case 'product.exposure': return this.exposure(e as EventOf<'product.exposure'>);
      case 'product.click': return this.click(e as EventOf<'product.click'>);
      case 'order.create': return this.orderCreate(e as EventOf<'order.create'>);
      case 'order.pay': return this.orderPay(e as EventOf<'order.pay'>);
      case 'order.cancel': return this.orderCancel(e as EventOf<'order.cancel'>);
      case 'ad.stats': return this.adStats(e as EventOf<'ad.stats'>);
      case 'product.list': return this.productList(e as EventOf<'product.list'>);
      case 'product.explain': return this.explain(e as EventOf<'product.explain'>);
      case 'stock': {
        const s = e as EventOf<'stock'>;
        this.product(s.productId).stock = s.stock;
        return this.mark(K.products);
      }
      case 'ad.plan':
        this.ads.upsertPlan(e as EventOf<'ad.plan'>);
        return this.mark(K.ads);
      case 'ad.creative':
        this.ads.upsertCreative(e as EventOf<'ad.creative'>);
        return this.mark(K.ads);
      case 'stream.state':
        this.paused = (e as EventOf<'stream.state'>).state === 'paused';
        return this.setState();
      case 'session.start': return this.sessionStart(e as EventOf<'session.start'>);
      case 'session.end': return this.sessionEnd(e as EventOf<'session.end'>);
      case 'benchmark': return this.benchmark(e as EventOf<'benchmark'>);
      default: return; // after-sale, gifts…: not on the live screens
    }
  }

  private begin(startedAt: number): void {
    this.started = true;
    this.startedAt = startedAt;
    this.clock = startedAt;
    this.minutes.setStart(startedAt);
    this.emptySnap = this.snapshot();
    this.nextBoundary = Math.floor(startedAt / RECENT_BUCKET_MS) * RECENT_BUCKET_MS + RECENT_BUCKET_MS;
    this.rollBuckets();
  }

  // ── the clock ────────────────────────────────────────────────────────────────

  /** Move the clock to `t` (never back, never past endedAt), integrating the time in between. */
  private advance(t: number): void {
    if (this.ended || t <= this.clock) return;
    if (t >= this.nextBoundary) {
      // a long silence: only the last SNAP_RING boundaries can ever be looked up
      const lastBoundary = Math.floor(t / RECENT_BUCKET_MS) * RECENT_BUCKET_MS;
      const firstNeeded = lastBoundary - (SNAP_RING - 2) * RECENT_BUCKET_MS;
      if (this.nextBoundary < firstNeeded) this.nextBoundary = firstNeeded;
      while (this.nextBoundary <= t) {
        this.integrate(this.nextBoundary);
        this.takeSnapshot(this.nextBoundary);
        this.nextBoundary += RECENT_BUCKET_MS;
      }
    }
    this.integrate(t);
    this.rollBuckets();
    this.mark(K.figures | K.change5m | (this.explaining ? K.products : 0));
  }

  /** ∫ online dt and the effective-duration minutes from the clock to `to`. */
  private integrate(to: number): void {
    if (to <= this.clock) return;
    this.onlineIntegral += this.online * (to - this.clock);
    while (this.clock < to) {
      const minuteEnd = this.startedAt + (this.minuteIndex + 1) * MINUTE_MS;
      const step = Math.min(to, minuteEnd) - this.clock;
      if (!this.paused) this.minuteUnpausedMs += step;
      this.clock += step;
      if (this.clock < minuteEnd) break;
      // a show minute is over: it counts if anyone was online during it
      if (this.minuteMaxOnline >= 1) this.effectiveMs += this.minuteUnpausedMs;
      this.minuteIndex++;
      this.minuteUnpausedMs = 0;
      this.minuteMaxOnline = this.online;
      const whole = Math.floor((to - this.clock) / MINUTE_MS);
      if (whole > 0) {
        if (!this.paused && this.online >= 1) this.effectiveMs += whole * MINUTE_MS;
        this.minuteIndex += whole;
        this.clock += whole * MINUTE_MS;
      }
    }
  }

  private rollBuckets(): void {
    const bucket = Math.floor(this.clock / RECENT_BUCKET_MS);
    if (bucket > this.recent.current) {
      this.recent.roll(bucket, this.online);
      this.mark(K.recent | K.products);
    }
    const minute = Math.floor((this.clock - this.startedAt) / MINUTE_MS);
    if (minute > this.minutes.current) {
      this.minutes.roll(minute, this.online);
      this.mark(K.minutes);
    }
  }

  private setOnline(value: number): void {
    if (value === this.online) return;
    this.online = value;
    if (!this.ended) {
      if (value > this.peakOnline) this.peakOnline = value;
      if (value > this.minuteMaxOnline) this.minuteMaxOnline = value;
    }
    this.recent.set(F.online, value);
    this.minutes.set(F.online, value);
    this.mark(K.figures | K.recent | K.minutes | K.paidVsNatural);
  }

  // ── audience ─────────────────────────────────────────────────────────────────

  private user(userId: string): number {
    return this.users.ensure(userId);
  }

  private enter(e: EventOf<'viewer.enter'>): void {
    const T = this.users;
    const u = this.user(e.userId);
    const ch = channelIndex(e.channel);
    const bit = 1 << ch;
    this.pv++;
    this.enterByChannel[ch]!++;
    this.pvByQuadrant[quadrantOf(ch, e.fan)]!++;
    if ((T.enteredChannels[u]! & bit) === 0) {
      T.enteredChannels[u]! |= bit;
      this.uvByChannel[ch]!++;
    }
    T.channel[u]! = ch;
    T.gender[u]! = genderCode(e.gender);
    T.age[u]! = ageCode(e.age);
    T.region[u]! = this.regions.code(e.region);
    T.returning[u]! = returningCode(e.returning);
    if (e.fan) T.flags[u]! |= UserFlag.Fan;
    else T.flags[u]! &= ~UserFlag.Fan;
    if ((T.flags[u]! & UserFlag.Entered) === 0) {
      T.flags[u]! |= UserFlag.Entered;
      this.uv++;
      this.viewerPortrait.add(T.gender[u]!, T.age[u]!, T.region[u]!, (T.flags[u]! & UserFlag.Fan) !== 0, T.returning[u]!);
      (PAID_BY_INDEX[ch] ? this.paidViewerPortrait : this.naturalViewerPortrait).add(T.gender[u]!, T.age[u]!, T.region[u]!, (T.flags[u]! & UserFlag.Fan) !== 0, T.returning[u]!);
    }
    // a repeated enter while inside is one more view, not a second overlapping stay
    if ((T.flags[u]! & UserFlag.Inside) === 0) {
      T.flags[u]! |= UserFlag.Inside;
      T.stayChannel[u]! = ch;
      T.openSince[u]! = this.clock;
      this.inside++;
      if (PAID_BY_INDEX[ch]) this.insidePaid++;
      this.sumOpenSince += this.clock;
    }
    this.recent.add(F.enters, 1);
    this.minutes.add(F.enters, 1);
    this.mark(K.figures | K.channels | K.funnel | K.portrait | K.quadrants | K.paidVsNatural | K.recent | K.minutes);
    if (this.platformOnline === null) this.setOnline(this.inside);
  }

  private leave(e: EventOf<'viewer.leave'>): void {
    const T = this.users;
    this.recent.add(F.exits, 1);
    this.minutes.add(F.exits, 1);
    this.mark(K.recent | K.minutes);
    const u = this.users.find(e.userId);
    if (u < 0 || (T.flags[u]! & UserFlag.Inside) === 0) return; // a leave without an enter changes no stay
    T.flags[u]! &= ~UserFlag.Inside;
    this.inside--;
    if (PAID_BY_INDEX[T.stayChannel[u]!]) this.insidePaid--;
    this.sumOpenSince -= T.openSince[u]!;
    this.closedWatchMs += this.clock - T.openSince[u]!;
    this.mark(K.figures | K.paidVsNatural);
    if (this.platformOnline === null) this.setOnline(this.inside);
  }

  private onlineCount(e: EventOf<'online'>): void {
    this.platformOnline = e.count;
    this.setOnline(e.count);
  }

  private interact(userId: string): void {
    const T = this.users;
    const u = this.user(userId);
    if ((T.flags[u]! & UserFlag.Interacted) === 0) {
      T.flags[u]! |= UserFlag.Interacted;
      this.interactors++;
    }
  }

  private like(e: EventOf<'like'>): void {
    this.likes += e.count;
    if (e.userId !== undefined) this.interact(e.userId);
    this.recent.add(F.likes, e.count);
    this.minutes.add(F.likes, e.count);
    this.mark(K.figures | K.recent | K.minutes);
  }

  private comment(e: EventOf<'comment'>): void {
    this.comments++;
    this.interact(e.userId);
    this.recent.add(F.comments, 1);
    this.minutes.add(F.comments, 1);
    this.commentRing[this.commentCount % COMMENTS_KEPT] = {
      seq: e.seq, ts: e.ts, userId: e.userId, nickname: e.nickname, text: e.text, row: null,
    };
    const stamp = this.commentCount++;
    const mentioned = this.mentions.scan(e.text, stamp);
    this.mark(K.figures | K.recent | K.minutes | K.comments | (mentioned ? K.products : 0));
  }

  // ── commerce ─────────────────────────────────────────────────────────────────

  private product(productId: string): ProductState {
    let p = this.products.get(productId);
    if (!p) {
      p = new ProductState(productId);
      this.products.set(productId, p);
    }
    return p;
  }

  private productList(e: EventOf<'product.list'>): void {
    for (const p of this.cart) p.inCart = false;
    this.cart = [];
    for (const item of e.products) {
      const p = this.product(item.productId);
      if (p.inCart) continue; // listed twice: the first entry wins
      p.inCart = true;
      p.rawTitle = item.title;
      p.title = displayText(item.title, 80);
      p.price = item.price;
      p.category = item.category;
      p.priceBand = item.priceBand;
      p.stock = item.stock;
      if (p.initialStock === null) p.initialStock = item.stock;
      p.cartSlot = item.cartSlot;
      p.commissionRate = item.commissionRate ?? 0;
      this.cart.push(p);
    }
    this.cart.sort((a, b) => a.cartSlot - b.cartSlot);
    this.mentions.rebuild(this.cart);
    this.mark(K.products);
  }

  private explain(e: EventOf<'product.explain'>): void {
    const p = this.product(e.productId);
    if (e.state === 'start') {
      if (p.explaining) return;
      // one product is explained at a time: starting another ends the current one
      if (this.explaining && this.explaining !== p) this.endExplain(this.explaining);
      p.startExplain(this.clock);
      this.explaining = p;
      this.addMarker({ ts: this.clock, kind: 'explain', ref: p.productId, label: p.title, state: 'start' });
    } else {
      if (!p.explaining) return;
      this.endExplain(p);
    }
    this.mark(K.products | K.explaining | K.markers);
  }

  private endExplain(p: ProductState): void {
    p.endExplain(this.clock);
    if (this.explaining === p) this.explaining = null;
    this.addMarker({ ts: this.clock, kind: 'explain', ref: p.productId, label: p.title, state: 'end' });
  }

  /** An alert fired by the engine (shared/alerts) goes on the trends beside the explanations. */
  addAlertMarker(m: Marker): void {
    this.addMarker(m);
    this.mark(K.markers);
  }

  private addMarker(m: Marker): void {
    this.markers = this.markers.length >= MARKERS_KEPT ? [...this.markers.slice(1), m] : [...this.markers, m];
  }

  private exposure(e: EventOf<'product.exposure'>): void {
    const T = this.users;
    const u = this.user(e.userId);
    const p = this.product(e.productId);
    p.exposureUsers.add(u);
    if ((T.flags[u]! & UserFlag.Exposed) === 0) {
      T.flags[u]! |= UserFlag.Exposed;
      this.exposureUsers++;
      this.exposureByChannel[T.channel[u]! < 0 ? OTHER_CHANNEL : T.channel[u]!]!++;
      this.mark(K.figures | K.channels | K.funnel);
    }
    this.mark(K.products);
  }

  private click(e: EventOf<'product.click'>): void {
    const T = this.users;
    const u = this.user(e.userId);
    const p = this.product(e.productId);
    p.clickUsers.add(u);
    p.since?.clickUsers.add(u);
    p.click(this.recent.current);
    if ((T.flags[u]! & UserFlag.Clicked) === 0) {
      T.flags[u]! |= UserFlag.Clicked;
      this.clickUsers++;
      this.clickByChannel[T.channel[u]! < 0 ? OTHER_CHANNEL : T.channel[u]!]!++;
      this.mark(K.figures | K.channels | K.funnel);
    }
    this.mark(K.products);
  }

  private orderCreate(e: EventOf<'order.create'>): void {
    const T = this.users;
    if (this.orders.has(e.orderId)) return; // a repeated create keeps the first
    const u = this.user(e.userId);
    const p = this.product(e.productId);
    const ch = channelIndex(e.channel);
    this.orders.set(e.orderId, { user: u, product: p, qty: e.qty, amount: e.amount, channel: ch, fan: e.fan, status: 0 });
    p.createdOrders++;
    p.unpaidOrders++;
    if ((T.flags[u]! & UserFlag.Ordered) === 0) {
      T.flags[u]! |= UserFlag.Ordered;
      this.orderUsers++;
    }
    if ((T.orderChannels[u]! & (1 << ch)) === 0) {
      T.orderChannels[u]! |= 1 << ch;
      this.orderUsersByChannel[ch]!++;
    }
    this.mark(K.products | K.channels | K.funnel);
  }

  private orderPay(e: EventOf<'order.pay'>): void {
    const T = this.users;
    const o = this.orders.get(e.orderId);
    if (!o || o.status !== 0) return; // unknown, paid already, or cancelled
    o.status = 1;
    const { user: u, product: p, channel: ch } = o;
    this.gmv += o.amount;
    this.paidOrders++;
    this.items += o.qty;
    this.ordersByChannel[ch]!++;
    this.gmvByChannel[ch]! += o.amount;
    this.gmvByQuadrant[quadrantOf(ch, o.fan)]! += o.amount;
    const paid = PAID_BY_INDEX[ch]!;
    if (paid) this.paidChannelGmv += o.amount;
    this.commission += orderCommission(o.amount, p.commissionRate, this.info.host.kind);
    if ((T.flags[u]! & UserFlag.Buyer) === 0) {
      // the order that makes a user a buyer decides whether the buyer is a fan
      T.flags[u]! |= UserFlag.Buyer;
      this.buyers++;
      if (o.fan) this.fanBuyers++;
      this.buyerPortrait.add(T.gender[u]!, T.age[u]!, T.region[u]!, o.fan, T.returning[u]!);
      this.recent.add(F.buyers, 1);
      this.minutes.add(F.buyers, 1);
    }
    if ((T.buyerChannels[u]! & (1 << ch)) === 0) {
      T.buyerChannels[u]! |= 1 << ch;
      this.buyersByChannel[ch]!++;
    }
    p.unpaidOrders--;
    p.orders++;
    p.items += o.qty;
    p.gmv += o.amount;
    p.buyers.add(u);
    p.paid(this.recent.current);
    if (p.since) {
      p.since.orders++;
      p.since.gmv += o.amount;
      p.since.items += o.qty;
    }
    this.recent.add(F.gmv, o.amount);
    this.recent.add(F.orders, 1);
    this.minutes.add(F.gmv, o.amount);
    this.minutes.add(F.orders, 1);
    if (paid) {
      this.recent.add(F.adGmv, o.amount);
      this.minutes.add(F.adGmv, o.amount);
    }
    this.mark(K.figures | K.products | K.channels | K.funnel | K.portrait | K.quadrants | K.recent | K.minutes);
  }

  private orderCancel(e: EventOf<'order.cancel'>): void {
    const o = this.orders.get(e.orderId);
    // a cancel after payment changes no figure: GMV counts paid orders, refunds are separate
    if (!o || o.status !== 0) return;
    o.status = 2;
    o.product.unpaidOrders--;
    this.mark(K.products);
  }

  private adStats(e: EventOf<'ad.stats'>): void {
    this.ads.addStats(e);
    this.recent.add(F.adSpend, e.spend);
    this.minutes.add(F.adSpend, e.spend);
    this.mark(K.figures | K.ads | K.funnel | K.recent | K.minutes);
  }

  /** The latest benchmark per scope and window wins (docs/product.md; shared/diagnosis/benchmarks.ts). */
  private benchmark(e: EventOf<'benchmark'>): void {
    const row: BenchmarkRow = {
      category: e.scope.category,
      tier: e.scope.tier ?? null,
      priceBand: e.scope.priceBand ?? null,
      window: e.window,
      indicators: {},
      ts: e.ts,
    };
    const key = JSON.stringify([row.category, row.tier, row.priceBand, row.window]);
    const held = this.benchmarks.get(key);
    if (held && held.ts > row.ts) return;
    if (!held && this.benchmarks.size >= MAX_BENCHMARKS) return; // a hostile stream cannot grow the view
    for (const [id, q] of Object.entries(e.indicators).slice(0, 64)) row.indicators[id] = { p25: q.p25, p50: q.p50, p75: q.p75, p90: q.p90 };
    this.benchmarks.set(key, row);
    this.mark(K.benchmarks);
  }

  // ── session ──────────────────────────────────────────────────────────────────

  private sessionStart(e: EventOf<'session.start'>): void {
    this.id = e.sessionId;
    this.info = {
      sessionId: e.sessionId,
      roomId: e.roomId,
      title: displayText(e.title, 120),
      host: {
        id: e.host.id,
        name: displayText(e.host.name, 60),
        kind: e.host.kind,
        ...(e.host.tier !== undefined ? { tier: e.host.tier } : {}),
        ...(e.host.agency ? { agency: agencyInfo(e.host.agency) } : {}),
      },
      shop: {
        id: e.shop.id, name: displayText(e.shop.name, 60), category: e.shop.category, tier: e.shop.tier,
        ...(e.shop.agency ? { agency: agencyInfo(e.shop.agency) } : {}),
      },
      ...(e.streamUrl !== undefined ? { streamUrl: e.streamUrl } : {}),
      ...(e.unavailable?.length ? { unavailable: [...e.unavailable] } : {}),
      startedAt: e.startedAt,
      endedAt: this.info.endedAt,
      state: this.info.state,
    };
    this.setState();
  }

  private sessionEnd(e: EventOf<'session.end'>): void {
    if (this.ended) return;
    this.advance(e.endedAt);
    if (this.explaining) this.endExplain(this.explaining);
    this.ended = true;
    this.info = { ...this.info, endedAt: e.endedAt };
    this.mark(K.products | K.explaining | K.markers);
    this.setState();
  }

  private setState(): void {
    const state = this.ended ? 'ended' : this.paused ? 'paused' : 'live';
    if (this.info.state !== state) this.info = { ...this.info, state };
    this.mark(K.info);
  }

  // ══ figures ════════════════════════════════════════════════════════════════

  private figures(): Figures {
    const liveMs = this.clock - this.startedAt;
    const openWatchMs = this.inside * this.clock - this.sumOpenSince;
    const spend = this.ads.totals.spend;
    const t = this.ads.totals;
    const f: Record<MetricId, number | null> = {
      gmv: this.gmv,
      orders: this.paidOrders,
      items: this.items,
      buyers: this.buyers,
      online: this.online,
      uv: this.uv,
      pv: this.pv,
      peak_online: this.peakOnline,
      avg_online: ratio(this.onlineIntegral, liveMs),
      avg_watch_duration: ratio((this.closedWatchMs + openWatchMs) / 1000, this.uv),
      gpm: ratio(this.gmv, this.pv, 1000),
      watch_to_order_rate: ratio(this.buyers, this.uv),
      product_click_rate: ratio(this.clickUsers, this.exposureUsers),
      click_to_order_rate: ratio(this.buyers, this.clickUsers),
      product_exposure_users: this.exposureUsers,
      product_click_users: this.clickUsers,
      interaction_rate: ratio(this.interactors, this.uv),
      item_price: ratio(this.gmv, this.items),
      order_price: ratio(this.gmv, this.buyers),
      new_followers: this.follows,
      fansclub_joins: this.fansclubJoins,
      comments: this.comments,
      likes: this.likes,
      shares: this.shares,
      fan_buyer_share: ratio(this.fanBuyers, this.buyers),
      effective_duration: (this.effectiveMs + (this.minuteMaxOnline >= 1 ? this.minuteUnpausedMs : 0)) / 1000,
      ad_spend: spend,
      ad_impressions: t.impressions,
      ad_clicks: t.clicks,
      ad_ctr: ratio(t.clicks, t.impressions),
      ad_cpm: ratio(spend, t.impressions, 1000),
      ad_cpc: ratio(spend, t.clicks),
      ad_conversions: t.conversions,
      ad_cost_per_conversion: ratio(spend, t.conversions),
      ad_gmv: this.paidChannelGmv,
      ad_roi: ratio(this.paidChannelGmv, spend),
      commission: this.commission,
      agency_share: agencyShareOf(this.commission, this.info.host, this.info.shop),
    };
    return f;
  }

  private snapshot(): Snapshot {
    return { figures: this.figures(), aux: { interactors: this.interactors, fanBuyers: this.fanBuyers } };
  }

  private takeSnapshot(boundary: number): void {
    const slot = (boundary / RECENT_BUCKET_MS) % SNAP_RING;
    this.snaps[slot] = this.snapshot();
    this.snapAt[slot] = boundary;
  }

  /** The state at boundary X (see ./change.ts); before the first boundary: the empty state. */
  private snapshotAt(boundary: number): Snapshot | null {
    if (boundary <= this.startedAt || boundary < this.firstBoundary()) return this.emptySnap;
    const slot = (boundary / RECENT_BUCKET_MS) % SNAP_RING;
    return this.snapAt[slot] === boundary ? this.snaps[slot]! : null;
  }

  private firstBoundary(): number {
    return Math.floor(this.startedAt / RECENT_BUCKET_MS) * RECENT_BUCKET_MS + RECENT_BUCKET_MS;
  }

  private change5m(figures: Figures): Figures {
    const b = Math.floor(this.clock / RECENT_BUCKET_MS) * RECENT_BUCKET_MS;
    const now: Snapshot = { figures, aux: { interactors: this.interactors, fanBuyers: this.fanBuyers } };
    const ago5 = this.started ? this.snapshotAt(b - (WINDOW - 1) * RECENT_BUCKET_MS) : null;
    const ago10 = this.started ? this.snapshotAt(b - (2 * WINDOW - 1) * RECENT_BUCKET_MS) : null;
    if (!ago5 || !ago10) return changeOf(now, now, now); // all null: nothing to compare with
    return changeOf(now, ago5, ago10);
  }

  // ══ view ═══════════════════════════════════════════════════════════════════

  private build(key: RoomViewKey): RoomView[RoomViewKey] {
    switch (key) {
      case 'info': return this.info;
      case 'eventTime': return this.eventTime;
      case 'seq': return this.seq;
      case 'figures': return this.figures();
      case 'change5m': return this.change5m(this.part('figures'));
      case 'recent': return this.recent.build();
      case 'minutes': return this.minutes.build();
      case 'markers': return this.markers;
      case 'channels': return this.channelRows();
      case 'funnel':
        return {
          impressions: this.ads.totals.impressions,
          enters: this.pv,
          productExposureUsers: this.exposureUsers,
          productClickUsers: this.clickUsers,
          orderUsers: this.orderUsers,
          buyers: this.buyers,
        };
      case 'portrait':
        return {
          viewers: this.viewerPortrait.build(this.regions),
          buyers: this.buyerPortrait.build(this.regions),
          paidViewers: this.paidViewerPortrait.build(this.regions),
          naturalViewers: this.naturalViewerPortrait.build(this.regions),
        };
      case 'products': {
        const bucket = this.recent.current;
        return this.cart.map((p) => p.row(this.clock, bucket));
      }
      case 'explaining': return this.explaining?.productId ?? null;
      case 'comments': return this.commentRows();
      case 'ads':
        return { totals: this.ads.totals.totals(), plans: this.ads.planRows(), creatives: this.ads.creativeRows() };
      case 'quadrants': return this.quadrantRows();
      case 'paidVsNatural': {
        let paidEnters = 0;
        for (let c = 0; c < CHANNEL_COUNT; c++) if (PAID_BY_INDEX[c]) paidEnters += this.enterByChannel[c]!;
        // the platform figure split in the proportion of the open stays' entry channels
        const paidOnline = this.inside > 0 ? Math.round((this.online * this.insidePaid) / this.inside) : 0;
        return { paidEnters, naturalEnters: this.pv - paidEnters, paidOnline, naturalOnline: this.online - paidOnline };
      }
      case 'benchmarks': return [...this.benchmarks.values()];
    }
  }

  private part<Key extends RoomViewKey>(key: Key): RoomView[Key] {
    const bit = K[key];
    if (this.stale & bit) {
      (this.cache as Record<string, unknown>)[key] = this.build(key);
      this.stale &= ~bit;
    }
    return this.cache[key] as RoomView[Key];
  }

  private channelRows(): ChannelRow[] {
    const rows: ChannelRow[] = [];
    for (let c = 0; c < CHANNEL_COUNT; c++) {
      rows.push({
        channel: channelAt(c),
        paid: PAID_BY_INDEX[c]!,
        enters: this.enterByChannel[c]!,
        uv: this.uvByChannel[c]!,
        share: ratio(this.enterByChannel[c]!, this.pv),
        orders: this.ordersByChannel[c]!,
        gmv: this.gmvByChannel[c]!,
        buyers: this.buyersByChannel[c]!,
        exposureUsers: this.exposureByChannel[c]!,
        clickUsers: this.clickByChannel[c]!,
        orderUsers: this.orderUsersByChannel[c]!,
      });
    }
    return rows;
  }

  private quadrantRows(): QuadrantRow[] {
    return QUADRANTS.map((quadrant, i) => ({
      quadrant,
      pv: this.pvByQuadrant[i]!,
      pvShare: ratio(this.pvByQuadrant[i]!, this.pv),
      gmv: this.gmvByQuadrant[i]!,
      gpm: ratio(this.gmvByQuadrant[i]!, this.pvByQuadrant[i]!, 1000),
    }));
  }

  private commentRows(): CommentRow[] {
    const n = Math.min(this.commentCount, COMMENTS_KEPT);
    const rows: CommentRow[] = [];
    for (let i = this.commentCount - n; i < this.commentCount; i++) {
      const c = this.commentRing[i % COMMENTS_KEPT]!;
      c.row ??= {
        seq: c.seq,
        ts: c.ts,
        userId: c.userId,
        nickname: displayText(c.nickname, 24),
        text: displayText(c.text, 200),
      };
      rows.push(c.row);
    }
    return rows;
  }

  /**
   * The whole view model. `now` is accepted for the engine's convenience but figures run on
   * the event clock (see the header), so a view depends only on the events applied.
   */
  view(_now?: number): RoomView {
    const v = {} as Record<RoomViewKey, unknown>;
    for (const key of KEYS) v[key] = this.part(key);
    return v as unknown as RoomView;
  }

  /** The top-level keys touched since the previous call, whole values. */
  takeChanges(): Partial<RoomView> {
    const out = {} as Record<string, unknown>;
    const changed = this.changed;
    this.changed = 0;
    for (const key of KEYS) if (changed & K[key]) out[key] = this.part(key);
    return out as Partial<RoomView>;
  }
}

const OTHER_CHANNEL = channelIndex('other');

/** session.start's agency binding as the view shows it (the name sanitised, unknown fields dropped). */
function agencyInfo(a: { id: string; name: string; share: number }): AgencyInfo {
  return { id: a.id, name: displayText(a.name, 60), share: a.share };
}
