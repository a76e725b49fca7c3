/**
 * Keeps the per-session rollups ('stats' for diagnosis, 'figures' for the session list) current
 * in the background, so that a reviewer's first diagnosis of a month of shows reads rollups
 * instead of millions of events.
 *
 * When: the store is looked at every `pollMs` for ended sessions whose rollups are missing or
 * behind their stored events (one small query over the sessions and rollups tables). Such a
 * session is computed
 * - at once when this keeper has not computed it since it ended: the show just ended (the
 *   engine stored `session.end`), it was imported (console or CLI), or it was recorded while
 *   no engine ran (`luopan record`, an older version) — the backlog is filled at start;
 * - again once no event arrived for `quietMs`: after-sale events keep coming after a show and
 *   make the rollup stale; recomputing at every one would read the whole show each time —
 *   or when it has been stale for `maxStaleMs` even though events keep trickling in.
 * Live sessions are left to the readers (their figures change every second).
 *
 * How: one session at a time, in slices of `sliceRows` rows on the engine's own connection
 * (a page of rows per statement, so the connection is free between slices). While events are
 * arriving (`busy()`), slices are `busyPauseMs` apart so the keeper takes a few per cent of the
 * engine thread; when ingest is idle they run back to back. The rollups of a session are
 * written in one short transaction (busy_timeout covers the writer worker's lock).
 */
import type Database from 'better-sqlite3';
import { RollupJob, staleEndedSessions, type StaleSession } from '../history/rollup-job';
import type { Logger } from '../runtime/logger';

export interface RollupKeeperTiming {
  /** how often the store is checked for stale ended sessions, ms (default 2,000) */
  pollMs?: number;
  /** an ended session that went stale again is recomputed after this long without new events, ms (default 60,000) */
  quietMs?: number;
  /** … or after it has been stale this long, events or not, ms (default 600,000) */
  maxStaleMs?: number;
  /** rows read per slice (default 2,048: a few ms) */
  sliceRows?: number;
  /** pause between slices while events are arriving, ms (default 100) */
  busyPauseMs?: number;
}

export interface RollupKeeperOptions extends RollupKeeperTiming {
  db: Database.Database;
  /** whether events are arriving right now (slices are paced then) */
  busy?: () => boolean;
  log?: Logger;
  /** after a session's rollups were stored */
  onSaved?: (sessionId: string, upToSeq: number) => void;
  now?: () => number;
}

interface Seen {
  lastSeq: number;
  /** when lastSeq was last seen to change (or the session first seen) */
  changedAt: number;
  /** since when its rollups are stale; null while they are current */
  staleSince: number | null;
  /** computed by this keeper since it ended */
  computed: boolean;
}

export class RollupKeeper {
  private readonly seen = new Map<string, Seen>();
  private readonly queue: StaleSession[] = [];
  private job: RollupJob | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private sliceTimer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private firstPoll = true;
  private stopped = false;
  private readonly opts: Required<RollupKeeperTiming>;
  private readonly now: () => number;

  constructor(private readonly o: RollupKeeperOptions) {
    this.opts = {
      pollMs: o.pollMs ?? 2_000,
      quietMs: o.quietMs ?? 60_000,
      maxStaleMs: o.maxStaleMs ?? 600_000,
      sliceRows: o.sliceRows ?? 2_048,
      busyPauseMs: o.busyPauseMs ?? 100,
    };
    this.now = o.now ?? Date.now;
  }

  start(): void {
    if (this.pollTimer || this.stopped) return;
    this.pollTimer = setInterval(() => this.poll(), this.opts.pollMs);
    this.pollTimer.unref();
    this.poll();
  }

  /** Stop at once; a session half read is dropped (its rollups are simply not written). */
  stop(): void {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.clearSlice();
    this.job = null;
    this.queue.length = 0;
  }

  /** Sessions queued or being computed. */
  pending(): number {
    return this.queue.length + (this.job ? 1 : 0);
  }

  /** Look at the store now (e.g. right after an import) instead of at the next poll. */
  poll(): void {
    if (this.stopped || !this.o.db.open) return;
    let stale: StaleSession[];
    try {
      stale = staleEndedSessions(this.o.db, this.firstPoll);
      this.firstPoll = false;
    } catch (err) {
      this.o.log?.(`rollups: cannot list stale sessions: ${String(err)}`);
      return;
    }
    const now = this.now();
    const staleIds = new Set<string>();
    for (const s of stale) {
      staleIds.add(s.sessionId);
      let seen = this.seen.get(s.sessionId);
      if (!seen) this.seen.set(s.sessionId, (seen = { lastSeq: s.lastSeq, changedAt: now, staleSince: null, computed: false }));
      if (seen.lastSeq !== s.lastSeq) {
        seen.lastSeq = s.lastSeq;
        seen.changedAt = now;
      }
      seen.staleSince ??= now;
      const due = !seen.computed || now - seen.changedAt >= this.opts.quietMs || now - seen.staleSince >= this.opts.maxStaleMs;
      if (due && this.job?.sessionId !== s.sessionId && !this.queue.some((q) => q.sessionId === s.sessionId)) this.queue.push(s);
    }
    for (const [id, seen] of this.seen) {
      if (staleIds.has(id)) continue;
      seen.staleSince = null;
      // remembered only when computed, so that its next staleness waits for quiet; a session
      // deleted before it was computed is forgotten
      if (!seen.computed && this.job?.sessionId !== id) this.seen.delete(id);
    }
    this.next();
  }

  private next(): void {
    if (this.job || this.stopped) return;
    const s = this.queue.shift();
    if (!s) return;
    this.job = new RollupJob(this.o.db, s.sessionId, s.lastSeq);
    this.scheduleSlice();
  }

  private scheduleSlice(): void {
    if (this.o.busy?.()) this.sliceTimer = setTimeout(() => this.slice(), this.opts.busyPauseMs);
    else this.sliceTimer = setImmediate(() => this.slice());
  }

  private clearSlice(): void {
    if (!this.sliceTimer) return;
    clearTimeout(this.sliceTimer as NodeJS.Timeout);
    clearImmediate(this.sliceTimer as NodeJS.Immediate);
    this.sliceTimer = null;
  }

  private slice(): void {
    this.sliceTimer = null;
    const job = this.job;
    if (!job || this.stopped || !this.o.db.open) return;
    try {
      if (!job.step(this.opts.sliceRows)) return this.scheduleSlice();
      const saved = job.save();
      const seen = this.seen.get(job.sessionId);
      if (seen) {
        seen.computed = true;
        seen.staleSince = null; // events that came during the job start a new wait
      }
      if (saved) this.o.onSaved?.(job.sessionId, job.upToSeq);
    } catch (err) {
      // e.g. the store is busy beyond busy_timeout: the session stays stale and is tried again
      this.o.log?.(`rollups: session ${job.sessionId.slice(0, 60)}: ${String(err)}`);
    }
    this.job = null;
    this.next();
  }
}
