/**
 * A session's cached rollups — 'stats' (diagnosis, electron/diagnosis/load-stats.ts), 'figures'
 * (the session list, ./session-summaries.ts), 'facts' (roll-ups, ./session-facts.ts) and its
 * aggregator checkpoints (the replay's seek, electron/fold/session-checkpoints.ts; marked done by
 * a 'checkpoints' rollup) — computed together in one pass over its stored events, at once (after
 * an import) or a slice at a time (the engine's rollup keeper), so
 * that neither a diagnosis nor the session list has to read the events of a finished show.
 * The readers still recompute whatever they find stale; this only makes that rare.
 */
import type Database from 'better-sqlite3';
import { headlineOf } from '../../shared/aggregate';
import { CHECKPOINT_VERSION } from '../../shared/aggregate/checkpoint';
import { curveOf } from '../../shared/ghost/curves';
import { STATS_VERSION } from '../../shared/diagnosis/types';
import { STATS_ROLLUP, StatsFeed } from '../diagnosis/load-stats';
import { encodeUserIds } from '../fold/checkpoint-codec';
import { CheckpointingFold } from '../fold/session-checkpoints';
import { putCheckpoints } from '../store/checkpoints';
import { endedSessionsWithStaleRollups, putRollup, rollupUptoSeq, type StaleSession } from '../store/rollups';
import { SessionScan } from '../store/session-scan';
import { getSession } from '../store/sessions';
import { CURVE_ROLLUP } from './ghosts';
import { FIGURES_ROLLUP } from './session-summaries';
import { FACTS_ROLLUP } from './session-facts';
import { factsOf } from '../../shared/rollup/rows';

export type { StaleSession } from '../store/rollups';

/**
 * Ended sessions whose rollups are missing or older than their stored events, oldest end first.
 * `withVersion` also lists 'stats' rollups of another STATS_VERSION (slower: parses each one).
 */
export function staleEndedSessions(db: Database.Database, withVersion = false): StaleSession[] {
  return endedSessionsWithStaleRollups(db, [STATS_ROLLUP, FIGURES_ROLLUP, FACTS_ROLLUP, CURVE_ROLLUP, CHECKPOINTS_ROLLUP], withVersion ? { kind: STATS_ROLLUP, version: STATS_VERSION } : undefined);
}

/** The rollup kind that says a session's checkpoints are stored: `{ version, count }`. */
export const CHECKPOINTS_ROLLUP = 'checkpoints';

/** The rollups of one session up to `upToSeq` ('stats', 'figures', 'facts', 'curve', 'checkpoints'), computed in steps. */
export class RollupJob {
  private readonly stats = new StatsFeed();
  private readonly figures = new CheckpointingFold();
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
   * Store the rollups (after the last step), in one transaction. Nothing is stored for a session
   * deleted meanwhile (no orphan rollups), and a rollup a reader stored meanwhile from more
   * events is kept. False when nothing was stored.
   */
  save(): boolean {
    return this.db
      .transaction(() => {
        const row = getSession(this.db, this.sessionId);
        if (!row) return false;
        let stored = false;
        const put = (kind: string, value: () => unknown) => {
          const upto = rollupUptoSeq(this.db, this.sessionId, kind);
          if (upto !== undefined && upto > this.upToSeq) return;
          putRollup(this.db, this.sessionId, kind, this.upToSeq, value());
          stored = true;
        };
        put(STATS_ROLLUP, () => this.stats.finish(this.scan));
        put(FIGURES_ROLLUP, () => headlineOf(this.figures.aggregator.view().figures));
        put(FACTS_ROLLUP, () => factsOf(this.figures.aggregator.view()));
        // the ghost curve (./ghosts.ts) from the same fold
        put(CURVE_ROLLUP, () => curveOf(row, this.figures.aggregator.view().minutes));
        put(CHECKPOINTS_ROLLUP, () => {
          const ids = this.figures.aggregator.userIds.list;
          putCheckpoints(this.db, this.sessionId, CHECKPOINT_VERSION, this.figures.taken, { count: ids.length, body: encodeUserIds(ids) });
          return { version: CHECKPOINT_VERSION, count: this.figures.taken.length };
        });
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
