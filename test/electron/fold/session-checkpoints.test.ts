/**
 * A session's checkpoints on a real SQLite file: the rollup job stores them (with the user ids),
 * the background build makes the same ones in memory, every one restored and folded on gives the
 * figures of one fold from the first event, and they go with their session when it is deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldSession, foldStored } from '../../../electron/fold/fold-stored';
import { CHECKPOINT_MAX_EVENTS, SessionCheckpoints } from '../../../electron/fold/session-checkpoints';
import { refreshRollups } from '../../../electron/history/rollup-job';
import { checkpointList } from '../../../electron/store/checkpoints';
import { deleteSession } from '../../../electron/store/sessions';
import { CHECKPOINT_VERSION } from '../../../shared/aggregate/checkpoint';
import { recordShow, type Recorded } from '../replay/recorded';

let rec: Recorded;
beforeAll(() => {
  rec = recordShow(40, { seed: 5, keepEvents: false });
});
afterAll(() => rec.db.close());

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('session checkpoints', () => {
  it('none before the rollup: built in memory, in the background, on the schedule', async () => {
    const cps = SessionCheckpoints.load(rec.db, rec.sessionId);
    expect(cps.count).toBe(0);
    const lastSeq = (rec.db.prepare('SELECT max(seq) FROM events').pluck().get() as number);
    let slices = 0;
    await cps.build(lastSeq, () => (slices++, immediate()));
    expect(slices).toBeGreaterThan(1); // it let the event loop run
    expect(cps.count).toBeGreaterThanOrEqual(3);
    expect(cps.builtTo).toBe(lastSeq);
  });

  it('the rollup stores them; the build and the store agree; each restores to the right figures', () => {
    const built = SessionCheckpoints.load(rec.db, rec.sessionId);
    expect(refreshRollups(rec.db, rec.sessionId)).toBe(true);
    const stored = checkpointList(rec.db, rec.sessionId, CHECKPOINT_VERSION);
    expect(stored.length).toBeGreaterThanOrEqual(3);
    // consecutive checkpoints are at most the schedule's bound apart
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.seq - stored[i - 1]!.seq).toBeLessThanOrEqual(CHECKPOINT_MAX_EVENTS);
    expect(built.count).toBe(0);

    const cps = SessionCheckpoints.load(rec.db, rec.sessionId);
    expect(cps.count).toBe(stored.length);
    const whole = foldSession(rec.db, rec.sessionId).view();
    for (const { seq } of stored) {
      const agg = cps.restore(seq);
      expect(agg.view()).toEqual(foldSession(rec.db, rec.sessionId, seq).view());
      foldStored(rec.db, rec.sessionId, agg, { afterSeq: seq });
      expect(agg.view()).toEqual(whole);
    }
    expect(cps.before(stored[1]!.seq + 1)).toEqual({ seq: stored[1]!.seq });
    expect(cps.before(stored[0]!.seq - 1)).toBeUndefined();
  });

  it('go with their session when it is deleted', () => {
    expect(deleteSession(rec.db, rec.sessionId)).toBe(true);
    expect(checkpointList(rec.db, rec.sessionId, CHECKPOINT_VERSION)).toEqual([]);
    expect(rec.db.prepare('SELECT count(*) FROM checkpoint_users').pluck().get()).toBe(0);
  });
});
