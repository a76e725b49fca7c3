/**
 * The time index of one recorded session: which events a replay at show time P has applied.
 *
 * Rule (the same for play and seek): at position P the replay holds every event up to the last
 * one, in seq order, whose `ts` is before `startedAt + P` — exactly the prefix a live screen had
 * folded at that show time, even where `ts` runs slightly out of order across types. The first
 * event (session.start) is always held, so a screen has the session's info from position 0;
 * at the end (P = duration) every event is held, the after-sale events (days of event time
 * after the show) included.
 *
 * Only seq and ts are kept (16 bytes per event, ~9 MB for a 3-hour show of 560k events); the
 * bodies stay in SQLite and are read when folded.
 */
import type Database from 'better-sqlite3';
import { seqIndex, seqSpan } from '../store/events';
import { getSession } from '../store/sessions';

export interface Timeline {
  sessionId: string;
  roomId: string;
  title: string;
  startedAt: number;
  endedAt: number | null;
  /** show length in ms: endedAt − startedAt, or the newest ts − startedAt for a session that never ended */
  durationMs: number;
  /** number of stored events */
  count: number;
  /** seq of the newest stored event (0 when none) */
  lastSeq: number;
  /** highest seq held at show time `positionMs` (0 when nothing is) */
  seqAt(positionMs: number): number;
  /** how many stored events have a seq ≤ `seq` (progress figures) */
  countUpTo(seq: number): number;
}

/** Read the time index of a stored session; throws a one-line error for an unknown or empty one. */
export function loadTimeline(db: Database.Database, sessionId: string): Timeline {
  const session = getSession(db, sessionId);
  if (!session) throw new Error(`no session "${sessionId.slice(0, 80)}" in the store`);
  const { count } = seqSpan(db, sessionId);
  if (count === 0) throw new Error(`session "${sessionId.slice(0, 80)}" has no stored events`);
  // rows written while we read are left out: the index is a snapshot of `count` events
  const { seqs, ts, count: n } = seqIndex(db, sessionId, count);
  // suffix minimum of ts: the last event with ts < cutoff is the last index whose suffix minimum is < cutoff
  const sufMin = new Float64Array(n);
  let min = Infinity;
  let maxTs = -Infinity;
  for (let k = n - 1; k >= 0; k--) {
    min = Math.min(min, ts[k]!);
    sufMin[k] = min;
    maxTs = Math.max(maxTs, ts[k]!);
  }
  const startedAt = session.startedAt;
  const durationMs = Math.max(0, (session.endedAt ?? maxTs) - startedAt);
  const lastSeq = n > 0 ? seqs[n - 1]! : 0;

  return {
    sessionId,
    roomId: session.roomId,
    title: session.title,
    startedAt,
    endedAt: session.endedAt,
    durationMs,
    count: n,
    lastSeq,
    seqAt(positionMs) {
      if (n === 0) return 0;
      if (positionMs >= durationMs) return lastSeq;
      const cutoff = startedAt + positionMs;
      // sufMin is non-decreasing: binary search the last index with sufMin < cutoff
      let lo = 0;
      let hi = n - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sufMin[mid]! < cutoff) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found < 0 ? seqs[0]! : seqs[found]!;
    },
    countUpTo(seq) {
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (seqs[mid]! <= seq) lo = mid + 1;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}
