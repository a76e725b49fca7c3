/**
 * Session stats from SQLite, cached: each session's SessionStats is stored as the rollup 'stats'
 * keyed by the seq it was computed up to, and recomputed only when the session has grown since
 * (upto_seq < sessions.last_seq) or the cached layout is of another version. So a 30-day window
 * costs one rollup read per session once every session has been computed.
 */
import type Database from 'better-sqlite3';
import { SessionStatsBuilder, STATS_EVENT_TYPES } from '../../shared/diagnosis/session-stats';
import { STATS_VERSION, type SessionStats } from '../../shared/diagnosis/types';
import type { StreamEvent } from '../../shared/protocol/schemas';
import { getRollup, putRollup } from '../store/rollups';
import { SessionScan, type EventFeed } from '../store/session-scan';
import { listSessions, type SessionRow } from '../store/sessions';

export const STATS_ROLLUP = 'stats';

/** Rows read between two progress callbacks of computeStats. */
const PROGRESS_ROWS = 16_384;

export interface LoadProgress {
  /** sessions done / to do (cached ones count as done at once) */
  done: number;
  total: number;
  /** events read so far for sessions that had to be computed */
  events: number;
  /** the session being computed, if any */
  sessionId: string | null;
}

export interface LoadOptions {
  /** only this shop's sessions */
  shopId?: string;
  onProgress?: (p: LoadProgress) => void;
  /** how often, in events, progress is reported while a session is computed (at most every 16,384) */
  progressEvery?: number;
}

/** The cached stats of a session when they are current, else null. */
export function cachedStats(db: Database.Database, row: SessionRow): SessionStats | null {
  const cached = getRollup(db, row.sessionId, STATS_ROLLUP) as { uptoSeq: number; value: unknown } | null;
  if (!cached || cached.uptoSeq < row.lastSeq) return null;
  const v = cached.value as SessionStats | null;
  return v && typeof v === 'object' && v.version === STATS_VERSION ? v : null;
}

/** Feeds the diagnosis stats of one session (the rows of types the stats read). */
export class StatsFeed implements EventFeed {
  private readonly builder = new SessionStatsBuilder();

  wants(type: string): boolean {
    // rows of types the stats never read are not parsed at all (likes, comments… )
    return STATS_EVENT_TYPES.has(type);
  }

  add(event: unknown): void {
    this.builder.add(event as StreamEvent);
  }

  /** The stats; `events` and `lastSeq` count every row the scan read, the skipped types too. */
  finish(scan: Pick<SessionScan, 'rows' | 'lastSeq'>): SessionStats {
    return { ...this.builder.finish(), events: scan.rows, lastSeq: scan.lastSeq };
  }
}

/** Compute one session's stats from its stored events up to `upToSeq`. */
export function computeStats(db: Database.Database, sessionId: string, upToSeq: number, onRows?: (rows: number) => void): SessionStats {
  const feed = new StatsFeed();
  const scan = new SessionScan(db, sessionId, upToSeq, [feed]);
  while (!scan.done) {
    const before = scan.rows;
    scan.step(PROGRESS_ROWS);
    onRows?.(scan.rows - before);
  }
  return feed.finish(scan);
}

/** The stats of every (or one shop's) recorded session, computing and caching the stale ones. */
export function loadSessionStats(db: Database.Database, opts: LoadOptions = {}): SessionStats[] {
  const rows = listSessions(db).filter((r) => opts.shopId === undefined || r.shopId === opts.shopId);
  const every = opts.progressEvery ?? 50_000;
  const out: SessionStats[] = [];
  const progress: LoadProgress = { done: 0, total: rows.length, events: 0, sessionId: null };
  const todo: SessionRow[] = [];
  for (const row of rows) {
    const hit = cachedStats(db, row);
    if (hit) {
      out.push(hit);
      progress.done++;
    } else todo.push(row);
  }
  opts.onProgress?.({ ...progress });
  for (const row of todo) {
    progress.sessionId = row.sessionId;
    let unreported = 0;
    const stats = computeStats(db, row.sessionId, row.lastSeq, (rows) => {
      progress.events += rows;
      unreported += rows;
      if (unreported >= every) {
        unreported = 0;
        opts.onProgress?.({ ...progress });
      }
    });
    if (!db.readonly) putRollup(db, row.sessionId, STATS_ROLLUP, row.lastSeq, stats);
    out.push(stats);
    progress.done++;
    progress.sessionId = null;
    opts.onProgress?.({ ...progress });
  }
  return out;
}
