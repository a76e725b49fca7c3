/**
 * The room views a screen holds, kept in step with the engine's deltas (pure: no Vue, no DOM,
 * so it is unit-tested as is). A screen first needs a full view; deltas that arrive while it is
 * on its way are held and replayed on top of it, so a busy stream does not make the screen ask
 * for full views forever. A version gap (a delta lost, e.g. skipped while the socket was
 * backlogged) or a patch for a room never seen whole means the views are unreliable: they are
 * kept on screen, but a new full view is needed.
 */
import { applyDelta, type ViewDelta } from '../../../shared/viewmodel/delta';
import type { RoomView } from '../../../shared/viewmodel/room';

export type DeltaOutcome = 'applied' | 'held' | 'stale' | 'need-full';

/** deltas held while waiting for a full view; beyond this the oldest are dropped (the gap is then noticed) */
export const MAX_HELD = 200;

export class LiveModel {
  readonly views: Record<string, RoomView> = {};
  /** version of the newest delta applied; null until a full view arrived (or after a gap) */
  version: number | null = null;
  /** rooms changed since the last `takeTouched()` */
  private touched = new Set<string>();
  private roomsChanged = false;
  private held: ViewDelta[] = [];
  /** wall-clock ms of the engine minus ours, from the newest delta (for ages of engine timestamps) */
  clockSkew = 0;

  /** A pushed delta (or a full view given as one). */
  receive(delta: ViewDelta, now = Date.now()): DeltaOutcome {
    if (!isDelta(delta)) return 'stale';
    this.clockSkew = delta.publishedAt - now;
    if (delta.full) return this.receiveFull(delta);
    if (this.version === null) {
      this.held.push(delta);
      if (this.held.length > MAX_HELD) this.held.shift();
      return 'held';
    }
    return this.applyPartial(delta);
  }

  /** The answer of `view.full`: replaces every room, then replays the deltas held meanwhile. */
  receiveFull(full: ViewDelta): DeltaOutcome {
    const before = new Set(Object.keys(this.views));
    applyDelta(this.views, { ...full, full: true }, 0);
    this.version = full.version;
    this.roomsChanged = true;
    for (const key of before) this.touched.add(key);
    for (const key of Object.keys(this.views)) this.touched.add(key);
    const held = this.held.sort((a, b) => a.version - b.version);
    this.held = [];
    for (const delta of held) {
      if (delta.version <= full.version) continue;
      if (this.applyPartial(delta) === 'need-full') return 'need-full';
    }
    return 'applied';
  }

  private applyPartial(delta: ViewDelta): DeltaOutcome {
    const version = this.version as number;
    if (delta.version <= version) return 'stale';
    // a room's first appearance is whole; a patch for a room we never saw whole cannot be shown
    const unknownPartial = Object.entries(delta.rooms).some(([key, patch]) => !this.views[key] && !patch.info);
    if (unknownPartial || !applyDelta(this.views, delta, version)) {
      this.needFull();
      return 'need-full';
    }
    this.version = delta.version;
    for (const key of Object.keys(delta.rooms)) {
      if (!this.touched.has(key) && !(key in this.views)) this.roomsChanged = true;
      this.touched.add(key);
    }
    if (delta.removed?.length) {
      this.roomsChanged = true;
      for (const key of delta.removed) this.touched.add(key);
    }
    return 'applied';
  }

  /** Forget the version (keep the views on screen) so the next deltas are held until a full view. */
  needFull(): void {
    this.version = null;
    this.held = [];
  }

  /**
   * The rooms changed since the previous call, each given a new object identity so that what
   * depends on a room re-evaluates, while its unchanged top-level values keep theirs (charts
   * compare identities to push only changed series).
   */
  takeTouched(): { rooms: string[]; roomsChanged: boolean } {
    const rooms = [...this.touched].filter((key) => key in this.views);
    for (const key of rooms) this.views[key] = { ...this.views[key]! };
    const roomsChanged = this.roomsChanged || this.touched.size !== rooms.length;
    this.touched.clear();
    this.roomsChanged = false;
    return { rooms, roomsChanged };
  }

  get heldCount(): number {
    return this.held.length;
  }
}

function isDelta(x: unknown): x is ViewDelta {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Partial<ViewDelta>;
  return typeof d.version === 'number' && typeof d.full === 'boolean' && typeof d.rooms === 'object' && d.rooms !== null;
}

/**
 * The room a screen shows: a pinned room (`?room=` matches a view key, a roomId or a sessionId)
 * or else the chosen one, or else the first live room (the oldest show first), or else any.
 * A replay's room (`replay:<sessionId>`, electron/replay) is shown only when pinned by its key:
 * an old show being replayed must never take a live screen's place.
 */
export function pickRoom(views: Record<string, RoomView>, pinned: string | null, chosen: string | null): string | null {
  if (pinned && views[pinned]) return pinned;
  const keys = Object.keys(views).filter((k) => !k.startsWith('replay:'));
  if (pinned) {
    // the newest session of the pinned room
    let best: string | null = null;
    for (const key of keys) {
      const info = views[key]!.info;
      if (info && (info.roomId === pinned || info.sessionId === pinned)) {
        if (best === null || info.startedAt > views[best]!.info.startedAt) best = key;
      }
    }
    return best;
  }
  if (chosen && views[chosen]) return chosen;
  const ordered = keys.filter((k) => views[k]!.info).sort((a, b) => views[a]!.info.startedAt - views[b]!.info.startedAt);
  return ordered.find((k) => views[k]!.info.state === 'live') ?? ordered[0] ?? null;
}
