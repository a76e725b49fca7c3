/**
 * A session's aggregator checkpoints, for folds that start from the nearest one instead of the
 * first event (the replay's seek; anything that needs the figures at a minute).
 *
 * Where they come from:
 * - a finished session's are stored by its rollup job (electron/history/rollup-job.ts runs a
 *   CheckpointingFold in the same pass as its other rollups), and `load` reads their list — the
 *   bodies are read one at a time, when restored;
 * - a session without stored ones (still live, or recorded before they existed) gets them in
 *   memory from `build`, a background fold a slice at a time.
 *
 * Schedule: one every CHECKPOINT_EVERY_MS of show time or CHECKPOINT_MAX_EVENTS events, whichever
 * comes first — so a restore is followed by at most that many events of fold (a fold from the
 * store runs at ~250–400k events/s: ≤ ~50 ms), whatever the event rate of the show. Every
 * KEYFRAME_EVERY-th is a keyframe, the others deltas on the keyframe before them
 * (shared/aggregate/checkpoint.ts): restoring one reads at most two bodies, and the chain of an
 * 8-hour show costs a fraction of its events' bytes.
 */
import type Database from 'better-sqlite3';
import { RoomAggregator, StoredFold } from '../../shared/aggregate';
import { CHECKPOINT_VERSION, CheckpointTaker, restore, type Checkpoint } from '../../shared/aggregate/checkpoint';
import { UserIds } from '../../shared/aggregate/users';
import { checkpointBody, checkpointList, checkpointUsers, type StoredCheckpoint } from '../store/checkpoints';
import { SessionScan } from '../store/session-scan';
import { decodeCheckpoint, decodeUserIds, deserializeCheckpoint, encodeCheckpoint, inflateCheckpoint } from './checkpoint-codec';
import { FOLD_SLICE } from './fold-stored';

export const CHECKPOINT_EVERY_MS = 2 * 60_000;
export const CHECKPOINT_MAX_EVENTS = 12_000;
export const KEYFRAME_EVERY = 16;

/** StoredFold that also takes an encoded checkpoint on the schedule above. */
export class CheckpointingFold extends StoredFold {
  readonly taken: StoredCheckpoint[] = [];
  private readonly taker = new CheckpointTaker();
  private events = 0;
  private lastAt = -1;

  /** `aggregator` may be one restored from a checkpoint: the fold goes on from it, starting with a keyframe. */
  constructor(aggregator: RoomAggregator = new RoomAggregator(new UserIds()), private count = 0) {
    super(aggregator);
  }

  override add(body: unknown, seq?: number): void {
    super.add(body);
    this.events++;
    const clock = this.aggregator.clockMs;
    if (this.lastAt < 0 && clock > 0) this.lastAt = clock;
    if (this.events >= CHECKPOINT_MAX_EVENTS || (this.lastAt >= 0 && clock - this.lastAt >= CHECKPOINT_EVERY_MS)) this.take(seq);
  }

  /** Take a checkpoint now (after the event `seq`, the aggregator's newest by default). */
  take(seq?: number): void {
    const cp = this.count++ % KEYFRAME_EVERY === 0 ? this.taker.keyframe(this.aggregator, seq) : this.taker.delta(this.aggregator, seq);
    this.taken.push({ seq: cp.seq, users: cp.users, base: cp.base ?? null, body: encodeCheckpoint(cp) });
    this.events = 0;
    this.lastAt = this.aggregator.clockMs;
  }
}

interface Entry {
  seq: number;
  users: number;
  base: number | null;
  /** in memory (built); undefined = in the store */
  body?: Buffer;
}

/** Keyframes kept inflated: consecutive seeks often land on the same one. */
const KEYFRAMES_CACHED = 2;

export class SessionCheckpoints {
  private readonly entries: Entry[] = [];
  private readonly bySeq = new Map<number, Entry>();
  private readonly inflated = new Map<number, Buffer>();
  private building = false;
  private stopped = false;
  /** seq up to which `build` has folded (0 before it ran; the last stored one's seq after `load`) */
  builtTo = 0;

