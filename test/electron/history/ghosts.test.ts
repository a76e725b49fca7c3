/**
 * The ghost curves of a session from a real SQLite store of simulator shows: the previous ended
 * session of the same room and the median of its last 7, each checked against a recomputation
 * from the raw events (the latest `online` of each show minute, the GMV of payments up to it);
 * other rooms, later sessions and live ones are not references; the curves are cached as the
 * rollup 'curve'.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURVE_ROLLUP, ghostCurves } from '../../../electron/history/ghosts';
import { refreshRollups } from '../../../electron/history/rollup-job';
import { RoomShow, type SimEvent } from '../../../electron/sim/show';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { getRollup } from '../../../electron/store/rollups';
import { recordShows, showEvents, showStart } from './sim-store';

type E = SimEvent & Record<string, any>;
const MIN = 60_000;

/** Per show minute, straight from the events: the latest online count, and GMV paid up to the minute's end. */
function fromRaw(events: E[]): { online: number[]; gmvCum: number[] } {
  const start = events[0]!.startedAt as number;
  const end = events.find((e) => e.type === 'session.end')!.endedAt as number;
  const minutes = Math.floor((end - start) / MIN) + 1;
  const online: number[] = new Array(minutes).fill(null);
  const gmvCum: number[] = new Array(minutes).fill(0);
  const amount = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'session.end') break;
    const m = Math.floor((e.ts - start) / MIN);
    if (e.type === 'online') online[m] = e.count;
    if (e.type === 'order.create') amount.set(e.orderId, e.amount);
    if (e.type === 'order.pay') gmvCum[m]! += amount.get(e.orderId) ?? 0;
  }
  for (let m = 0; m < minutes; m++) {
    online[m] ??= online[m - 1] ?? 0;
    gmvCum[m]! += gmvCum[m - 1] ?? 0;
  }
  return { online, gmvCum };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

let dir: string;
let file: string;
let ids: string[];
let liveId: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luopan-ghosts-'));
  file = join(dir, 'store.db');
  // room 0: three ended shows (3, 2 and 1 days ago, of different lengths); room 1: one
  ids = recordShows(file, [
    { roomIndex: 0, daysAgo: 3, durationMin: 6 },
    { roomIndex: 0, daysAgo: 2, durationMin: 4 },
    { roomIndex: 1, daysAgo: 1, durationMin: 5 },
    { roomIndex: 0, daysAgo: 1, durationMin: 7 },
  ]);
  // room 0 today: live, 3 minutes in
  const db = openStore(file);
  const show = new RoomShow({ seed: 7, roomIndex: 0, startAt: showStart(0), durationMin: 60 });
  liveId = show.sessionId;
  new EventWriter(db).writeBatch(liveId, show.advanceTo(3 * MIN).map((e) => ({ seq: e.seq, ts: e.ts, type: e.type, body: JSON.stringify(e) })));
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ghost curves from stored sessions', () => {
  it('the previous show of the room, minute by minute as its raw events say', () => {
    const db = openStore(file);
    try {
      const g = ghostCurves(db, liveId);
      expect(g.previous?.sessionId).toBe(ids[3]);
      const raw = fromRaw(showEvents({ roomIndex: 0, daysAgo: 1, durationMin: 7 }).events as E[]);
      expect(g.previous!.online.slice(1)).toEqual(raw.online.slice(1, g.previous!.online.length));
      expect(g.previous!.gmvCum).toEqual(raw.gmvCum.slice(0, g.previous!.gmvCum.length));
      expect(g.previous!.online.length).toBeGreaterThanOrEqual(7);
      expect(g.previous!.gmvCum.at(-1)).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('the median of the room’s last shows, only those that lasted to each minute; other rooms and the live one are not references', () => {
    const db = openStore(file);
    try {
      const g = ghostCurves(db, liveId);
      expect(g.median!.sessionIds).toEqual([ids[3], ids[1], ids[0]]);
      const raws = [{ daysAgo: 1, durationMin: 7 }, { daysAgo: 2, durationMin: 4 }, { daysAgo: 3, durationMin: 6 }].map((s) => fromRaw(showEvents({ roomIndex: 0, ...s }).events as E[]));
      for (const m of [2, 3, 5, 6]) {
        const reach = raws.filter((r) => m < r.gmvCum.length);
        expect(g.median!.gmvCum[m], `minute ${m}`).toBe(median(reach.map((r) => r.gmvCum[m]!)));
        expect(g.median!.online[m], `minute ${m}`).toBe(median(reach.map((r) => r.online[m]!)));
      }
      // the oldest show of room 0 has no earlier one; room 1's only show neither
      expect(ghostCurves(db, ids[0]!)).toEqual({ sessionId: ids[0], previous: null, median: null });
      expect(ghostCurves(db, ids[2]!).previous).toBeNull();
      expect(ghostCurves(db, 'no-such-session')).toEqual({ sessionId: 'no-such-session', previous: null, median: null });
      // the 2-days-ago show's references are only the older one
      expect(ghostCurves(db, ids[1]!).median!.sessionIds).toEqual([ids[0]]);
    } finally {
      db.close();
    }
  });

  it('caches each curve as the rollup “curve”, which the rollup job also computes', () => {
    const db = openStore(file);
    try {
      expect(getRollup(db, ids[3]!, CURVE_ROLLUP)).not.toBeNull(); // stored by the reads above
      expect(getRollup(db, ids[2]!, CURVE_ROLLUP)).toBeNull(); // room 1 was never a reference
      expect(refreshRollups(db, ids[2]!)).toBe(true);
      const cached = getRollup(db, ids[2]!, CURVE_ROLLUP)! as { value: { sessionId: string; online: number[] } };
      expect(cached.value.sessionId).toBe(ids[2]);
      expect(cached.value.online.length).toBeGreaterThanOrEqual(5);
    } finally {
      db.close();
    }
  });
});
