/**
 * Retention on a real SQLite file: sessions that ended longer ago than the setting are deleted
 * with everything recorded for them; newer ones, live ones and a setting of 0 keep everything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteExpiredSessions, startRetention } from '../../../electron/history/retention';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { listSessions } from '../../../electron/store/sessions';
import { DAY_MS, recordShows } from './sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** shows ended 1, 5 and 20 days ago, plus one live session that started 40 days ago */
function fixture(name: string) {
  const file = join(dir, `${name}.sqlite`);
  const [d1, d5, d20] = recordShows(file, [{ roomIndex: 0, daysAgo: 1 }, { roomIndex: 1, daysAgo: 5 }, { roomIndex: 0, daysAgo: 20 }]);
  const db = openStore(file);
  const start = Date.now() - 40 * DAY_MS;
  new EventWriter(db).writeBatch('live-1', [
    { seq: 1, ts: start, type: 'session.start', body: JSON.stringify({ seq: 1, ts: start, type: 'session.start', sessionId: 'live-1', roomId: 'r', title: 't', startedAt: start, host: { id: 'h', name: 'n', kind: 'self' }, shop: { id: 's', name: 's', category: 'home', tier: 'L1' } }) },
  ]);
  return { db, ids: { d1: d1!, d5: d5!, d20: d20! } };
}

const count = (db: ReturnType<typeof openStore>, table: string, id: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_id = ?`).get(id) as { n: number }).n;

describe('retention', () => {
  it('deletes sessions ended before the cutoff, with their events and rollups; keeps newer and live ones', () => {
    const { db, ids } = fixture('a');
    expect(count(db, 'events', ids.d20)).toBeGreaterThan(100);
    db.prepare("INSERT INTO rollups (session_id, kind, upto_seq, body) VALUES (?, 'figures', 1, '{}')").run(ids.d20);
    const deleted = deleteExpiredSessions(db, 7);
    expect(deleted).toEqual([ids.d20]);
    for (const t of ['events', 'rollups', 'sessions']) expect(count(db, t, ids.d20)).toBe(0);
    const left = listSessions(db).map((s) => s.sessionId).sort();
    expect(left).toEqual([ids.d1, ids.d5, 'live-1'].sort());
    expect(count(db, 'events', ids.d5)).toBeGreaterThan(100);
    // the live session is 40 days old but has not ended: never deleted
    expect(deleteExpiredSessions(db, 2)).toEqual([ids.d5]);
    expect(listSessions(db).map((s) => s.sessionId).sort()).toEqual([ids.d1, 'live-1'].sort());
    db.close();
  });

  it('0 days keeps everything; a run reads the current setting each time and reports deletions', () => {
    const { db, ids } = fixture('b');
    expect(deleteExpiredSessions(db, 0)).toEqual([]);
    let days = 0;
    const told: string[][] = [];
    const timer = startRetention(db, { retentionDays: () => days, onDeleted: (d) => told.push(d), intervalMs: 60_000 });
    expect(listSessions(db)).toHaveLength(4);
    days = 3;
    expect(timer.runNow().sort()).toEqual([ids.d5, ids.d20].sort());
    expect(told).toEqual([expect.arrayContaining([ids.d5, ids.d20])]);
    expect(timer.runNow()).toEqual([]);
    timer.stop();
    db.close();
  });

  it('runs at start and again on its interval', async () => {
    const { db, ids } = fixture('c');
    const told: string[][] = [];
    let now = Date.now();
    const timer = startRetention(db, { retentionDays: () => 10, onDeleted: (d) => told.push(d), intervalMs: 50, now: () => now });
    expect(told).toEqual([[ids.d20]]);
    now += 6 * DAY_MS; // 6 days later the 5-day-old show is 11 days old
    await new Promise((r) => setTimeout(r, 120));
    timer.stop();
    expect(told[1]).toEqual([ids.d5]);
    db.close();
  });
});
