/**
 * What a review adds to the live figures, from the same events in seq order (fed by the one
 * pass over a session's stored events, electron/review/load-review.ts): the per-minute series,
 * the explanation segments with their clicks, orders and online, the stream pauses and the
 * studio's actions. The definitions (issue 13), each as written here:
 *
 * - Minute m covers [startedAt + 60 000·m, startedAt + 60 000·(m+1)); the minutes run from the
 *   start to the end (endedAt, or while live the newest event time), at least one. An event
 *   counts in the minute of its `ts` (before the start: minute 0; after the end: the last).
 * - `online` of a minute is the online figure in force at its end: the latest `online.count`
 *   with ts before the minute's end — or, before any platform figure arrived, the viewers
 *   inside (enters − leaves of distinct stays), as the live screen derives it; 0 before both.
 * - Orders follow the live screen's rules (a repeated create keeps the first; a pay counts
 *   once, and not after a cancel); a paid order counts in the minute of its `order.create`.
 * - An explanation segment runs from a `product.explain start` to that product's next `end`,
 *   the next `start` of another product, or the end; a second start of the product being
 *   explained and an end of a product not being explained change nothing. Its clicks are the
 *   product's `product.click` events with ts in [start, end); its orders and GMV the product's
 *   paid orders created in [start, end); its average online ∫ online dt ÷ (end − start), with
 *   online as above as a step function of time.
 * - A pause runs from `stream.state paused` to the next `live` (or the end).
 */
import type { ReviewExplanation, ReviewMinute, Span } from './types';

const MINUTE_MS = 60_000;
/** counter columns of a raw minute */
const ENTRIES = 0;
const EXITS = 1;
const COMMENTS = 2;
const LIKES = 3;
const CLICKS = 4;
const FIELDS = ['entries', 'exits', 'comments', 'likes', 'clicks'] as const;

interface Body {
  type?: unknown;
  ts?: unknown;
  [k: string]: unknown;
}

interface OrderRec {
  ts: number;
  productId: string;
  amount: number;
  status: 0 | 1 | 2;
}

export interface ActionRec {
  ts: number;
  kind: string;
  productId: string | null;
  text: string | null;
}

/** Epoch-ms stamps of one product's clicks (with their users), in arrival order. */
interface ClickList {
  ts: number[];
  users: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface TimelineResult {
  startedAt: number;
  endedAt: number | null;
  /** endedAt, or while live the newest event time */
  effectiveEnd: number;
  minutes: ReviewMinute[];
  explanations: ReviewExplanation[];
  pauses: Span[];
  actions: ActionRec[];
  /** the latest title of each listed product */
  titles: Record<string, string>;
}

export class SessionTimeline {
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private maxTs = -Infinity;
  /** counters per raw minute of ts (clamped into the show's minutes at finish): memory per minute, not per event */
  private readonly raw = new Map<number, number[]>();
  /** counters that arrived before the start was known (a session without session.start first) */
  private readonly pending: { ts: number; field: number; n: number }[] = [];
  /** online step points in arrival order */
  private readonly onlinePoints: { ts: number; value: number }[] = [];
  private platformOnline = false;
  private readonly inside = new Set<string>();
  private readonly orders = new Map<string, OrderRec>();
  private readonly clicks = new Map<string, ClickList>();
  /** explanation starts and ends in seq order: the segment rule runs at finish */
  private readonly explains: { ts: number; productId: string; state: 'start' | 'end' }[] = [];
  private readonly streamStates: { ts: number; paused: boolean }[] = [];
  private readonly actions: ActionRec[] = [];
  private readonly titles: Record<string, string> = {};

  /** The event types it reads (others are not parsed; electron/store/session-scan.ts). */
  static readonly TYPES: ReadonlySet<string> = new Set([
    'session.start', 'session.end', 'online', 'viewer.enter', 'viewer.leave', 'comment', 'like', 'product.click',
    'product.explain', 'product.list', 'order.create', 'order.pay', 'order.cancel', 'stream.state', 'action',
  ]);

  private count(ts: number, field: number, n: number): void {
    if (this.startedAt === null) {
      this.pending.push({ ts, field, n });
      return;
    }
    const m = Math.max(0, Math.floor((ts - this.startedAt) / MINUTE_MS));
    let row = this.raw.get(m);
    if (!row) this.raw.set(m, (row = [0, 0, 0, 0, 0]));
    row[field]! += n;
  }

  wants(type: string): boolean {
    return SessionTimeline.TYPES.has(type);
  }