  private constructor(
    private readonly db: Database.Database,
    readonly sessionId: string,
    /** the session's user ids in fold order, shared by every aggregator restored from here */
    readonly ids: UserIds,
  ) {}

  /** The stored checkpoints of a session (none when it has none of this version). */
  static load(db: Database.Database, sessionId: string): SessionCheckpoints {
    const list = checkpointList(db, sessionId, CHECKPOINT_VERSION);
    const users = list.length ? checkpointUsers(db, sessionId) : undefined;
    if (!users || users.count < list[list.length - 1]!.users) return new SessionCheckpoints(db, sessionId, new UserIds());
    const cps = new SessionCheckpoints(db, sessionId, new UserIds(decodeUserIds(users.body, users.count)));
    for (const e of list) cps.add(e);
    cps.builtTo = list[list.length - 1]!.seq;
    return cps;
  }

  get count(): number {
    return this.entries.length;
  }

  /** the checkpoint with the greatest seq ≤ `seq`, if any */
  before(seq: number): { seq: number } | undefined {
    let lo = 0;
    let hi = this.entries.length - 1;
    let found: Entry | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.seq <= seq) {
        found = this.entries[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && { seq: found.seq };
  }

  /** A fresh aggregator in the state of the checkpoint at `seq` (one `before` returned). */
  restore(seq: number): RoomAggregator {
    const e = this.bySeq.get(seq);
    if (!e) throw new Error(`no checkpoint at seq ${seq}`);
    if (e.base === null) return restore(this.keyframe(e), this.ids);
    const key = this.bySeq.get(e.base);
    if (!key) throw new Error(`checkpoint at seq ${seq}: its keyframe at seq ${e.base} is missing`);
    return restore(decodeCheckpoint(this.body(e)), this.ids, this.keyframe(key));
  }

  private add(e: Entry): void {
    this.entries.push(e);
    this.bySeq.set(e.seq, e);
  }

  private body(e: Entry): Buffer {
    const body = e.body ?? checkpointBody(this.db, this.sessionId, e.seq);
    if (!body) throw new Error(`checkpoint at seq ${e.seq} is gone from the store`);
    return body;
  }

  /** a keyframe, decoded afresh (restoring consumes it) from its cached inflated bytes */
  private keyframe(e: Entry): Checkpoint {
    let raw = this.inflated.get(e.seq);
    if (raw) this.inflated.delete(e.seq);
    else raw = inflateCheckpoint(this.body(e));
    this.inflated.set(e.seq, raw); // most recent last
    while (this.inflated.size > KEYFRAMES_CACHED) this.inflated.delete(this.inflated.keys().next().value!);
    // a copy: v8.deserialize makes the typed arrays views into the bytes it reads, and the
    // restored aggregator writes to them
    return deserializeCheckpoint(Buffer.from(raw));
  }

  /**
   * Fold the session's events after the last checkpoint up to `upToSeq` in the background, a
   * slice at a time, keeping checkpoints in memory. Resolves when done or stopped.
   */
  async build(upToSeq: number, yieldToLoop: () => Promise<void>): Promise<void> {
    if (this.building || this.builtTo >= upToSeq) return;
    this.building = true;
    try {
      const last = this.entries[this.entries.length - 1];
      const agg = last ? this.restore(last.seq) : new RoomAggregator(this.ids);
      const fold = new CheckpointingFold(agg);
      const scan = new SessionScan(this.db, this.sessionId, upToSeq, [fold], last?.seq ?? 0);
      let kept = 0;
      while (!this.stopped) {
        const done = scan.step(FOLD_SLICE);
        for (; kept < fold.taken.length; kept++) this.add(fold.taken[kept]!);
        this.builtTo = scan.lastSeq;
        if (done) break;
        await yieldToLoop();
      }
    } finally {
      this.building = false;
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
