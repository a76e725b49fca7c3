/**
 * One session's actions and their impact, incrementally (issue 15 §3): fed the session's events
 * in seq order — live by the engine, or a stored show folded for `luopan review` — it collects
 * the stream's `action` events, derives actions from what it sees (a price change in
 * `product.list`, an `ad.plan` budget/bid/status change, an explanation start), takes the
 * operator's notes, and measures each action's 5- and 15-minute windows (./impact.ts) once they
 * passed on the session's event clock (plus MEASURE_LAG_MS), or when the session ends.
 *
 * Memory: the events the windows need are kept only for the last 15 minutes and a little
 * (what a window of an action at the clock can reach); older ones are dropped as the clock
 * moves, so a day-long show costs what 17 minutes of it do.
 */
import type { EventOf, StreamEvent } from '../protocol/schemas';
import { impactLabel, windowImpact, type ImpactLog } from './impact';
import { MEASURE_LAG_MS, WINDOWS_MS, type Action, type MeasuredAction } from './types';

/** Log kept behind the clock: the longest window, the lag, and a minute for notes stamped a little late. */
const KEEP_MS = WINDOWS_MS.w15 + MEASURE_LAG_MS + 60_000;
/** A derived action within this long of a stream action of the same kind and target is the same action. */
const SAME_ACTION_MS = 60_000;
/** Actions kept per session (a hostile stream must not grow it without bound). */
const MAX_ACTIONS = 5_000;

interface OrderRec {
  createdAt: number;
  amount: number;
  paidAt: number | null;
  cancelled: boolean;
}

export class ActionTracker {
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private clock = 0;
  private readonly list: MeasuredAction[] = [];
  /** index of the first action with a window not measured yet (actions arrive in time order, roughly) */
  private readonly prices = new Map<string, number>();
  private readonly titles = new Map<string, string>();
  private readonly plans = new Map<string, { budget: number; bid: number; status: string }>();
  private readonly log = {
    online: [] as [number, number][],
    onlineBefore: 0,
    enters: [] as number[],
    orders: [] as OrderRec[],
    exposures: [] as [number, string][],
    clicks: [] as [number, string][],
  };
  private readonly orders = new Map<string, OrderRec>();
  private dirty = false;

  /** Feed one event of the session (known = a protocol-v1 type). */
  apply(e: StreamEvent, known = true): void {
    if (!known) return;
    const ev = e as StreamEvent & { type: string; ts: number };
    if (this.startedAt === null) this.startedAt = ev.type === 'session.start' ? (ev as EventOf<'session.start'>).startedAt : ev.ts;
    if (this.endedAt === null && ev.ts > this.clock) this.clock = ev.ts;
    switch (ev.type) {
      case 'session.start':
        this.startedAt = (ev as EventOf<'session.start'>).startedAt;
        return;
      case 'session.end': {
        const end = (ev as EventOf<'session.end'>).endedAt;
        if (this.endedAt === null) {
          this.endedAt = end;
          this.clock = Math.max(this.clock, end);
        }
        return;
      }
      case 'online':
        this.log.online.push([ev.ts, (ev as EventOf<'online'>).count]);
        break;
      case 'viewer.enter':
        this.log.enters.push(ev.ts);
        break;
      case 'product.exposure':
        this.log.exposures.push([ev.ts, (ev as EventOf<'product.exposure'>).userId]);
        break;
      case 'product.click':
        this.log.clicks.push([ev.ts, (ev as EventOf<'product.click'>).userId]);
        break;
      case 'order.create': {
        const o = ev as EventOf<'order.create'>;
        if (this.orders.has(o.orderId)) break; // a repeated create keeps the first
        const rec: OrderRec = { createdAt: ev.ts, amount: o.amount, paidAt: null, cancelled: false };
        this.orders.set(o.orderId, rec);
        this.log.orders.push(rec);
        break;
      }
      case 'order.pay': {
        const rec = this.orders.get((ev as EventOf<'order.pay'>).orderId);
        if (rec && rec.paidAt === null && !rec.cancelled) rec.paidAt = ev.ts;
        break;
      }
      case 'order.cancel': {
        const rec = this.orders.get((ev as EventOf<'order.cancel'>).orderId);
        if (rec && rec.paidAt === null) rec.cancelled = true;
        break;
      }
      case 'product.list':
        this.productList(ev as EventOf<'product.list'>);
        break;
      case 'product.explain': {
        const x = ev as EventOf<'product.explain'>;
        if (x.state === 'start') this.add({ ts: ev.ts, kind: 'explain', source: 'derived', productId: x.productId, text: this.titles.get(x.productId) });
        break;
      }
      case 'ad.plan':
        this.adPlan(ev as EventOf<'ad.plan'>);
        break;
      case 'action': {
        const a = ev as EventOf<'action'>;
        this.add({
          ts: ev.ts, kind: a.kind, source: 'stream',
          ...(a.productId !== undefined ? { productId: a.productId } : {}),
          ...(a.planId !== undefined ? { planId: a.planId } : {}),
          ...(a.value !== undefined ? { value: a.value } : {}),
          ...(a.text !== undefined ? { text: a.text } : {}),
        });
        break;
      }
    }
  }

