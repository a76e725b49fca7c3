/**
 * Hand-built sessions for the diagnosis tests. Times are local (new Date(y, m, d, h)), so a
 * session's day is the same whatever TZ the machine runs in.
 */
import { validateEvent } from '../../../shared/protocol/validate';
import type { StreamEvent } from '../../../shared/protocol/schemas';

export const S = 1000;
export const H = 3_600_000;

/** Epoch ms of a local time in May 2024. */
export const may = (day: number, hour = 10) => new Date(2024, 4, day, hour).getTime();

export const SHOP = { id: 'shop1', name: '小店', category: '美妆', tier: 'L3' };

export interface SessionSpec {
  id: string;
  startedAt: number;
  host?: { id: string; name?: string; kind: 'self' | 'talent'; tier?: 'head' | 'mid' | 'tail' };
  shop?: typeof SHOP;
}

/** A session built by hand: `at(ms after start, type, body)`; `end(offset)` adds session.end. */
export function session(spec: SessionSpec) {
  const events: StreamEvent[] = [];
  let seq = 0;
  const host = spec.host ?? { id: 'h1', kind: 'self' as const };
  const api = {
    id: spec.id,
    events,
    at(offset: number, type: string, body: Record<string, unknown> = {}) {
      const v = validateEvent({ seq: ++seq, ts: spec.startedAt + offset, type, ...body });
      if (!v.ok) throw new Error(`${type}: ${v.detail}`);
      events.push(v.event);
      return api;
    },
    end(offset: number) {
      return api.at(offset, 'session.end', { endedAt: spec.startedAt + offset });
    },
  };
  api.at(0, 'session.start', {
    sessionId: spec.id, roomId: 'r1', title: spec.id, startedAt: spec.startedAt,
    host: { name: host.id, ...host }, shop: spec.shop ?? SHOP,
  });
  return api;
}

export const enter = (userId: string, channel = 'feed', fan = false, extra: Record<string, unknown> = {}) => ({ userId, channel, fan, ...extra });
export const order = (orderId: string, userId: string, productId: string, amount: number, qty = 1, channel = 'feed', fan = false) => ({
  orderId, userId, productId, qty, amount, channel, fan,
});

/**
 * A plain history session: `viewers` users (natural, non-fan) enter at 0 and stay to the end,
 * all see product p1, the first `clickers` click it, the first `buyers` buy one item at `price`;
 * one online figure `online` at 0.
 */
export function plainSession(id: string, startedAt: number, o: { seconds: number; online: number; viewers: number; clickers: number; buyers: number; price: number }) {
  const s = session({ id, startedAt });
  s.at(0, 'online', { count: o.online });
  for (let i = 0; i < o.viewers; i++) {
    const u = `${id}-u${i}`;
    s.at(0, 'viewer.enter', enter(u));
    s.at(1, 'product.exposure', { userId: u, productId: 'p1' });
    if (i < o.clickers) s.at(2, 'product.click', { userId: u, productId: 'p1' });
    if (i < o.buyers) {
      s.at(3, 'order.create', order(`${id}-o${i}`, u, 'p1', o.price));
      s.at(4, 'order.pay', { orderId: `${id}-o${i}` });
    }
  }
  return s.end(o.seconds * S);
}

/** Every number anywhere in a value is finite (no NaN, no Infinity). */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}