  add(event: unknown): void {
    const e = event as Body;
    const ts = num(e.ts);
    if (ts === null || typeof e.type !== 'string') return;
    if (e.type !== 'session.end' && ts > this.maxTs) this.maxTs = ts;
    switch (e.type) {
      case 'session.start':
        this.startedAt ??= num(e.startedAt) ?? ts;
        return;
      case 'session.end':
        this.endedAt = num(e.endedAt) ?? ts;
        return;
      case 'online': {
        const count = num(e.count);
        if (count === null) return;
        this.platformOnline = true;
        this.onlinePoints.push({ ts, value: count });
        return;
      }
      case 'viewer.enter': {
        this.count(ts, ENTRIES, 1);
        const u = str(e.userId);
        if (u !== null && !this.inside.has(u)) {
          this.inside.add(u);
          if (!this.platformOnline) this.onlinePoints.push({ ts, value: this.inside.size });
        }
        return;
      }
      case 'viewer.leave': {
        this.count(ts, EXITS, 1);
        const u = str(e.userId);
        if (u !== null && this.inside.delete(u) && !this.platformOnline) this.onlinePoints.push({ ts, value: this.inside.size });
        return;
      }
      case 'comment':
        this.count(ts, COMMENTS, 1);
        return;
      case 'like':
        this.count(ts, LIKES, num(e.count) ?? 0);
        return;
      case 'product.click': {
        this.count(ts, CLICKS, 1);
        const p = str(e.productId);
        if (p === null) return;
        let list = this.clicks.get(p);
        if (!list) this.clicks.set(p, (list = { ts: [], users: [] }));
        list.ts.push(ts);
        list.users.push(str(e.userId) ?? '');
        return;
      }
      case 'product.explain': {
        const p = str(e.productId);
        if (p !== null && (e.state === 'start' || e.state === 'end')) this.explains.push({ ts, productId: p, state: e.state });
        return;
      }
      case 'product.list':
        if (Array.isArray(e.products)) {
          for (const item of e.products as Body[]) {
            const id = str(item?.productId);
            const title = str(item?.title);
            if (id !== null && title !== null) this.titles[id] = title;
          }
        }
        return;
      case 'order.create': {
        const id = str(e.orderId);
        if (id === null || this.orders.has(id)) return; // a repeated create keeps the first
        this.orders.set(id, { ts, productId: str(e.productId) ?? '', amount: num(e.amount) ?? 0, status: 0 });
        return;
      }
      case 'order.pay': {
        const o = this.orders.get(str(e.orderId) ?? '');
        if (o && o.status === 0) o.status = 1;
        return;
      }
      case 'order.cancel': {
        const o = this.orders.get(str(e.orderId) ?? '');
        if (o && o.status === 0) o.status = 2;
        return;
      }
      case 'stream.state':
        if (e.state === 'paused' || e.state === 'live') this.streamStates.push({ ts, paused: e.state === 'paused' });
        return;
      case 'action':
        this.actions.push({ ts, kind: str(e.kind) ?? 'note', productId: str(e.productId), text: str(e.text) });
        return;
    }
  }

