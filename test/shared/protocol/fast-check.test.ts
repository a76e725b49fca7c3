/**
 * The fast path of validateEvent (shared/protocol/fast-check.ts) against zod alone
 * (validateEventWithZod): on generated good and bad events of every type, both must give the
 * same verdict — accepted or not, the same reason and detail, the same seq, the same event.
 */
import { describe, expect, it } from 'vitest';
import { createShows } from '../../../electron/sim/show';
import { FAST_KNOWN, FAST_UNKNOWN_TYPE, FAST_UNSURE, fastCheck } from '../../../shared/protocol/fast-check';
import { EVENT_TYPES, eventBodies } from '../../../shared/protocol/schemas';
import { validateEvent, validateEventWithZod } from '../../../shared/protocol/validate';
import { mulberry32 } from '../../../electron/sim/random';

type Rec = Record<string, unknown>;

/** the simulator's seeded generator (mulberry32), so a failure names a reproducible case */
const rng = mulberry32;

/** Values at and around every boundary of schemas.ts, and every enum member. */
const EDGES: unknown[] = [
  undefined, null, true, false, 0, -0, 1, -1, 2, 5, 6, 1.5, -1.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53 - 1), -(2 ** 53),
  NaN, Infinity, -Infinity, 1_700_000_000_000, '', 'x', '1', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(256),
  'a'.repeat(257), '中'.repeat(2048), 'a'.repeat(2049), 'x'.repeat(100_000), 'x'.repeat(100_001),
  'm', 'f', 'M', '18-23', '24-30', '31-40', '41-50', '50+', '50-', 'live', 'paused', 'start', 'end', 'buyer', 'shop',
  'on', 'over_budget', 'video', 'image', 'refund_only', 'return_refund', 'quality', 'other', 'self', 'talent', 'head',
  'feed', '1d', '7d', '30d', [], [1], ['a'], {}, { a: 1 }, Object.create(null), new Date(0),
  { p25: 1, p50: 2, p75: 3, p90: 4 }, { id: 'h', name: 'n', kind: 'self' }, { id: 's', name: 'n', category: 'c', tier: 't' },
];

/** Good events of every type: the simulator's (as a socket delivers them: parsed JSON) plus one minimal each. */
function goodEvents(): Rec[] {
  const out: Rec[] = [];
  const seen = new Map<string, number>();
  for (const show of createShows({ seed: 11, rooms: 1, startAt: Date.UTC(2026, 10, 1, 12), durationMin: 20, afterSaleMin: 1 })) {
    while (!show.done) {
      for (const e of show.advanceBy(5000)) {
        const n = seen.get(e.type) ?? 0;
        seen.set(e.type, n + 1);
        if (n < 40) out.push(JSON.parse(JSON.stringify(e)) as Rec);
      }
    }
  }
  const minimal: Record<string, Rec> = {
    'session.start': { sessionId: 's', roomId: 'r', title: '', startedAt: 0, host: { id: 'h', name: '', kind: 'talent' }, shop: { id: 's', name: '', category: '', tier: '' } },
    'stream.state': { state: 'paused' },
    'session.end': { endedAt: 0 },
    'viewer.enter': { userId: 'u', channel: 'x', fan: true },
    like: { count: 0 },
    'product.list': { products: [] },
    'ad.creative': { creativeId: 'c', planId: 'p', title: '', kind: 'image' },
    'ad.plan': { planId: 'p', name: '', status: 'over_budget', budget: 0, bid: 0, channel: 'qianchuan' },
    'aftersale.open': { orderId: 'o', kind: 'refund_only', reason: 'other' },
    'aftersale.close': { orderId: 'o', self: false },
    complaint: { orderId: 'o' },
    dispute: { orderId: 'o' },
    'order.cancel': { orderId: 'o' },
    benchmark: { scope: { category: 'c' }, window: '1d', indicators: {} },
    'talent.catalog': { talents: [] },
    review: { orderId: 'o', rating: 5 },
    gift: { userId: 'u', value: -3 },
  };
  let seq = 1;
  for (const [type, body] of Object.entries(minimal)) out.push({ seq: seq++, ts: 0, type, ...body });
  return out;
}

