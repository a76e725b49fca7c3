/**
 * The live view: one RoomAggregator per session, fed with every accepted event, published to
 * screens as ViewDeltas coalesced to ≤ `hz` per second (10 by default) so the screen cost does
 * not grow with the event rate. Rooms are keyed by sessionId (unique, unlike roomId when a
 * room goes live again); a view's `info.roomId` is what `?room=` pins match.
 *
 * When to publish (the engine's share of event → screen latency): a change is published at
 * once (after the current I/O turn, so one socket message makes one delta) when the rate
 * allows, else it waits. The rate is a token bucket of `hz` tokens a second holding at most
 * 1.2: on average never more than `hz` deltas a second, two deltas at least 0.8 / hz apart.
 * The extra 0.2 is what makes a steady source cheap: with batches every 50 ms and 100 ms
 * tokens, a batch arriving a few ms "early" would otherwise miss its token and wait a whole
 * window, and on a jittery clock that happens at every other window. A change that finds no
 * token waits for the next change that does, or at most 1.25 / hz (a source gone quiet).
 * A fixed timer instead costs half a window on average and a whole one at worst.
 *
 * A room enters a delta whole the first time it is published, then only with the top-level keys
 * that changed (RoomAggregator.takeChanges). An ended session stays on screen (after-sale
 * events still arrive) until a newer session of the same room starts or it is deleted.
 */
import { RoomAggregator } from '../../shared/aggregate';
import type { RoomView } from '../../shared/viewmodel/room';
import type { ViewDelta } from '../../shared/viewmodel/delta';
import type { AcceptedEvent } from './intake';

export interface LiveViewOptions {
  hz?: number;
  now?: () => number;
}

/** tokens the bucket holds at most (see the header) */
const BUCKET = 1.2;
/** how much later than a full window a change that found no token is published anyway */
const TRAILING = 1.25;

export class LiveView {
  private readonly rooms = new Map<string, RoomAggregator>();
  private readonly dirty = new Set<string>();
  private readonly announced = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly periodMs: number;
  private running = false;
  /** a pending publish: at once (immediate) or when the window is over (timeout) */
  private immediate: NodeJS.Immediate | null = null;
  private timeout: NodeJS.Timeout | null = null;
  private tokens = 1;
  private tokensAt = 0;
  private lastPublishAt = -Infinity;
  private version = 0;
  published = 0;

  constructor(
    private readonly publish: (delta: ViewDelta) => void,
    private readonly opts: LiveViewOptions = {},
  ) {
    this.periodMs = 1000 / Math.min(10, Math.max(0.1, opts.hz ?? 10));
  }

  /** Publish changes by themselves from now on (without start, only `flush()` publishes). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.tokensAt = performance.now();
    if (this.dirty.size > 0 || this.removed.size > 0) this.schedule();
  }

  stop(): void {
    this.running = false;
    this.cancel();
  }

  private cancel(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timeout) clearTimeout(this.timeout);
    this.immediate = null;
    this.timeout = null;
  }

  private tokensNow(at: number): number {
    return Math.min(BUCKET, this.tokens + (at - this.tokensAt) / this.periodMs);
  }

  /** Something changed: publish at once if a token is there, else at the end of the window. */
  private schedule(): void {
    if (!this.running || this.immediate) return;
    if (this.tokensNow(performance.now()) >= 1) {
      if (this.timeout) clearTimeout(this.timeout);
      this.timeout = null;
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.flush();
      });
      return;
    }
    if (this.timeout) return;
    const wait = Math.max(0, this.lastPublishAt + TRAILING * this.periodMs - performance.now());
    this.timeout = setTimeout(() => {
      this.timeout = null;
      this.flush();
    }, wait);
    this.timeout.unref?.();
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private room(sessionId: string): RoomAggregator {
    let agg = this.rooms.get(sessionId);
    if (!agg) {
      agg = new RoomAggregator();
      this.rooms.set(sessionId, agg);
      this.removed.delete(sessionId);
    }
    return agg;
  }

  apply(sessionId: string, events: AcceptedEvent[]): void {
    const agg = this.room(sessionId);
    let started = false;
    for (const { event, known } of events) {
      try {
        agg.apply(event, known);
      } catch {
        // an aggregator bug must not stop ingest: the event is stored all the same, and the
        // figures can be recomputed from the store
        continue;
      }
      if (event.type === 'session.start') started = true;
    }
    this.dirty.add(sessionId);
    if (started) this.retireOlderOfSameRoom(sessionId);
    this.schedule();
  }

  /** Take a session folded elsewhere (the rebuild from the store at start-up) as its live room. */
  adopt(sessionId: string, agg: RoomAggregator): void {
    this.rooms.set(sessionId, agg);
    this.removed.delete(sessionId);
    this.dirty.add(sessionId);
    if (agg.sessionId !== null) this.retireOlderOfSameRoom(sessionId);
    this.schedule();
  }

  get size(): number {
    return this.rooms.size;
  }

  has(sessionId: string): boolean {
    return this.rooms.has(sessionId);
  }

  aggregator(sessionId: string): RoomAggregator | undefined {
    return this.rooms.get(sessionId);
  }

  remove(sessionId: string): void {
    if (!this.rooms.delete(sessionId)) return;
    this.dirty.delete(sessionId);
    if (this.announced.delete(sessionId)) {
      this.removed.add(sessionId);
      this.schedule();
    }
  }

  /** An ended session gives way to a newer session of the same room. */
  private retireOlderOfSameRoom(sessionId: string): void {
    const now = this.now();
    const fresh = this.rooms.get(sessionId)?.view(now).info;
    if (!fresh) return;
    for (const [id, agg] of this.rooms) {
      if (id === sessionId) continue;
      const info = agg.view(now).info;
      if (info.roomId === fresh.roomId && info.state === 'ended' && info.startedAt <= fresh.startedAt) this.remove(id);
    }
  }

  /** Every room whole: what a screen that (re)connects asks for first. */
  full(): ViewDelta {
    const now = this.now();
    const rooms: Record<string, Partial<RoomView>> = {};
    for (const [id, agg] of this.rooms) rooms[id] = agg.view(now);
    return { version: this.version, full: true, publishedAt: now, rooms };
  }

  /** Publish what changed since the previous flush (nothing when nothing did). */
  flush(): ViewDelta | null {
    this.cancel();
    if (this.dirty.size === 0 && this.removed.size === 0) return null;
    const now = this.now();
    const rooms: Record<string, Partial<RoomView>> = {};
    for (const id of this.dirty) {
      const agg = this.rooms.get(id);
      if (!agg) continue;
      if (!this.announced.has(id)) {
        agg.takeChanges();
        rooms[id] = agg.view(now);
        this.announced.add(id);
      } else {
        const changes = agg.takeChanges();
        if (Object.keys(changes).length > 0) rooms[id] = changes;
      }
    }
    this.dirty.clear();
    const removed = [...this.removed];
    this.removed.clear();
    if (Object.keys(rooms).length === 0 && removed.length === 0) return null;
    const delta: ViewDelta = { version: ++this.version, full: false, publishedAt: now, rooms };
    if (removed.length > 0) delta.removed = removed;
    this.published++;
    const at = performance.now();
    this.tokens = this.tokensNow(at) - 1;
    this.tokensAt = at;
    this.lastPublishAt = at;
    this.publish(delta);
    return delta;
  }
}
