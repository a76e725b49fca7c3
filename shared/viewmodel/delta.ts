/**
 * View-model deltas: what the engine publishes to screens, coalesced to ≤ 10 Hz. A delta names
 * the rooms it touches and, for each, the top-level keys of RoomView that changed, with their
 * new whole value. A screen that connects (or a renderer reloaded after a crash) first gets a
 * `full` delta holding every room, then partial ones.
 */
import type { RoomView } from './room';

export interface ViewDelta {
  /** monotonically increasing per engine; a gap means the screen should ask for a full view */
  version: number;
  full: boolean;
  /** wall-clock ms when the engine published it (for event→screen latency) */
  publishedAt: number;
  rooms: Record<string, Partial<RoomView>>;
  /** rooms that ended and were dropped from the live view */
  removed?: string[];
}

/** Apply a delta to a map of room views, in place; returns false when a full view is needed. */
export function applyDelta(
  views: Record<string, RoomView>,
  delta: ViewDelta,
  lastVersion: number,
): boolean {
  if (!delta.full && delta.version !== lastVersion + 1) return false;
  if (delta.full) for (const key of Object.keys(views)) delete views[key];
  for (const [roomKey, patch] of Object.entries(delta.rooms)) {
    const current = views[roomKey];
    views[roomKey] = (current ? Object.assign(current, patch) : patch) as RoomView;
  }
  for (const key of delta.removed ?? []) delete views[key];
  return true;
}
