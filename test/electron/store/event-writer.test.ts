/**
 * EventWriter on a real SQLite file: one transaction per batch, at-least-once re-delivery
 * deduplicated and counted, lastSeq = highest contiguous seq stored / rejected-with-seq /
 * gap-covered (also after a restart), sessions rows from session.start / session.end, and a
 * failed batch (disk full) that leaves nothing behind and succeeds later.
 */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../electron/store/errors';
import { columnsOf } from '../../../electron/store/event-columns';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { eventsOf } from '../../../electron/store/events';
import { getSession } from '../../../electron/store/sessions';
import { commentRow, commentRows, startRow, T0, tempDb } from './helpers';

const count = (db: ReturnType<typeof openStore>, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;

describe('EventWriter', () => {
  it('stores rows exactly as given and fills the sessions row from session.start / session.end', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    const rows = [startRow('s1'), ...commentRows(2, 5)];
    expect(w.writeBatch('s1', rows)).toEqual({ inserted: 5, duplicates: 0, lastSeq: 5 });
    expect([...eventsOf(db, 's1')]).toEqual(rows);
    const end = { seq: 6, ts: T0 + 3_600_000, type: 'session.end', body: JSON.stringify({ seq: 6, ts: T0 + 3_600_000, type: 'session.end', endedAt: T0 + 3_600_000 }) };
    w.writeBatch('s1', [end]);
    expect(getSession(db, 's1')).toEqual({
      sessionId: 's1', roomId: 'room-s1', title: '直播 s1', shopId: 'shop1', hostId: 'h1', hostName: '主播甲', hostKind: 'talent',
      startedAt: T0, endedAt: T0 + 3_600_000, lastSeq: 6, events: 6, hasStart: true,
    });
    db.close();
  });

  it('re-delivery stores nothing twice and counts duplicates', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    w.writeBatch('s1', [startRow('s1'), ...commentRows(2, 100)]);
    expect(w.writeBatch('s1', commentRows(50, 150))).toEqual({ inserted: 50, duplicates: 51, lastSeq: 150 });
    expect(w.writeBatch('s1', commentRows(2, 150))).toEqual({ inserted: 0, duplicates: 149, lastSeq: 150 });
    expect(count(db, 'SELECT count(*) FROM events')).toBe(150);
    expect(getSession(db, 's1')?.events).toBe(150);
    db.close();
  });

  it('lastSeq stops at a hole and jumps when it is filled; rejects with a seq and gaps count as covered', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    expect(w.writeBatch('s1', [startRow('s1'), ...commentRows(2, 10), ...commentRows(21, 30)]).lastSeq).toBe(10);
    // 11 rejected (counts as delivered), 12..15 a gap, 16..20 still missing
    expect(w.writeBatch('s1', [], [{ seq: 11, reason: 'invalid_event', detail: 'comment text: expected string', at: T0 }], [{ from: 12, to: 15 }]).lastSeq).toBe(15);
    expect(w.writeBatch('s1', commentRows(16, 20)).lastSeq).toBe(30);
    expect(w.lastSeqs()).toEqual({ s1: 30 });
    expect(count(db, 'SELECT last_seq FROM sessions')).toBe(30);
    expect(db.prepare('SELECT from_seq, to_seq FROM gaps').raw().all()).toEqual([[12, 15]]);
    expect(db.prepare('SELECT seq, reason FROM rejects').raw().all()).toEqual([[11, 'invalid_event']]);
    db.close();
  });

  it('a bad_envelope reject (no seq) is recorded and moves nothing; a re-delivered reject is not recorded twice', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    w.writeBatch('s1', [startRow('s1')], [{ seq: null, reason: 'bad_envelope', detail: 'seq: expected number', at: T0 }]);
    expect(w.writeBatch('s1', [], [{ seq: 2, reason: 'invalid_event', detail: 'd', at: T0 }]).lastSeq).toBe(2);
    expect(w.writeBatch('s1', [], [{ seq: 2, reason: 'invalid_event', detail: 'd', at: T0 }]).lastSeq).toBe(2);
    expect(db.prepare('SELECT seq, reason FROM rejects ORDER BY rowid').raw().all()).toEqual([[null, 'bad_envelope'], [2, 'invalid_event']]);
    db.close();
  });

  it('a session whose session.start never arrived still gets a row (start = first event time)', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    w.writeBatch('s2', [commentRow(2)], [{ seq: 1, reason: 'invalid_event', detail: 'bad start', at: T0 }]);
    expect(getSession(db, 's2')).toMatchObject({ sessionId: 's2', hasStart: false, roomId: '', startedAt: commentRow(2).ts, lastSeq: 2, events: 1 });
    db.close();
  });

  it('a new writer on the same file resumes contiguity from the database, holes included', () => {
    const file = tempDb();
    const db = openStore(file);
    const w = new EventWriter(db);
    w.writeBatch('a', [startRow('a'), ...commentRows(2, 5), ...commentRows(8, 9)], [], [{ from: 20, to: 25 }]);
    w.writeBatch('b', [startRow('b'), ...commentRows(2, 3)]);
    db.close();
    const db2 = openStore(file);
    const w2 = new EventWriter(db2);
    expect(w2.lastSeqs()).toEqual({ a: 5, b: 3 });
    // filling 6..7 reaches the stored 8..9; 10..19 fills up to the gap 20..25
    expect(w2.writeBatch('a', commentRows(6, 7)).lastSeq).toBe(9);
    expect(w2.writeBatch('a', commentRows(10, 19)).lastSeq).toBe(25);
    db2.close();
  });

  it('out-of-order rows within a batch are fine', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    expect(w.writeBatch('s', [commentRow(3), startRow('s'), commentRow(2)]).lastSeq).toBe(3);
    db.close();
  });

  it('disk full: the batch fails as disk_full with nothing half-written, and succeeds once there is room', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    w.writeBatch('s1', [startRow('s1'), ...commentRows(2, 10)]);
    const pages = count(db, 'PRAGMA page_count');
    db.pragma(`max_page_count = ${pages + 2}`); // room for a few rows, not for 5,000
    let err: unknown;
    try {
      w.writeBatch('s1', commentRows(11, 5010));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('disk_full');
    expect((err as StoreError).message).toMatch(/disk is full/);
    expect(count(db, 'SELECT count(*) FROM events')).toBe(10);
    expect(count(db, 'SELECT last_seq FROM sessions')).toBe(10);
    expect(w.lastSeqs()).toEqual({ s1: 10 });
    db.pragma('max_page_count = 1073741823');
    expect(w.writeBatch('s1', commentRows(11, 5010))).toEqual({ inserted: 5000, duplicates: 0, lastSeq: 5010 });
    db.close();
  });

  it('a capped database (PRAGMA max_page_count, as a full disk) fails the write', () => {
    const db = openStore(tempDb());
    const pages = count(db, 'PRAGMA page_count');
    db.pragma(`max_page_count = ${pages + 1}`);
    const w = new EventWriter(db);
    expect(() => w.writeBatch('s1', commentRows(1, 2000))).toThrow(/disk is full/);
    db.close();
  });

  it('writeColumns stores exactly what writeBatch stores; columns of different lengths are refused whole', () => {
    const byRows = openStore(tempDb());
    const byCols = openStore(tempDb());
    const rows = [startRow('s1'), ...commentRows(2, 70), ...commentRows(75, 80)];
    const gaps = [{ from: 71, to: 72 }];
    const rejects = [{ seq: 73, reason: 'invalid_event', detail: 'd', at: T0 }];
    const a = new EventWriter(byRows).writeBatch('s1', rows, rejects, gaps);
    const w = new EventWriter(byCols);
    expect(w.writeColumns('s1', columnsOf(rows), rejects, gaps)).toEqual(a);
    expect(a.lastSeq).toBe(73);
    const dump = (db: ReturnType<typeof openStore>) => [
      [...eventsOf(db, 's1')], getSession(db, 's1'), db.prepare('SELECT seq, reason FROM rejects').raw().all(),
    ];
    expect(dump(byCols)).toEqual(dump(byRows));
    const bad = columnsOf(commentRows(74, 74));
    bad.bodies = [...(bad.bodies as string[]), '{}'];
    expect(() => w.writeColumns('s1', bad)).toThrow(/different lengths/);
    const badType = columnsOf(commentRows(74, 74));
    badType.types = { names: badType.types.names, codes: Uint32Array.from([1]) };
    expect(() => w.writeColumns('s1', badType)).toThrow(/outside its names/);
    expect(count(byCols, 'SELECT count(*) FROM events WHERE seq = 74')).toBe(0);
    byRows.close();
    byCols.close();
  });

  it('writeColumns with the bodies as spans of UTF-8 bytes stores each span exactly, as TEXT; spans outside the bytes are refused whole', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    // 70 rows: two 32-row statements and a tail of single rows; bodies with CJK, emoji, escapes
    const rows = [startRow('s1'), ...Array.from({ length: 68 }, (_, i) => commentRow(i + 2, `第${i}条 评论 😀`)), { seq: 70, ts: T0, type: 'comment', body: '{"seq":70,"text":"😀 \\u2028 \\"x\\" 中"}' }];
    const text = `2/live,["batch",{"events":[${rows.map((r) => r.body).join(', ')}]}]`;
    const bytes = Buffer.from(text);
    const spans: number[] = [];
    for (const r of rows) {
      const at = bytes.indexOf(Buffer.from(r.body));
      spans.push(at, at + Buffer.byteLength(r.body));
    }
    const cols = { ...columnsOf(rows), bodies: { bytes, spans: Uint32Array.from(spans) } };
    expect(w.writeColumns('s1', cols)).toEqual({ inserted: 70, duplicates: 0, lastSeq: 70 });
    expect([...eventsOf(db, 's1')]).toEqual(rows);
    expect(db.prepare("SELECT count(*) FROM events WHERE typeof(body) = 'text'").pluck().get()).toBe(70);
    expect(getSession(db, 's1')?.hostName).toBe('主播甲'); // session.start read from its span
    // the same rows again: duplicates, counted as such
    expect(w.writeColumns('s1', cols)).toEqual({ inserted: 0, duplicates: 70, lastSeq: 70 });
    const outside = { ...columnsOf(commentRows(71, 71)), bodies: { bytes: Buffer.from('{}'), spans: Uint32Array.from([0, 3]) } };
    expect(() => w.writeColumns('s1', outside)).toThrow(/outside its bytes/);
    expect(count(db, 'SELECT count(*) FROM events')).toBe(70);
    db.close();
  });

});
