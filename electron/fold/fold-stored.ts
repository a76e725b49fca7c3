/**
 * Folding a session's stored events into a RoomAggregator: SessionScan (the one reader of
 * stored events) feeding StoredFold (the one fold policy, shared/aggregate/fold.ts). The engine's
 * rebuild of live rooms, the replay and the session list's headline figures all fold this way,
 * so their figures are the live screen's by construction.
 */
import type Database from 'better-sqlite3';
import { RoomAggregator, StoredFold } from '../../shared/aggregate';
import { SessionScan } from '../store/session-scan';

/** Events folded per synchronous slice: ~20–40 ms of work, so a long rebuild stays responsive. */
export const FOLD_SLICE = 20_000;

export interface FoldRange {
  /** fold events with seq > afterSeq (default 0: from the first) */
  afterSeq?: number;
  /** … and seq ≤ upToSeq (default: every stored event) */
  upToSeq?: number;
  /** at most this many events (default: no limit) */
  limit?: number;
}

/**
 * Apply the stored events of `range` to `aggregator` in seq order, at once. Returns the seq of
 * the last event read (afterSeq when none) and how many were read.
 */
export function foldStored(
  db: Database.Database,
  sessionId: string,
  aggregator: RoomAggregator,
  range: FoldRange = {},
): { lastSeq: number; applied: number } {
  const scan = new SessionScan(db, sessionId, range.upToSeq ?? Number.MAX_SAFE_INTEGER, [new StoredFold(aggregator)], range.afterSeq ?? 0);
  scan.step(range.limit);
  return { lastSeq: scan.lastSeq, applied: scan.rows };
}

/** A session's events folded into a fresh aggregator. */
export function foldSession(db: Database.Database, sessionId: string, upToSeq?: number): RoomAggregator {
  const agg = new RoomAggregator();
  foldStored(db, sessionId, agg, { upToSeq });
  return agg;
}
