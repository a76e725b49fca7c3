/**
 * The engine's one view-delta stream with rooms beyond the live ones (the replay's
 * `replay:<sessionId>`): the LiveView's deltas pass through renumbered, and extra rooms add
 * deltas of their own in the same version sequence, so a screen sees one gap-free stream and
 * needs no change to follow a replay. `full()` adds the extra rooms whole to the live full view.
 */
import type { ViewDelta } from '../../shared/viewmodel/delta';
import type { RoomView } from '../../shared/viewmodel/room';

export class ViewStream {
  private version = 0;
  private readonly extra = new Map<string, () => RoomView>();

  constructor(
    private readonly publish: (delta: ViewDelta) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** A delta of the live view, renumbered into this stream. */
  forward(delta: ViewDelta): void {
    this.publish({ ...delta, version: ++this.version });
  }

  /** The live full view plus every extra room, whole, at this stream's version. */
  full(live: ViewDelta): ViewDelta {
    const rooms: Record<string, Partial<RoomView>> = { ...live.rooms };
    for (const [key, view] of this.extra) rooms[key] = view();
    return { ...live, version: this.version, full: true, rooms };
  }

  /** Add (or replace) an extra room, published whole now; `view` gives it whole for full views. */
  setRoom(key: string, view: () => RoomView): void {
    this.extra.set(key, view);
    this.emit({ [key]: view() });
  }

  /** Publish changed top-level keys of an extra room. */
  patchRoom(key: string, patch: Partial<RoomView>): void {
    if (!this.extra.has(key) || Object.keys(patch).length === 0) return;
    this.emit({ [key]: patch });
  }

  removeRoom(key: string): void {
    if (!this.extra.delete(key)) return;
    this.emit({}, [key]);
  }

  private emit(rooms: Record<string, Partial<RoomView>>, removed?: string[]): void {
    const delta: ViewDelta = { version: ++this.version, full: false, publishedAt: this.now(), rooms };
    if (removed) delta.removed = removed;
    this.publish(delta);
  }
}