  /** `fallbackStart`: the session row's start when no session.start was read. */
  finish(fallbackStart?: number): TimelineResult {
    const startedAt = this.startedAt ?? fallbackStart ?? (Number.isFinite(this.maxTs) ? this.maxTs : 0);
    const effectiveEnd = Math.max(startedAt, this.endedAt ?? (Number.isFinite(this.maxTs) ? this.maxTs : startedAt));
    const n = Math.max(1, Math.ceil((effectiveEnd - startedAt) / MINUTE_MS));
    const minuteOf = (ts: number) => Math.min(n - 1, Math.max(0, Math.floor((ts - startedAt) / MINUTE_MS)));
    const minutes: ReviewMinute[] = Array.from({ length: n }, (_, minute) => ({ minute, online: 0, entries: 0, exits: 0, comments: 0, likes: 0, orders: 0, gmv: 0, clicks: 0 }));
    for (const [raw, row] of this.raw) {
      const m = minutes[Math.min(n - 1, raw)]!;
      for (let f = 0; f < FIELDS.length; f++) m[FIELDS[f]!] += row[f]!;
    }
    for (const c of this.pending) minutes[minuteOf(c.ts)]![FIELDS[c.field]!] += c.n;
    const paidByProduct = new Map<string, { ts: number; amount: number }[]>();
    for (const o of this.orders.values()) {
      if (o.status !== 1) continue;
      const m = minutes[minuteOf(o.ts)]!;
      m.orders++;
      m.gmv += o.amount;
      let list = paidByProduct.get(o.productId);
      if (!list) paidByProduct.set(o.productId, (list = []));
      list.push({ ts: o.ts, amount: o.amount });
    }
    const online = new OnlineSteps(this.onlinePoints);
    for (const m of minutes) m.online = online.at(startedAt + (m.minute + 1) * MINUTE_MS);

    const explanations = segments(this.explains, effectiveEnd).map(({ productId, start, end }) => {
      const clicks = this.clicks.get(productId);
      let clickCount = 0;
      const users = new Set<string>();
      if (clicks) {
        for (let i = 0; i < clicks.ts.length; i++) {
          const t = clicks.ts[i]!;
          if (t >= start && t < end) {
            clickCount++;
            users.add(clicks.users[i]!);
          }
        }
      }
      let orders = 0;
      let gmv = 0;
      for (const o of paidByProduct.get(productId) ?? []) {
        if (o.ts >= start && o.ts < end) {
          orders++;
          gmv += o.amount;
        }
      }
      return {
        productId,
        start,
        end,
        durationSec: (end - start) / 1000,
        clicks: clickCount,
        clickUsers: users.size,
        orders,
        gmv,
        avgOnline: end > start ? online.integral(start, end) / (end - start) : null,
      };
    });

    const pauses: Span[] = [];
    let pausedSince: number | null = null;
    for (const s of this.streamStates) {
      if (s.paused && pausedSince === null) pausedSince = s.ts;
      else if (!s.paused && pausedSince !== null) {
        pauses.push({ start: pausedSince, end: Math.max(pausedSince, s.ts) });
        pausedSince = null;
      }
    }
    if (pausedSince !== null) pauses.push({ start: pausedSince, end: Math.max(pausedSince, effectiveEnd) });

    return { startedAt, endedAt: this.endedAt, effectiveEnd, minutes, explanations, pauses, actions: this.actions, titles: { ...this.titles } };
  }
}

/** The explanation segments of starts and ends in seq order (the rule in the header). */
export function segments(explains: readonly { ts: number; productId: string; state: 'start' | 'end' }[], end: number): { productId: string; start: number; end: number }[] {
  const out: { productId: string; start: number; end: number }[] = [];
  let open: { productId: string; start: number } | null = null;
  for (const x of explains) {
    if (x.state === 'start') {
      if (open !== null && open.productId === x.productId) continue; // already explained
      if (open !== null) out.push({ productId: open.productId, start: open.start, end: Math.max(open.start, x.ts) });
      open = { productId: x.productId, start: x.ts };
    } else if (open !== null && open.productId === x.productId) {
      out.push({ productId: open.productId, start: open.start, end: Math.max(open.start, x.ts) });
      open = null;
    }
  }
  if (open !== null) out.push({ productId: open.productId, start: open.start, end: Math.max(open.start, end) });
  return out;
}

/** The online figure as a step function of time: each point holds from its ts on (later arrivals win at equal ts). */
export class OnlineSteps {
  private readonly ts: number[];
  private readonly values: number[];

  constructor(points: readonly { ts: number; value: number }[]) {
    // stable by ts: events slightly out of order take effect at their own time
    const sorted = points.map((p, i) => ({ ...p, i })).sort((a, b) => a.ts - b.ts || a.i - b.i);
    this.ts = sorted.map((p) => p.ts);
    this.values = sorted.map((p) => p.value);
  }

  /** The value in force just before `t` (the last point with ts < t); 0 before the first. */
  at(t: number): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.values[lo - 1]!;
  }

  /** ∫ online dt over [a, b), in count·ms. */
  integral(a: number, b: number): number {
    if (b <= a) return 0;
    let sum = 0;
    let t = a;
    let v = this.valueAtOrBefore(a);
    for (let i = this.firstAfter(a); i < this.ts.length && this.ts[i]! < b; i++) {
      sum += v * (this.ts[i]! - t);
      t = this.ts[i]!;
      v = this.values[i]!;
    }
    return sum + v * (b - t);
  }

  /** The value in force at `t` itself (a point at t counts). */
  private valueAtOrBefore(t: number): number {
    const i = this.firstAfter(t);
    return i === 0 ? 0 : this.values[i - 1]!;
  }

  /** Index of the first point with ts > t. */
  private firstAfter(t: number): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
