/**
 * The rollup keeper: ended shows get their 'stats' and 'figures' rollups without anyone asking
 * for a diagnosis — a show recorded by the engine from the real simulator, a console import —
 * and a rollup made stale by after-sale events is recomputed once the session is quiet (or
 * stale for too long), not at every event. The rule is checked with a hand-driven clock; the
 * end-to-end cases wait for the store to reach the state, they time nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { computeStats, STATS_ROLLUP } from '../../../electron/diagnosis/load-stats';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { RollupKeeper } from '../../../electron/engine/rollup-keeper';
import { FIGURES_ROLLUP, sessionHeadline } from '../../../electron/history/session-summaries';
import { exportPage } from '../../../electron/history/transfer';
import { startSimServer, type SimServer } from '../../../electron/sim/server';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { getRollup, putRollup } from '../../../electron/store/rollups';
import { getSession, listSessions } from '../../../electron/store/sessions';
import type Database from 'better-sqlite3';
import { recordShows } from '../history/sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-rollup-keeper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(cond: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`not reached: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Both rollups of the session exist, are as of its last stored seq, and equal a fresh computation. */
function expectCurrentRollups(db: Database.Database, sessionId: string): void {
  const row = getSession(db, sessionId)!;
  const stats = getRollup(db, sessionId, STATS_ROLLUP);
  const figures = getRollup(db, sessionId, FIGURES_ROLLUP);
  expect(stats?.uptoSeq).toBe(row.lastSeq);
  expect(figures?.uptoSeq).toBe(row.lastSeq);
  expect(stats!.value).toEqual(computeStats(db, sessionId, row.lastSeq));
  expect(figures!.value).toEqual(sessionHeadline(db, sessionId, row.lastSeq));
}

const isCurrent = (db: Database.Database, sessionId: string) => {
  const last = getSession(db, sessionId)?.lastSeq;
  return last !== undefined && getRollup(db, sessionId, STATS_ROLLUP)?.uptoSeq === last && getRollup(db, sessionId, FIGURES_ROLLUP)?.uptoSeq === last;
};

function lateReview(db: Database.Database, sessionId: string): void {
  const seq = getSession(db, sessionId)!.lastSeq + 1;
  const ts = Date.now();
  new EventWriter(db).writeBatch(sessionId, [{ seq, ts, type: 'review', body: JSON.stringify({ seq, ts, type: 'review', orderId: 'x', rating: 1 }) }]);
}

describe('RollupKeeper (hand-driven clock)', () => {
  it('computes ended sessions at once, a stale-again one only after quietMs or maxStaleMs', async () => {
    const file = join(dir, 'rule.sqlite');
    const [a, b] = recordShows(file, [{ roomIndex: 0, daysAgo: 2 }, { roomIndex: 1, daysAgo: 1 }]) as [string, string];
    const db = openStore(file);
    cleanups.push(() => void db.close());
    let now = 0;
    const saved: string[] = [];
    const keeper = new RollupKeeper({ db, now: () => now, pollMs: 3_600_000, quietMs: 1000, maxStaleMs: 5000, sliceRows: 500, onSaved: (id) => saved.push(id) });
    cleanups.push(() => keeper.stop());

    keeper.start(); // first look: both ended, never computed
    await until(() => keeper.pending() === 0, 'first pass');
    expect(saved).toEqual([a, b]);
    expectCurrentRollups(db, a);
    expectCurrentRollups(db, b);

    // an after-sale event: stale again, but not recomputed while events may still come
    lateReview(db, a);
    now = 100;
    keeper.poll();
    expect(keeper.pending()).toBe(0);
    now = 1099;
    keeper.poll();
    expect(keeper.pending()).toBe(0);
    now = 1100; // quiet for quietMs since the change was seen
    keeper.poll();
    expect(keeper.pending()).toBe(1);
    await until(() => keeper.pending() === 0, 'after quiet');
    expect(saved).toEqual([a, b, a]);
    expectCurrentRollups(db, a);

    // events that keep trickling in: recomputed once stale for maxStaleMs
    for (now = 2000; now < 7000; now += 500) {
      lateReview(db, b);
      keeper.poll();
      expect(keeper.pending()).toBe(0);
    }
    lateReview(db, b);
    now = 7000; // stale since 2000
    keeper.poll();
    expect(keeper.pending()).toBe(1);
    await until(() => keeper.pending() === 0, 'after maxStale');
    expect(saved).toEqual([a, b, a, b]);
    expectCurrentRollups(db, b);
  });

  it('at start, also recomputes stats rollups of another layout version', async () => {
    const file = join(dir, 'version.sqlite');
    const [a] = recordShows(file, [{ roomIndex: 0, daysAgo: 1 }]) as [string];
    const db = openStore(file);
    cleanups.push(() => void db.close());
    const last = getSession(db, a)!.lastSeq;
    putRollup(db, a, STATS_ROLLUP, last, { version: -1 });
    putRollup(db, a, FIGURES_ROLLUP, last, { gmv: -1 });
    const keeper = new RollupKeeper({ db, pollMs: 3_600_000 });
    cleanups.push(() => keeper.stop());
    keeper.start();
    await until(() => keeper.pending() === 0, 'recomputed');
    expectCurrentRollups(db, a);
  });
});

