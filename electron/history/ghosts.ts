/**
 * The ghost curves of a session (issue 15 §2; shared/ghost/curves.ts): the previous ended
 * session of the same room and the median of its last 7, read from stored sessions. A session's
 * curve is its stored rollup 'curve' (computed with the other rollups when a show ends,
 * electron/history/rollup-job.ts); a session without a current one is folded once through the
 * one fold of stored events (electron/fold/fold-stored.ts) and the rollup stored, so a curve is
 * always what the live screen showed during that show.
 */
import type Database from 'better-sqlite3';
import { curveOf, GHOST_SESSIONS, medianCurve, type GhostCurves, type SessionCurve } from '../../shared/ghost/curves';
import { foldSession } from '../fold/fold-stored';
import { getRollup, putRollup } from '../store/rollups';
import { endedSessionsOfRoom, getSession, type SessionRow } from '../store/sessions';

export const CURVE_ROLLUP = 'curve';

function isCurve(v: unknown): v is SessionCurve {
  const c = v as SessionCurve | null;
  return !!c && typeof c === 'object' && Array.isArray(c.online) && Array.isArray(c.gmvCum) && Array.isArray(c.enters) && Array.isArray(c.gmv);
}

/** One stored session's curve: its current rollup, or folded from its events now (and cached). */
export function storedCurve(db: Database.Database, row: SessionRow): SessionCurve {
  const cached = getRollup(db, row.sessionId, CURVE_ROLLUP);
  if (cached && cached.uptoSeq >= row.lastSeq && isCurve(cached.value)) return cached.value;
  const curve = curveOf(row, foldSession(db, row.sessionId, row.lastSeq).view().minutes);
  if (!db.readonly) putRollup(db, row.sessionId, CURVE_ROLLUP, row.lastSeq, curve);
  return curve;
}

/** The previous session of the room and the median of its last 7 (both null without history, or for an unknown session). */
export function ghostCurves(db: Database.Database, sessionId: string): GhostCurves {
  const row = getSession(db, sessionId);
  if (!row || !row.hasStart) return { sessionId, previous: null, median: null };
  const earlier = endedSessionsOfRoom(db, row.roomId, row.startedAt, GHOST_SESSIONS).filter((r) => r.sessionId !== sessionId);
  const curves = earlier.map((r) => storedCurve(db, r));
  return { sessionId, previous: curves[0] ?? null, median: medianCurve(curves) };
}
