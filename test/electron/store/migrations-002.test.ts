/**
 * Migration 002 (alerts) on real SQLite files: a fresh store has the table; a file written by
 * the previous version (schema 1, with events) is upgraded in place with every event kept; the
 * alert rows round-trip and go with their session when it is deleted.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertAlert, listAlerts } from '../../../electron/store/alerts';
import { EventWriter } from '../../../electron/store/event-writer';
import * as m001 from '../../../electron/store/migrations/001-initial';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/store/migrations/index';
import { openStore } from '../../../electron/store/open';
import { deleteSession } from '../../../electron/store/sessions';
import { commentRow, startRow, T0, tempDb } from './helpers';

const columns = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/** A store exactly as the schema-1 build left it. */
function writeV1(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    m001.up(db);
    db.pragma('user_version = 1');
  })();
  new EventWriter(db).writeBatch('s1', [startRow('s1'), commentRow(2), commentRow(3)]);
  db.close();
}

describe('migration 002: alerts', () => {
  it('is migration 2 of this build', () => {
    expect(MIGRATIONS[1]).toMatchObject({ version: 2, name: 'alerts' });
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('a fresh store has the alerts table with the agreed columns', () => {
    const db = openStore(tempDb());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(columns(db, 'alerts')).toEqual(['session_id', 'ts', 'rule_id', 'metric', 'value', 'threshold', 'message']);
    db.close();
  });

  it('upgrades a v1 file in place: events, sessions and the v1 columns untouched', () => {
    const file = tempDb();
    writeV1(file);
    const before = new Database(file, { readonly: true });
    const v1Tables = Object.fromEntries(['sessions', 'events', 'rejects', 'gaps', 'rollups', 'kv'].map((t) => [t, columns(before, t)]));
    const v1Events = before.prepare('SELECT * FROM events ORDER BY seq').all();
    expect(before.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'alerts'").pluck().get()).toBe(0);
    before.close();

    // a reader cannot upgrade: it says so instead of failing later
    expect(() => openStore(file, { readonly: true })).toThrow(new RegExp(`schema version 1 needs upgrading to ${SCHEMA_VERSION}`));

    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    for (const [t, cols] of Object.entries(v1Tables)) expect(columns(db, t), t).toEqual(cols);
    expect(db.prepare('SELECT * FROM events ORDER BY seq').all()).toEqual(v1Events);
    expect(v1Events).toHaveLength(3);
    expect(listAlerts(db, 's1')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // opening again does not migrate twice
    const again = openStore(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('stores alerts with their session, lists them in firing order, deletes them with the session', () => {
    const db = openStore(tempDb());
    new EventWriter(db).writeBatch('s1', [startRow('s1')]);
    new EventWriter(db).writeBatch('s2', [startRow('s2')]);
    insertAlert(db, { sessionId: 's1', ts: T0 + 2000, ruleId: 'r2', metric: 'ad_roi', value: 1.2, threshold: 2, message: '支付ROI 1.20 低于保本ROI 2.00' });
    insertAlert(db, { sessionId: 's1', ts: T0 + 1000, ruleId: 'r1', metric: 'online', value: 32.5, threshold: 30, message: 'drop' });
    insertAlert(db, { sessionId: 's2', ts: T0, ruleId: 'r1', metric: 'plan_roi:p1', value: 1, threshold: 2, message: 'plan' });
    expect(listAlerts(db, 's1').map((a) => [a.ruleId, a.ts, a.value, a.screen])).toEqual([
      ['r1', T0 + 1000, 32.5, 'live'],
      ['r2', T0 + 2000, 1.2, 'ad'],
    ]);
    expect(listAlerts(db, 's2')[0]).toEqual({ sessionId: 's2', ts: T0, ruleId: 'r1', metric: 'plan_roi:p1', value: 1, threshold: 2, message: 'plan', screen: 'ad' });
    expect(deleteSession(db, 's1')).toBe(true);
    expect(listAlerts(db, 's1')).toEqual([]);
    expect(listAlerts(db, 's2')).toHaveLength(1);
    db.close();
  });
});
