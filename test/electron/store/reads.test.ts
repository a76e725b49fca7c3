/**
 * queries.ts on a real store: session list (search, time range, limit, newest first), session
 * lookup, event iteration ranges, delete in one transaction, rollups and kv.
 */
import { describe, expect, it } from 'vitest';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { eventsOf } from '../../../electron/store/events';
import { getKv, putKv } from '../../../electron/store/kv';
import { getRollup, putRollup } from '../../../electron/store/rollups';
import { deleteSession, getSession, listSessions } from '../../../electron/store/sessions';
import { commentRows, startBody, T0, tempDb } from './helpers';

const HOUR = 3_600_000;

function store() {
  const db = openStore(tempDb());
  const w = new EventWriter(db);
  const start = (id: string, at: number, title: string, host: string) => ({
    seq: 1, ts: at, type: 'session.start',
    body: startBody(id, { ts: at, startedAt: at, title, host: { id: host, name: host, kind: 'self' } }),
  });
  w.writeBatch('morning', [start('morning', T0, '早场 护肤专场', '小王'), ...commentRows(2, 20)], [{ seq: 21, reason: 'invalid_event', detail: 'd', at: T0 }], [{ from: 22, to: 30 }]);
  w.writeBatch('noon', [start('noon', T0 + 4 * HOUR, '午场 Snacks', '小李'), ...commentRows(2, 5)]);
  w.writeBatch('night', [start('night', T0 + 12 * HOUR, '晚场 大促', '小王')]);
  return db;
}

describe('queries', () => {
  it('listSessions: newest first; search in title / host / room / id, case-insensitive; time range; limit', () => {
    const db = store();
    expect(listSessions(db).map((s) => s.sessionId)).toEqual(['night', 'noon', 'morning']);
    expect(listSessions(db, { search: '小王' }).map((s) => s.sessionId)).toEqual(['night', 'morning']);
    expect(listSessions(db, { search: 'snacks' }).map((s) => s.sessionId)).toEqual(['noon']);
    expect(listSessions(db, { search: 'room-noon' }).map((s) => s.sessionId)).toEqual(['noon']);
    expect(listSessions(db, { search: '  ' }).length).toBe(3);
    expect(listSessions(db, { search: '%' })).toEqual([]); // no LIKE wildcards
    expect(listSessions(db, { from: T0 + HOUR, to: T0 + 12 * HOUR }).map((s) => s.sessionId)).toEqual(['noon']);
    expect(listSessions(db, { limit: 2 }).map((s) => s.sessionId)).toEqual(['night', 'noon']);
    expect(getSession(db, 'morning')).toMatchObject({ title: '早场 护肤专场', hostKind: 'self', lastSeq: 30, events: 20, endedAt: null });
    expect(getSession(db, 'missing')).toBeNull();
    db.close();
  });

  it('eventsOf: seq order, afterSeq / upToSeq bounds', () => {
    const db = store();
    expect([...eventsOf(db, 'morning')].map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect([...eventsOf(db, 'morning', { afterSeq: 5, upToSeq: 8 })].map((r) => r.seq)).toEqual([6, 7, 8]);
    expect([...eventsOf(db, 'missing')]).toEqual([]);
    db.close();
  });

  it('deleteSession removes the session with its events, rejects, gaps and rollups; false when unknown', () => {
    const db = store();
    putRollup(db, 'morning', 'figures', 30, { gmv: 1 });
    expect(deleteSession(db, 'morning')).toBe(true);
    for (const table of ['sessions', 'events', 'rejects', 'gaps', 'rollups']) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE session_id = 'morning'`).pluck().get()).toBe(0);
    }
    expect(listSessions(db).map((s) => s.sessionId)).toEqual(['night', 'noon']);
    expect([...eventsOf(db, 'noon')]).toHaveLength(5);
    expect(deleteSession(db, 'morning')).toBe(false);
    db.close();
  });

  it('rollups: null when missing, replaced on put, a damaged entry is a miss', () => {
    const db = store();
    expect(getRollup(db, 'noon', 'figures')).toBeNull();
    putRollup(db, 'noon', 'figures', 3, { gmv: 100, gpm: null });
    putRollup(db, 'noon', 'figures', 5, { gmv: 200, gpm: null });
    expect(getRollup(db, 'noon', 'figures')).toEqual({ uptoSeq: 5, value: { gmv: 200, gpm: null } });
    db.prepare("UPDATE rollups SET body = '{broken' WHERE session_id = 'noon'").run();
    expect(getRollup(db, 'noon', 'figures')).toBeNull();
    db.close();
  });

  it('kv: JSON values round trip; missing or damaged values read as null', () => {
    const db = store();
    expect(getKv(db, 'settings')).toBeNull();
    putKv(db, 'settings', { locale: 'en', breakEvenRoi: 2.5 });
    expect(getKv(db, 'settings')).toEqual({ locale: 'en', breakEvenRoi: 2.5 });
    putKv(db, 'settings', ['replaced']);
    expect(getKv(db, 'settings')).toEqual(['replaced']);
    db.prepare("UPDATE kv SET value = 'not json' WHERE key = 'settings'").run();
    expect(getKv(db, 'settings')).toBeNull();
    db.close();
  });
});
