/**
 * ReplayPlayer: plays one recorded session through a fresh RoomAggregator on a show-time
 * position that advances at `speed` × wall time, pauses, and seeks.
 *
 * Seek: a short forward seek folds only the events between the current position and the
 * target; any other seek restores the nearest aggregator checkpoint at or before the target
 * (electron/fold/session-checkpoints.ts) and folds from there — from the first event when there
 * is none yet. A long fold runs in slices of FOLD_SLICE events with the event loop free in
 * between (progress in `seeking`), into a separate aggregator that replaces the shown one only
 * when complete; a newer seek supersedes it.
 * Which events a position holds is the Timeline's rule (./timeline.ts).
 */
import type Database from 'better-sqlite3';
import { RoomAggregator } from '../../shared/aggregate';
import type { ReplaySpeed } from '../../shared/api/contract';
import type { Marker } from '../../shared/viewmodel/room';
import { FOLD_SLICE, foldStored } from '../fold/fold-stored';
import type { SessionCheckpoints } from '../fold/session-checkpoints';
import type { Timeline } from './timeline';

export interface PlayerOptions {
  /** wall clock in ms (a fake one in tests) */
  now?: () => number;
  /**
   * Alerts that fired while the session was live, oldest first: each is added to the replay's
   * room (RoomAggregator.addAlertMarker, as the live engine did) once the position passes its
   * ts — by the Timeline's rule, so an alert shows with the events it fired after.
   */
  alerts?: Marker[];
  /** the session's checkpoints (a seek then starts from the nearest one) */
  checkpoints?: SessionCheckpoints;
  /** FOLD_ON_EVENTS by default */
  foldOnEvents?: number;
}

/**
 * A forward seek shorter than this many events folds on from the current position: restoring
 * a late checkpoint costs about as much as folding this many events.
 */
