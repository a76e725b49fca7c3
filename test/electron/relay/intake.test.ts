import { describe, expect, it } from 'vitest';
import { CommitFailed, Intake } from '../../../electron/relay/intake';
import { listSpoolSessions, openSpool, readSpoolEvents, setSpoolMaxPages, spoolPageCount } from '../../../electron/store/spool/spool';
import { openStore } from '../../../electron/store/open';
import { tempDb } from '../../integration/helpers';
import { comment, sessionStart } from './fixtures';

describe('relay intake', () => {
  it('numbers each session from 1 after its session.start and refuses what would break the stream', async () => {
    const db = openSpool(tempDb('spool.db'));
    const intake = new Intake(db, { now: () => 1_000 });
    const out = await intake.submit([
      { sessionId: 's1', event: comment(0) }, // before the start
      { sessionId: 's1', event: sessionStart('s1') },
      { sessionId: 's1', event: comment(1) },
      { sessionId: 's1', event: { ...comment(2), ts: 5 } },
      { sessionId: 's1', event: { type: 'comment', userId: '', nickname: 'x', text: 'y' } }, // invalid
      { sessionId: 's1', event: sessionStart('s1') }, // a second start
      { sessionId: 's1', event: { ...comment(3), seq: 2 } }, // a re-sent line: duplicate
      { sessionId: 's1', event: { ...comment(4), seq: 9 } }, // a hole
      { sessionId: 's1', event: { ...comment(5), seq: 4 } }, // the next one, numbered by its sender
      { sessionId: 's2', event: sessionStart('other') }, // start naming another session
    ]);
    expect(out.map((o) => (o.ok ? (o.duplicate ? `dup ${o.seq}` : o.seq) : o.reason.split(' ')[0]))).toEqual([
      'session', 1, 2, 3, 'comment', 'session', 'dup 2', 'seq', 4, 'session.start',
    ]);
    const rows = readSpoolEvents(db, 's1', 0, 100).map((r) => JSON.parse(r.body) as { seq: number; ts: number; type: string });
    expect(rows.map((r) => [r.seq, r.type, r.ts])).toEqual([[1, 'session.start', 1000], [2, 'comment', 1000], [3, 'comment', 5], [4, 'comment', 1000]]);
    expect(listSpoolSessions(db)).toMatchObject([{ sessionId: 's1', lastSeq: 4, endedAt: null, roomId: 'room-s1' }]);
    db.close();
  });

  it('continues after the last durable seq when the spool is opened again', async () => {
    const file = tempDb('spool.db');
    let db = openSpool(file);
    await new Intake(db).submit([{ sessionId: 's1', event: sessionStart('s1') }, { sessionId: 's1', event: comment(1) }]);
    db.close();
    db = openSpool(file);
    const again = new Intake(db);
    const out = await again.submit([{ sessionId: 's1', event: comment(2) }, { sessionId: 's1', event: { type: 'session.end', endedAt: 9 } }]);
    expect(out).toEqual([{ ok: true, seq: 3, duplicate: false }, { ok: true, seq: 4, duplicate: false }]);
    expect(again.session('s1')).toMatchObject({ lastSeq: 4, endedAt: 9 });
    db.close();
  });

  it('a full spool stores nothing of the flush and hands out no seq; the next commit after space returns takes the seq that was free', async () => {
    const db = openSpool(tempDb('spool.db'));
    const intake = new Intake(db);
    await intake.submit([{ sessionId: 's1', event: sessionStart('s1') }]);
    setSpoolMaxPages(db, spoolPageCount(db));
    const big = Array.from({ length: 2000 }, (_, i) => ({ sessionId: 's1', event: comment(i) }));
    await expect(intake.submit(big)).rejects.toBeInstanceOf(CommitFailed);
    expect(intake.lastCommitError).toMatch(/disk is full/);
    expect(readSpoolEvents(db, 's1', 0, 10_000)).toHaveLength(1);
    setSpoolMaxPages(db, 1_000_000);
    const out = await intake.submit([{ sessionId: 's1', event: comment(7) }]);
    expect(out).toEqual([{ ok: true, seq: 2, duplicate: false }]);
    db.close();
  });

  it('a spool is not a store and a store is not a spool', () => {
    const spoolFile = tempDb('spool.db');
    openSpool(spoolFile).close();
    expect(() => openStore(spoolFile)).toThrow(/not a Luopan database/);
    const storeFile = tempDb('luopan.db');
    openStore(storeFile).close();
    expect(() => openSpool(storeFile)).toThrow(/not a Luopan relay spool/);
  });
});
