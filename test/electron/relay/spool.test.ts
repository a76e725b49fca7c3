/** The spool's retention: ended sessions past the cut-off go with their events, aliases, orders and handled keys; live ones stay. */
import { describe, expect, it } from 'vitest';
import { Intake } from '../../../electron/relay/intake';
import { hasSeen, listSpoolSessions, openSpool, orderSession, pruneSpool, readSpoolEvents, sessionsByAlias } from '../../../electron/store/spool/spool';
import { tempDb } from '../../integration/helpers';
import { comment, sessionStart } from './fixtures';

describe('pruneSpool', () => {
  it('deletes ended sessions older than the cut-off and everything of theirs, never a live one', async () => {
    const db = openSpool(tempDb('spool.db'));
    const intake = new Intake(db);
    const day = 86_400_000;
    const now = Date.now();
    await intake.submit(
      [
        { sessionId: 'old', event: sessionStart('old', 'room-old') },
        { sessionId: 'old', event: comment(1) },
        { sessionId: 'old', event: { type: 'session.end', endedAt: now - 10 * day } },
        { sessionId: 'recent', event: sessionStart('recent', 'room-recent') },
        { sessionId: 'recent', event: { type: 'session.end', endedAt: now - 2 * day } },
        { sessionId: 'live', event: sessionStart('live', 'room-live') },
      ],
      { orders: [{ orderId: 'o1', sessionId: 'old', parentId: 'p1' }], seen: [{ input: 'doudian', key: 'm1' }] },
    );
    expect(pruneSpool(db, now - 7 * day)).toBe(1);
    expect(listSpoolSessions(db).map((s) => s.sessionId).sort()).toEqual(['live', 'recent']);
    expect(readSpoolEvents(db, 'old', 0, 10)).toEqual([]);
    expect(sessionsByAlias(db, 'room-old')).toEqual([]);
    expect(orderSession(db, 'o1')).toBeNull();
    expect(hasSeen(db, 'doudian', 'm1')).toBe(true); // handled just now: kept
    expect(pruneSpool(db, Date.now() + 60_000)).toBe(1); // 'recent' too; 'live' never
    expect(listSpoolSessions(db).map((s) => s.sessionId)).toEqual(['live']);
    expect(hasSeen(db, 'doudian', 'm1')).toBe(false);
    db.close();
  });
});
