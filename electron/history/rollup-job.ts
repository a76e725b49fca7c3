/**
 * A session's cached rollups — 'stats' (diagnosis, electron/diagnosis/load-stats.ts) and
 * 'figures' (the session list, ./session-summaries.ts) — computed together in one pass over its
 * stored events, at once (after an import) or a slice at a time (the engine's rollup keeper), so
 * that neither a diagnosis nor the session list has to read the events of a finished show.
 * The readers still recompute whatever they find stale; this only makes that rare.
 */
import type Database from 'better-sqlite3';
import { SessionScan } from '../diagnosis/event-scan';
import { STATS_ROLLUP, StatsFeed } from '../diagnosis/load-stats';
import { STATS_VERSION } from '../../shared/diagnosis/types';
import { getSession, putRollup } from '../store/queries';
import { FIGURES_ROLLUP, FiguresFeed } from './session-summaries';

const statements = new WeakMap<Database.Database, Record<'stale' | 'staleOrOld' | 'upto', Database.Statement>>();

function sql(db: Database.Database) {
  let s = statements.get(db);
  if (!s) {
    // ended sessions whose 'stats' or 'figures' rollup is missing or behind the stored events;
    // the variant also finds 'stats' of another layout version (json_extract parses each body:
    // the keeper runs it once, at start)
    const staleWhere = `coalesce(st.upto_seq, -1) < s.last_seq OR coalesce(fi.upto_seq, -1) < s.last_seq`;
    const from = `FROM sessions s
      LEFT JOIN rollups st ON st.session_id = s.session_id AND st.kind = '${STATS_ROLLUP}'
      LEFT JOIN rollups fi ON fi.session_id = s.session_id AND fi.kind = '${FIGURES_ROLLUP}'
      WHERE s.ended_at IS NOT NULL AND`;
    s = {
      stale: db.prepare(`SELECT s.session_id AS sessionId, s.last_seq AS lastSeq ${from} (${staleWhere}) ORDER BY s.ended_at`),
      staleOrOld: db.prepare(
        `SELECT s.session_id AS sessionId, s.last_seq AS lastSeq ${from}
           (${staleWhere} OR json_extract(st.body, '$.version') IS NOT ${STATS_VERSION}) ORDER BY s.ended_at`,
      ),
      upto: db.prepare('SELECT upto_seq FROM rollups WHERE session_id = ? AND kind = ?').pluck(),
    };
    statements.set(db, s);
  }
  return s;
}

export interface StaleSession {
  sessionId: string;
  lastSeq: number;
}

/**
 * Ended sessions whose rollups are missing or older than their stored events, oldest end first.
 * `withVersion` also lists 'stats' rollups of another STATS_VERSION (slower: parses each one).
 */
export function staleEndedSessions(db: Database.Database, withVersion = false): StaleSession[] {
  const s = sql(db);
  return (withVersion ? s.staleOrOld : s.stale).all() as StaleSession[];
}

/** Both rollups of one session up to `upToSeq`, computed in steps. */
export class RollupJob {
  private readonly stats = new StatsFeed();
  private readonly figures = new FiguresFeed();
  private readonly scan: SessionScan;

  constructor(
    private readonly db: Database.Database,
    readonly sessionId: string,
    readonly upToSeq: number,
  ) {
    this.scan = new SessionScan(db, sessionId, upToSeq, [this.stats, this.figures]);
  }

  /** rows read so far */
  get rows(): number {
    return this.scan.rows;
  }

  /** Read up to `maxRows` more rows; true once the session is read up to `upToSeq`. */
  step(maxRows?: number): boolean {
    return this.scan.step(maxRows);
  }

  /**
   * Store both rollups (after the last step), in one transaction. Nothing is stored for a session
   * deleted meanwhile (no orphan rollups), and a rollup a reader stored meanwhile from more
   * events is kept. False when nothing was stored.
   */
  save(): boolean {
    const s = sql(this.db);
    return this.db
      .transaction(() => {
        if (!getSession(this.db, this.sessionId)) return false;
        let stored = false;
        const put = (kind: string, value: () => unknown) => {
          const upto = s.upto.get(this.sessionId, kind) as number | undefined;
          if (upto !== undefined && upto > this.upToSeq) return;
          putRollup(this.db, this.sessionId, kind, this.upToSeq, value());
          stored = true;
        };
        put(STATS_ROLLUP, () => this.stats.finish(this.scan));
        put(FIGURES_ROLLUP, () => this.figures.headline());
        return stored;
      })
      .immediate();
  }
}

/** Compute and store a session's rollups now, up to its last stored seq. False for an unknown session. */
export function refreshRollups(db: Database.Database, sessionId: string): boolean {
  const row = getSession(db, sessionId);
  if (!row) return false;
  const job = new RollupJob(db, sessionId, row.lastSeq);
  job.step();
  return job.save();
}
