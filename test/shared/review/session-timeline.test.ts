/** shared/review/session-timeline.ts on the hand-worked session of ./fixture.ts. */
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../../shared/aggregate';
import { OnlineSteps, segments, SessionTimeline } from '../../../shared/review/session-timeline';
import { at, HAND_EVENTS, T0 } from './fixture';

function timeline(events = HAND_EVENTS) {
  const t = new SessionTimeline();
  for (const e of events) if (t.wants(e.type)) t.add(e);
  return t.finish();
}

describe('review timeline', () => {
  it('minutes from the start to the end: counts by ts, online at the end of each minute, paid orders by their create minute', () => {
    const r = timeline();
    expect(r.startedAt).toBe(T0);
    expect(r.endedAt).toBe(at(180));
    expect(r.minutes).toEqual([
      // online at 60 s: the platform's 10 (from 30 s); entries u1, u2, u3; one click (55 s)
      { minute: 0, online: 10, entries: 3, exits: 0, comments: 0, likes: 0, orders: 0, gmv: 0, clicks: 1 },
      // online at 120 s: 20 (from 90 s); clicks 65, 70, 110; o1 (created 70 s, paid); o2 cancelled before its pay
      { minute: 1, online: 20, entries: 0, exits: 0, comments: 0, likes: 0, orders: 1, gmv: 1000, clicks: 3 },
      // o3 (125 s) and o4 (created after the end: the last minute); the leave, comment and 5 likes
      { minute: 2, online: 20, entries: 0, exits: 1, comments: 1, likes: 5, orders: 2, gmv: 3000, clicks: 0 },
    ]);
    // the minutes add up to the live figures of the same events
    const f = foldEvents(HAND_EVENTS).view().figures;
    expect(r.minutes.reduce((a, m) => a + m.orders, 0)).toBe(f.orders);
    expect(r.minutes.reduce((a, m) => a + m.gmv, 0)).toBe(f.gmv);
    expect(r.minutes.reduce((a, m) => a + m.entries, 0)).toBe(f.pv);
  });

  it('explanation segments with clicks, click users, paid orders and time-weighted online', () => {
    const r = timeline();
    expect(r.explanations).toEqual([
      // p1 [50, 100): clicks 55, 65, 70 by u1, u1, u2; o1 paid, o2 cancelled;
      // online 10 for 35 s, 12 for 5 s (the late 85 s figure), 20 for 10 s → 610 / 50
      { productId: 'p1', start: at(50), end: at(100), durationSec: 50, clicks: 3, clickUsers: 2, orders: 1, gmv: 1000, avgOnline: 12.2 },
      // p2 [100, 180): the repeated start and p1's stray end change nothing; o4 was created after the end
      { productId: 'p2', start: at(100), end: at(180), durationSec: 80, clicks: 1, clickUsers: 1, orders: 1, gmv: 2500, avgOnline: 20 },
    ]);
    expect(r.pauses).toEqual([{ start: at(140), end: at(150) }]);
    expect(r.titles).toEqual({ p1: '坚果', p2: '车厘子' });
  });

  it('a live session runs to its newest event; an open segment and pause end there', () => {
    const live = HAND_EVENTS.filter((e) => e.ts <= at(145) && e.type !== 'session.end');
    const r = timeline(live);
    expect(r.endedAt).toBeNull();
    expect(r.effectiveEnd).toBe(at(140));
    expect(r.minutes).toHaveLength(3);
    expect(r.explanations.at(-1)).toMatchObject({ productId: 'p2', end: at(140), durationSec: 40 });
    expect(r.pauses).toEqual([{ start: at(140), end: at(140) }]);
  });

  it('segments: another start ends the explained product, its own end ends it, a stray end does nothing', () => {
    expect(segments([
      { ts: 10, productId: 'a', state: 'start' },
      { ts: 20, productId: 'b', state: 'end' },
      { ts: 30, productId: 'b', state: 'start' },
      { ts: 40, productId: 'b', state: 'end' },
      { ts: 50, productId: 'a', state: 'start' },
    ], 70)).toEqual([
      { productId: 'a', start: 10, end: 30 },
      { productId: 'b', start: 30, end: 40 },
      { productId: 'a', start: 50, end: 70 },
    ]);
  });

  it('online steps: the value before a time, and the integral over a span', () => {
    const o = new OnlineSteps([{ ts: 10, value: 4 }, { ts: 30, value: 2 }, { ts: 20, value: 6 }]);
    expect([o.at(10), o.at(11), o.at(25), o.at(31)]).toEqual([0, 4, 6, 2]);
    // [0, 40): 0 × 10 + 4 × 10 + 6 × 10 + 2 × 10
    expect(o.integral(0, 40)).toBe(120);
    expect(o.integral(15, 25)).toBe(4 * 5 + 6 * 5);
  });
});
