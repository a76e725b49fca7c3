/**
 * The live view: one RoomAggregator per session, fed with every accepted event, published to
 * screens as ViewDeltas coalesced on a timer (≤ `hz` per second, 10 by default) so the screen
 * cost does not grow with the event rate. Rooms are keyed by sessionId (unique, unlike roomId
 * when a room goes live again); a view's `info.roomId` is what `?room=` pins match.
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

export class LiveView {
  private readonly rooms = new Map<string, RoomAggregator>();
  private readonly dirty = new Set<string>();
  private readonly announced = new Set<string>();
  private readonly removed = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private version = 0;
  published = 0;

  constructor(
    private readonly publish: (delta: ViewDelta) => void,
    private readonly opts: LiveViewOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    const hz = Math.min(10, Math.max(0.1, this.opts.hz ?? 10));
    this.timer = setInterval(() => this.flush(), Math.round(1000 / hz));
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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
    if (this.announced.delete(sessionId)) this.removed.add(sessionId);
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
    this.publish(delta);
    return delta;
  }
}