  /** An operator's note (场记) at its time. */
  addOperator(a: Omit<Action, 'source'>): MeasuredAction | null {
    return this.add({ ...a, source: 'operator' });
  }

  /** The session's event clock (the newest event time, frozen at its end). */
  get now(): number {
    return this.clock;
  }

  get started(): number | null {
    return this.startedAt;
  }

  /**
   * Measure the windows that have passed; drop log entries no window can reach any more.
   * True when something changed since the previous call (an action added or measured).
   */
  poll(): boolean {
    const start = this.startedAt ?? 0;
    const end = this.endedAt ?? Infinity;
    for (const a of this.list) {
      for (const w of ['w5', 'w15'] as const) {
        if (a.impact[w]) continue;
        const span = WINDOWS_MS[w];
        if (this.endedAt === null && this.clock < a.ts + span + MEASURE_LAG_MS) continue;
        a.impact[w] = windowImpact(this.log, a.ts, span, start, Number.isFinite(end) ? end : a.ts + span);
        a.label = impactLabel(a.impact.w15 ?? a.impact.w5);
        this.dirty = true;
      }
    }
    this.prune();
    const changed = this.dirty;
    this.dirty = false;
    return changed;
  }

  /** Every action so far, oldest first. */
  actions(): readonly MeasuredAction[] {
    return this.list;
  }

  // ── derived ────────────────────────────────────────────────────────────────

  private productList(e: EventOf<'product.list'>): void {
    for (const p of e.products) {
      this.titles.set(p.productId, p.title);
      const was = this.prices.get(p.productId);
      this.prices.set(p.productId, p.price);
      if (was !== undefined && was !== p.price) this.add({ ts: e.ts, kind: 'price_change', source: 'derived', productId: p.productId, value: p.price, text: p.title });
    }
  }

  private adPlan(e: EventOf<'ad.plan'>): void {
    const was = this.plans.get(e.planId);
    this.plans.set(e.planId, { budget: e.budget, bid: e.bid, status: e.status });
    if (!was) return;
    const base = { ts: e.ts, source: 'derived' as const, planId: e.planId, text: e.name };
    if (was.budget !== e.budget) this.add({ ...base, kind: 'ad_budget', value: e.budget });
    if (was.bid !== e.bid) this.add({ ...base, kind: 'ad_bid', value: e.bid });
    if (was.status !== e.status) {
      if (e.status === 'on') this.add({ ...base, kind: 'ad_resume' });
      else if (was.status === 'on') this.add({ ...base, kind: 'ad_pause' });
    }
  }

  private add(a: Action): MeasuredAction | null {
    if (this.list.length >= MAX_ACTIONS) return null;
    // the stream's own action and the change it caused are one action: the stream's wins
    if (a.source !== 'operator') {
      const target = a.productId ?? a.planId;
      const twin = this.list.findLastIndex(
        (b) => b.source !== 'operator' && b.source !== a.source && b.kind === a.kind && (b.productId ?? b.planId) === target && Math.abs(b.ts - a.ts) <= SAME_ACTION_MS,
      );
      if (twin >= 0) {
        if (a.source === 'derived') return null;
        this.list.splice(twin, 1);
      }
    }
    const m: MeasuredAction = { ...a, impact: { w5: null, w15: null }, label: null };
    // in time order (an operator's note may be stamped a moment before the last derived one)
    let i = this.list.length;
    while (i > 0 && this.list[i - 1]!.ts > m.ts) i--;
    this.list.splice(i, 0, m);
    this.dirty = true;
    return m;
  }

  private prune(): void {
    const cut = this.clock - KEEP_MS;
    const pending = this.list.find((a) => !a.impact.w15);
    const keepFrom = Math.min(cut, pending ? pending.ts - WINDOWS_MS.w15 : cut);
    const log = this.log;
    let n = 0;
    while (n < log.online.length && log.online[n]![0] < keepFrom) n++;
    if (n > 1000 || (n > 0 && n === log.online.length)) {
      log.onlineBefore = log.online[n - 1]![1];
      log.online.splice(0, n);
    }
    const drop = <T>(xs: T[], tsOf: (x: T) => number) => {
      let k = 0;
      while (k < xs.length && tsOf(xs[k]!) < keepFrom) k++;
      if (k > 1000) xs.splice(0, k);
    };
    drop(log.enters, (x) => x);
    drop(log.exposures, (x) => x[0]);
    drop(log.clicks, (x) => x[0]);
    drop(log.orders, (x) => x.createdAt);
  }
}