export const FOLD_ON_EVENTS = 60_000;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ReplayPlayer {
  private agg: RoomAggregator;
  private appliedSeq = 0;
  private position = 0;
  private playing = false;
  private rate: ReplaySpeed = 1;
  private lastTick = 0;
  private seekGen = 0;
  private seekRunning = 0;
  private closed = false;
  private readonly alerts: Marker[];
  /** how many of `alerts` the shown aggregator holds */
  private alertsIn = 0;
  /** events folded of total while a seek rebuilds; null otherwise */
  seeking: { done: number; total: number } | null = null;
  /** where the last completed seek started its fold, and how many events it folded */
  lastSeek: { from: 'position' | 'checkpoint' | 'start'; events: number } | null = null;
  /** the aggregator was replaced (backward seek): the next publication must carry its whole view */
  replaced = false;
  private readonly now: () => number;
  private readonly checkpoints: SessionCheckpoints | undefined;
  private readonly foldOnEvents: number;

  constructor(
    private readonly db: Database.Database,
    readonly timeline: Timeline,
    opts: PlayerOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.alerts = opts.alerts ?? [];
    this.checkpoints = opts.checkpoints;
    this.foldOnEvents = opts.foldOnEvents ?? FOLD_ON_EVENTS;
    this.agg = new RoomAggregator(opts.checkpoints?.ids);
    this.applyUpTo(timeline.seqAt(0));
    this.alertsIn = this.addDueAlerts(this.agg, 0, 0);
  }

  get aggregator(): RoomAggregator {
    return this.agg;
  }
  get positionMs(): number {
    return this.position;
  }
  get isPlaying(): boolean {
    return this.playing;
  }
  get speed(): ReplaySpeed {
    return this.rate;
  }
  /** seq of the newest event the shown aggregator holds */
  get seq(): number {
    return this.appliedSeq;
  }
  get atEnd(): boolean {
    return this.position >= this.timeline.durationMs;
  }

  /** Play from the position; at the end, from the start again. */
  async play(): Promise<void> {
    if (this.atEnd) await this.seek(0);
    this.playing = true;
    this.lastTick = this.now();
  }

  pause(): void {
    this.tick(); // keep the show time played so far
    this.playing = false;
  }

  setSpeed(speed: ReplaySpeed): void {
    this.tick(); // the time so far at the old speed
    this.rate = speed;
  }

  /**
   * Advance the position by the wall time since the previous tick × speed and apply the events
   * it reaches. Returns whether the position moved.
   */
  tick(): boolean {
    const now = this.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (!this.playing || this.seekRunning > 0 || this.closed || elapsed <= 0) return false;
    this.position = Math.min(this.timeline.durationMs, this.position + elapsed * this.rate);
    if (this.atEnd) this.playing = false;
    this.applyUpTo(this.timeline.seqAt(this.position));
    this.alertsIn = this.addDueAlerts(this.agg, this.alertsIn, this.position);
    return true;
  }

  /**
   * Jump to show time `positionMs` (clamped to the show). Resolves true once the figures are
   * those of that position, false when a newer seek (or close) superseded this one.
   */
  async seek(positionMs: number): Promise<boolean> {
    const gen = ++this.seekGen;
    // whole ms: the position reported is then exactly the one whose events are held
    const target = Math.round(Math.min(this.timeline.durationMs, Math.max(0, positionMs)));
    const targetSeq = this.timeline.seqAt(target);
    const cp = this.checkpoints?.before(targetSeq);
    const ahead = targetSeq >= this.appliedSeq ? this.timeline.countUpTo(targetSeq) - this.timeline.countUpTo(this.appliedSeq) : -1;
    const foldOn = ahead >= 0 && (cp === undefined || cp.seq <= this.appliedSeq || ahead <= this.foldOnEvents);
    const backward = !foldOn; // the shown aggregator is replaced
    const agg = foldOn ? this.agg : cp ? this.checkpoints!.restore(cp.seq) : new RoomAggregator(this.checkpoints?.ids);
    let from = foldOn ? this.appliedSeq : (cp?.seq ?? 0);
    const total = this.timeline.countUpTo(targetSeq) - this.timeline.countUpTo(from);
    this.position = target;
    this.seekRunning++;
    try {
      let done = 0;
      while (from < targetSeq) {
        const r = foldStored(this.db, this.timeline.sessionId, agg, { afterSeq: from, upToSeq: targetSeq, limit: FOLD_SLICE });
        if (r.applied === 0) break;
        from = r.lastSeq;
        done += r.applied;
        if (!backward) this.appliedSeq = from;
        if (from >= targetSeq) break;
        this.seeking = { done, total };
        await yieldToLoop();
        if (gen !== this.seekGen || this.closed) return false;
      }
      if (backward) {
        this.agg = agg;
        this.replaced = true;
        this.alertsIn = 0;
      }
      this.alertsIn = this.addDueAlerts(this.agg, this.alertsIn, target);
      this.appliedSeq = Math.max(from, backward ? 0 : this.appliedSeq);
      this.lastSeek = { from: foldOn ? 'position' : cp ? 'checkpoint' : 'start', events: done };
      return true;
    } finally {
      this.seekRunning--;
      if (gen === this.seekGen) this.seeking = null;
      this.lastTick = this.now();
    }
  }

  close(): void {
    this.closed = true;
    this.playing = false;
    this.seekGen++;
  }

  /** Add the alerts from index `from` whose time the position has passed; returns the new count. */
  private addDueAlerts(agg: RoomAggregator, from: number, positionMs: number): number {
    const cutoff = positionMs >= this.timeline.durationMs ? Infinity : this.timeline.startedAt + positionMs;
    let i = from;
    while (i < this.alerts.length && this.alerts[i]!.ts < cutoff) agg.addAlertMarker(this.alerts[i++]!);
    return i;
  }

  private applyUpTo(seq: number): void {
    if (seq <= this.appliedSeq) return;
    const r = foldStored(this.db, this.timeline.sessionId, this.agg, { afterSeq: this.appliedSeq, upToSeq: seq });
    this.appliedSeq = Math.max(this.appliedSeq, r.lastSeq, seq);
  }
}
