/**
 * `luopan review --json` on shows recorded as a user records them: two simulator runs of the
 * same room (`luopan sim --duration … --speed max`) recorded by `luopan record` into one
 * database, then the second session reviewed — and every part of the JSON checked against a
 * recomputation from the raw events (`luopan export`): the figures by folding the events into
 * the live aggregator, the minutes, explanations and channels straight from their definitions
 * (written again here, plainly), the comparison with the first session. Bad input: one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldEvents } from '../../shared/aggregate';
import { REVIEW_METRICS } from '../../shared/review/metrics';
import type { SessionReview } from '../../shared/review/types';
import type { StreamEvent } from '../../shared/protocol/schemas';
import { tempDb } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'luopan.mjs');
const DURATION = 12;
const db = tempDb('review.db');

const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });

/** One simulated show of room 1, recorded by `luopan record` until the source goes quiet. */
async function recordShow(seed: number): Promise<void> {
  const sim = spawn(process.execPath, [BIN, 'sim', '--port', '0', '--seed', String(seed), '--duration', String(DURATION), '--speed', 'max'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve) => sim.stdout.once('data', (d: Buffer) => resolve(d.toString().trim().split('\n')[0]!)));
  const rec = spawn(process.execPath, [BIN, 'record', url, '--db', db, '--idle-exit', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [simCode, recCode] = await Promise.all([new Promise((r) => sim.once('exit', r)), new Promise((r) => rec.once('exit', r))]);
  expect([simCode, recCode]).toEqual([0, 0]);
}

function eventsOf(sessionId: string): StreamEvent[] {
  const r = cli(['export', '--db', db, '--session', sessionId]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as StreamEvent);
}

let sessions: { sessionId: string; roomId: string; startedAt: number }[];

beforeAll(async () => {
  expect(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' }).status).toBe(0);
  await recordShow(11);
  await new Promise((r) => setTimeout(r, 20)); // the second show starts later
  await recordShow(12);
  sessions = JSON.parse(cli(['sessions', '--db', db, '--json']).stdout);
}, 240_000);

/** The review's definitions written again from the raw events (docs/cli.md "luopan review"). */
function recompute(events: StreamEvent[]) {
  const start = events[0] as StreamEvent & { startedAt: number };
  const startedAt = start.startedAt;
  const end = (events.find((e) => e.type === 'session.end') as { endedAt: number } | undefined)!.endedAt;
  const n = Math.max(1, Math.ceil((end - startedAt) / 60_000));
  const minuteOf = (ts: number) => Math.min(n - 1, Math.max(0, Math.floor((ts - startedAt) / 60_000)));
  const onlineAt = (t: number) => {
    // latest platform figure by ts before t (every simulated show sends `online` from its first seconds)
    let best: { ts: number; seq: number; count: number } | null = null;
    for (const e of events) if (e.type === 'online' && e.ts < t && (!best || e.ts > best.ts || (e.ts === best.ts && e.seq > best.seq))) best = { ts: e.ts, seq: e.seq, count: (e as { count: number }).count };
    return best?.count ?? 0;
  };
  const paid = new Map<string, { ts: number; productId: string; amount: number }>();
  const created = new Map<string, { ts: number; productId: string; amount: number; cancelled: boolean }>();
  for (const e of events as (StreamEvent & Record<string, never>)[]) {
    if (e.type === 'order.create' && !created.has(e.orderId)) created.set(e.orderId, { ts: e.ts, productId: e.productId, amount: e.amount, cancelled: false });
    if (e.type === 'order.cancel' && created.has(e.orderId) && !paid.has(e.orderId)) created.get(e.orderId)!.cancelled = true;
    if (e.type === 'order.pay' && created.has(e.orderId) && !created.get(e.orderId)!.cancelled) paid.set(e.orderId, created.get(e.orderId)!);
  }
  const minutes = Array.from({ length: n }, (_, m) => {
    const inM = (type: string) => events.filter((e) => e.type === type && minuteOf(e.ts) === m);
    const orders = [...paid.values()].filter((o) => minuteOf(o.ts) === m);
    return {
      minute: m,
      online: onlineAt(startedAt + (m + 1) * 60_000),
      entries: inM('viewer.enter').length,
      exits: inM('viewer.leave').length,
      comments: inM('comment').length,
      likes: inM('like').reduce((a, e) => a + (e as { count: number }).count, 0),
      orders: orders.length,
      gmv: orders.reduce((a, o) => a + o.amount, 0),
      clicks: inM('product.click').length,
    };
  });
  return { startedAt, end, minutes, paid };
}

describe('luopan review', () => {
  it('records two shows of one room', () => {
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.roomId).toBe(sessions[1]!.roomId);
  });

  it('--json of the later show equals a recomputation from its raw events', () => {
    const [later, earlier] = sessions as [typeof sessions[0], typeof sessions[0]]; // newest first
    const r = cli(['review', '--db', db, '--session', later.sessionId, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const review = JSON.parse(r.stdout) as SessionReview;
    expect(Object.keys(review)).toEqual(['sessionId', 'roomId', 'startedAt', 'endedAt', 'figures', 'minutes', 'explanations', 'channels', 'compare', 'findings']);
    const events = eventsOf(later.sessionId);
    const want = recompute(events);
    expect(review.startedAt).toBe(want.startedAt);
    expect(review.endedAt).toBe(want.end);

    // figures: the live aggregator over the raw events, under the live screen's ids
    const live = foldEvents(events).view();
    expect(Object.keys(review.figures)).toEqual([...REVIEW_METRICS]);
    for (const m of REVIEW_METRICS) expect(review.figures[m], m).toBe(live.figures[m]);

    expect(review.minutes).toEqual(want.minutes);
    expect(review.minutes.reduce((a, m) => a + m.orders, 0)).toBe(live.figures.orders);

    // explanations: each start to the next end of that product or the next start of another
    const explains = events.filter((e) => e.type === 'product.explain') as (StreamEvent & { productId: string; state: string })[];
    expect(review.explanations.length).toBeGreaterThan(2);
    let open = null as { productId: string; start: number } | null;
    const segs: { productId: string; start: number; end: number }[] = [];
    for (const e of explains) {
      if (e.state === 'start' && open?.productId !== e.productId) {
        if (open) segs.push({ ...open, end: e.ts });
        open = { productId: e.productId, start: e.ts };
      } else if (e.state === 'end' && open?.productId === e.productId) {
        segs.push({ ...open, end: e.ts });
        open = null;
      }
    }
    if (open) segs.push({ ...open, end: want.end });
    expect(review.explanations.map(({ productId, start, end }) => ({ productId, start, end }))).toEqual(segs);
    for (const [i, s] of segs.entries()) {
      const clicks = events.filter((e) => e.type === 'product.click' && (e as { productId: string }).productId === s.productId && e.ts >= s.start && e.ts < s.end);
      const orders = [...want.paid.values()].filter((o) => o.productId === s.productId && o.ts >= s.start && o.ts < s.end);
      const x = review.explanations[i]!;
      expect([x.clicks, x.clickUsers, x.orders, x.gmv, x.durationSec]).toEqual([
        clicks.length,
        new Set(clicks.map((c) => (c as { userId: string }).userId)).size,
        orders.length,
        orders.reduce((a, o) => a + o.amount, 0),
        (s.end - s.start) / 1000,
      ]);
      expect(x.avgOnline).not.toBeNull();
    }

    // channels: the live screen's channel rows
    for (const c of review.channels) {
      const row = live.channels.find((x) => x.channel === c.channel)!;
      expect([c.entries, c.buyers, c.gmv]).toEqual([row.enters, row.buyers, row.gmv]);
      expect(c.pvShare).toBeCloseTo(row.enters / live.figures.pv!, 12);
    }

    // comparison: the earlier show is the previous one and the whole median
    const before = foldEvents(eventsOf(earlier.sessionId)).view().figures;
    expect(review.compare.previous?.sessionId).toBe(earlier.sessionId);
    expect(review.compare.median.sessions).toEqual([earlier.sessionId]);
    for (const m of REVIEW_METRICS) {
      expect(review.compare.previous!.figures[m], m).toBe(before[m]);
      const ref = before[m];
      const mine = live.figures[m];
      expect(review.compare.deltas[m]!.previous, m).toBe(ref === null || ref === 0 || mine === null ? null : (mine - ref) / ref);
    }
    for (const f of review.findings) expect(typeof f.message).toBe('string');
  }, 60_000);

  it('a table in Chinese by default, in English with --lang en', () => {
    const id = sessions[0]!.sessionId;
    const zh = cli(['review', '--db', db, '--session', id]);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toMatch(/^场次复盘 · .* · 已结束/);
    expect(zh.stdout).toContain('讲解复盘');
    const en = cli(['review', '--db', db, '--session', id, '--lang', 'en']);
    expect(en.stdout).toMatch(/^Session review · .* · Ended/);
    expect(en.stdout.replace(/“[^”]*”|[^\n]*\|/g, '')).not.toContain('讲解复盘');
  }, 30_000);

  it('an unknown session, a missing database, a bad --compare: one line', () => {
    const unknown = cli(['review', '--db', db, '--session', 'nope']);
    expect([unknown.status, unknown.stderr]).toEqual([1, 'luopan: 没有场次 "nope"\n']);
    const en = cli(['review', '--db', db, '--session', 'nope', '--lang', 'en']);
    expect(en.stderr).toBe('luopan: no session "nope"\n');
    const missing = cli(['review', '--db', join(db, '..', 'none.db'), '--session', 'x']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const bad = cli(['review', '--db', db, '--session', 'x', '--compare', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--compare/);
  }, 30_000);
});