describe('the engine keeps rollups current', () => {
  const ROLLUPS = { pollMs: 50, quietMs: 200 };

  async function engineOn(dbFile: string, source: string): Promise<Backend> {
    const engine = await createBackend({ dbFile, source, rollups: ROLLUPS });
    cleanups.push(() => engine.close());
    return engine;
  }

  it('after a recorded finite show ends, and after a console import, without any diagnosis call', async () => {
    const sim: SimServer = await startSimServer({ seed: 4, rooms: 3, speed: Number.POSITIVE_INFINITY, durationMin: 3, afterSaleMin: 2, startAt: Date.UTC(2026, 3, 2, 12) });
    cleanups.push(() => sim.close());
    const recorded = join(dir, 'recorded.sqlite');
    await engineOn(recorded, sim.url);
    await sim.finished; // every show ended, after-sale included, and every event acked (so stored)

    const reader = openStore(recorded, { readonly: true });
    cleanups.push(() => void reader.close());
    const ids = sim.sessions().map((s) => s.sessionId);
    expect(ids).toHaveLength(3);
    await until(() => ids.every((id) => isCurrent(reader, id)), 'rollups of the recorded shows');
    for (const s of sim.sessions()) {
      expect(getSession(reader, s.sessionId)).toMatchObject({ lastSeq: s.generated });
      expect(getSession(reader, s.sessionId)!.endedAt).not.toBeNull();
      expectCurrentRollups(reader, s.sessionId);
    }
    const talent = listSessions(reader).find((r) => r.hostKind === 'talent')!;
    expect((getRollup(reader, talent.sessionId, STATS_ROLLUP)!.value as { host: { tier: string } }).host.tier).toBe('head');

    // the same shows imported through the console into another engine's store
    const copy = await engineOn(join(dir, 'copy.sqlite'), 'http://127.0.0.1:9');
    const { importId } = await copy.handlers['sessions.importBegin']();
    for (const id of ids) {
      for (let after = 0, done = false; !done; ) {
        const page = exportPage(reader, id, after, 2000);
        if (page.ndjson) await copy.handlers['sessions.importChunk'](importId, page.ndjson);
        after = page.lastSeq;
        done = page.done;
      }
    }
    expect(await copy.handlers['sessions.importCommit'](importId)).toMatchObject({ sessions: 3 });
    const imported = openStore(join(dir, 'copy.sqlite'), { readonly: true });
    cleanups.push(() => void imported.close());
    await until(() => ids.every((id) => isCurrent(imported, id)), 'rollups of the imported shows');
    for (const id of ids) {
      expectCurrentRollups(imported, id);
      expect(getRollup(imported, id, STATS_ROLLUP)!.value).toEqual(getRollup(reader, id, STATS_ROLLUP)!.value);
    }
  });
});