/** One random change: a field (known or not) set to an edge value, deleted, or the object replaced. */
function mutate(good: Rec, r: () => number): unknown {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const type = typeof good.type === 'string' ? good.type : 'online';
  const schemaFields = Object.keys((eventBodies as Record<string, Rec>)[type] ?? {});
  const fields = ['seq', 'ts', 'type', ...schemaFields, ...Object.keys(good), 'extra'];
  const ev: Rec = { ...good };
  const roll = r();
  if (roll < 0.55) ev[pick(fields)] = pick(EDGES);
  else if (roll < 0.75) delete ev[pick(fields)];
  else if (roll < 0.85) {
    ev[pick(fields)] = pick(EDGES);
    ev[pick(fields)] = pick(EDGES);
  } else if (roll < 0.9) ev.type = pick([...EVENT_TYPES, 'hologram.start', 'x'.repeat(65), 'constructor', '__proto__', 'toString']);
  else if (roll < 0.93) return Object.assign(Object.create(null), good) as Rec;
  else if (roll < 0.95) return Object.assign(new (class Event {})(), good);
  else if (roll < 0.97) return pick([null, undefined, 'event', 42, [good], true]);
  // else: unchanged, except a field a future protocol adds
  else ev.futureField = { nested: [1, 2] };
  return ev;
}

describe('fastCheck / validateEvent against zod alone', () => {
  it('gives the verdict of zod on the simulator events and thousands of mutations of every type', () => {
    const goods = goodEvents();
    const types = new Set(goods.map((g) => g.type));
    expect([...types].sort()).toEqual([...EVENT_TYPES].sort()); // every type is exercised
    const r = rng(20261125);
    const tally = { fastKnown: 0, fastUnknown: 0, unsure: 0, accepted: 0, rejected: 0 };
    const cases: unknown[] = [...goods];
    for (let i = 0; i < 30_000; i++) cases.push(mutate(goods[Math.floor(r() * goods.length)]!, r));
    for (const raw of cases) {
      const expected = validateEventWithZod(raw);
      const fast = fastCheck(raw);
      if (fast === FAST_KNOWN) tally.fastKnown++;
      else if (fast === FAST_UNKNOWN_TYPE) tally.fastUnknown++;
      else tally.unsure++;
      // the fast path may only ever accept what zod accepts, with the same `known`
      if (fast !== FAST_UNSURE && !(expected.ok && expected.known === (fast === FAST_KNOWN))) {
        expect.fail(`fast path accepted what zod says ${JSON.stringify(expected)}: ${JSON.stringify(raw)?.slice(0, 300)}`);
      }
      const got = validateEvent(raw);
      if (expected.ok) tally.accepted++;
      else tally.rejected++;
      expect(got).toEqual(expected);
    }
    // not a vacuous run: plenty of each outcome
    expect(tally.fastKnown).toBeGreaterThan(5_000);
    expect(tally.fastUnknown).toBeGreaterThan(100);
    expect(tally.rejected).toBeGreaterThan(5_000);
    expect(tally.accepted).toBeGreaterThan(5_000);
  });

  it('returns the very object it was given when it accepts (no copy), zod a copy otherwise', () => {
    const raw = { seq: 1, ts: 2, type: 'viewer.leave', userId: 'u' };
    const v = validateEvent(raw);
    expect(v.ok && v.event).toBe(raw);
    const nested = { seq: 1, ts: 2, type: 'product.list', products: [] };
    const z = validateEvent(nested);
    expect(z.ok && z.event).toEqual(nested);
  });

  it('is unsure about (never rejects) what it does not check, so zod names the reason', () => {
    expect(fastCheck({ seq: 1, ts: 2, type: 'online', count: -1 })).toBe(FAST_UNSURE);
    expect(validateEvent({ seq: 1, ts: 2, type: 'online', count: -1 })).toMatchObject({ ok: false, reason: 'invalid_event', seq: 1 });
    expect(fastCheck({ seq: 1, ts: 2, type: 'session.start' })).toBe(FAST_UNSURE);
    expect(fastCheck({ seq: 0, ts: 2, type: 'online', count: 1 })).toBe(FAST_UNSURE);
    expect(fastCheck({ seq: 1, ts: 2, type: 'hologram.start' })).toBe(FAST_UNKNOWN_TYPE);
    expect(fastCheck({ seq: 1, ts: 2, type: 'online', count: 1 })).toBe(FAST_KNOWN);
  });
});
