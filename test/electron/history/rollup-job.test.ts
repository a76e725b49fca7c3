/**
 * RollupJob: one pass over a stored show gives exactly the rollups the readers would compute
 * (the diagnosis stats of computeStats, the session list's headline figures), sliced or not;
 * staleEndedSessions finds what needs computing; a deleted session gets no orphan rollup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeStats, STATS_ROLLUP } from '../../../electron/diagnosis/load-stats';
import { refreshRollups, RollupJob, staleEndedSessions } from '../../../electron/history/rollup-job';
import { FIGURES_ROLLUP, sessionHeadline } from '../../../electron/history/session-summaries';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { getRollup, putRollup } from '../../../electron/store/rollups';
import { deleteSession, getSession } from '../../../electron/store/sessions';
import { sessionStats } from '../../../shared/diagnosis/session-stats';
import { summarizeFigures } from '../../../shared/aggregate';
import { recordShows, showEvents } from './sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-rollup-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHOWS = [{ roomIndex: 0, daysAgo: 2 }, { roomIndex: 2, daysAgo: 1 }];

function freshStore(name: string) {
  const file = join(dir, `${name}.sqlite`);
  const ids = recordShows(file, SHOWS);
  return { db: openStore(file), ids };
}

describe('RollupJob', () => {
  it('stores the stats and figures the readers compute, equal to the in-memory ones', () => {
    const { db, ids } = freshStore('equal');
    try {
      for (const [k, id] of ids.entries()) {
        const row = getSession(db, id)!;
        const job = new RollupJob(db, id, row.lastSeq);
        expect(job.step()).toBe(true);
        expect(job.save()).toBe(true);
        const events = showEvents(SHOWS[k]!).events;
        const stats = getRollup(db, id, STATS_ROLLUP)!;
        expect(stats.uptoSeq).toBe(row.lastSeq);
        expect(stats.value).toEqual(computeStats(db, id, row.lastSeq));
        // and the stats are those of the pure builder over the generated events
        expect(stats.value).toEqual(JSON.parse(JSON.stringify(sessionStats(events as never))));
        const figures = getRollup(db, id, FIGURES_ROLLUP)!;
        expect(figures.uptoSeq).toBe(row.lastSeq);
        expect(figures.value).toEqual(sessionHeadline(db, id, row.lastSeq));
        const f = summarizeFigures(events as never);
        expect(figures.value).toMatchObject({ gmv: f.gmv, pv: f.pv, uv: f.uv, orders: f.orders });
      }
    } finally {
      db.close();
    }
  });

  it('gives the same rollups read in slices of 100 rows, with other queries between slices', () => {
    const { db, ids } = freshStore('slices');
    try {
      const id = ids[1]!;
      const row = getSession(db, id)!;
      const job = new RollupJob(db, id, row.lastSeq);
      let slices = 0;
      while (!job.step(100)) {
        slices++;
        expect(getSession(db, id)?.lastSeq).toBe(row.lastSeq); // the connection is free between slices
      }
      expect(slices).toBeGreaterThan(10);
      expect(job.rows).toBe(row.lastSeq);
      job.save();
      expect(getRollup(db, id, STATS_ROLLUP)!.value).toEqual(computeStats(db, id, row.lastSeq));
      expect(getRollup(db, id, FIGURES_ROLLUP)!.value).toEqual(sessionHeadline(db, id, row.lastSeq));
    } finally {
      db.close();
    }
  });

  it('stores nothing for a session deleted meanwhile, and keeps a rollup of more events', () => {
    const { db, ids } = freshStore('deleted');
    try {
      const [a, b] = ids as [string, string];
      const job = new RollupJob(db, a, getSession(db, a)!.lastSeq);
      job.step(50);
      deleteSession(db, a);
      job.step();
      expect(job.save()).toBe(false);
      expect(getRollup(db, a, STATS_ROLLUP)).toBeNull();
      expect(getRollup(db, a, FIGURES_ROLLUP)).toBeNull();

      const last = getSession(db, b)!.lastSeq;
      putRollup(db, b, STATS_ROLLUP, last, { marker: 'newer' });
      const older = new RollupJob(db, b, last - 10);
      older.step();
      expect(older.save()).toBe(true); // figures stored
      expect(getRollup(db, b, STATS_ROLLUP)!.value).toEqual({ marker: 'newer' });
      expect(getRollup(db, b, FIGURES_ROLLUP)!.uptoSeq).toBe(last - 10);
    } finally {
      db.close();
    }
  });
});

describe('staleEndedSessions', () => {
  it('lists ended sessions without current rollups, oldest end first; not live ones', () => {
    const { db, ids } = freshStore('stale');
    try {
      const [a, b] = ids as [string, string];
      expect(staleEndedSessions(db).map((s) => s.sessionId)).toEqual([a, b]);
      expect(staleEndedSessions(db)[0]!.lastSeq).toBe(getSession(db, a)!.lastSeq);
      refreshRollups(db, a);
      expect(staleEndedSessions(db).map((s) => s.sessionId)).toEqual([b]);

      // a late after-sale event makes it stale again
      const seq = getSession(db, a)!.lastSeq + 1;
      new EventWriter(db).writeBatch(a, [{ seq, ts: Date.now(), type: 'review', body: JSON.stringify({ seq, ts: Date.now(), type: 'review', orderId: 'x', rating: 5 }) }]);
      expect(staleEndedSessions(db).map((s) => s.sessionId)).toEqual([a, b]);

      // stats of another layout version count as stale when asked (the keeper asks once, at start)
      refreshRollups(db, a);
      refreshRollups(db, b);
      expect(staleEndedSessions(db)).toEqual([]);
      const stats = getRollup(db, b, STATS_ROLLUP)!;
      putRollup(db, b, STATS_ROLLUP, stats.uptoSeq, { ...(stats.value as object), version: -1 });
      expect(staleEndedSessions(db)).toEqual([]);
      expect(staleEndedSessions(db, true).map((s) => s.sessionId)).toEqual([b]);

      // a live session (no session.end yet) is left to the readers
      new EventWriter(db).writeBatch('live-1', [{ seq: 1, ts: Date.now(), type: 'like', body: JSON.stringify({ seq: 1, ts: Date.now(), type: 'like', userId: 'u', count: 1 }) }]);
      expect(staleEndedSessions(db, true).map((s) => s.sessionId)).toEqual([b]);
    } finally {
      db.close();
    }
  });
});
