/**
 * The one fold of stored events into a RoomAggregator — used by the engine's rebuild of live
 * rooms at start-up, the replay, the session list's headline figures and every test that wants
 * "the figures of these events". One policy, written once:
 *
 * - A stored event is trusted as it is: every row of the events table passed validateEvent when
 *   it was recorded or imported (a failing one went to `rejects`), and the protocol schemas are
 *   loose objects without transforms, so the parsed body *is* the validated event. Not running
 *   zod again makes a re-fold about 3× faster.
 * - `known` is whether the type is one of protocol v1's (an unknown type moves only `seq`).
 * - A body that is not an object with a string `type` is skipped and counted (`skipped`); an
 *   aggregator that throws on an event is counted (`failed`) and the fold goes on — as in the
 *   live view, one bad event never stops a replay or a rebuild.
 */
import { isKnownType, type StreamEvent } from '../protocol/schemas';
import { RoomAggregator } from './room-aggregator';

export class StoredFold {
  /** events applied */
  applied = 0;
  /** bodies that were not events */
  skipped = 0;
  /** events the aggregator threw on */
  failed = 0;

  constructor(readonly aggregator: RoomAggregator = new RoomAggregator()) {}

  /** Every type is folded (the shape of electron/store/session-scan.ts's EventFeed). */
  wants(): boolean {
    return true;
  }

  add(body: unknown): void {
    const type = (body as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') {
      this.skipped++;
      return;
    }
    try {
      this.aggregator.apply(body as StreamEvent, isKnownType(type));
    } catch {
      this.failed++;
    }
    this.applied++;
  }
}

/** Fold events (in seq order) into `aggregator` (a fresh one by default) and return it. */
export function foldEvents(events: Iterable<unknown>, aggregator = new RoomAggregator()): RoomAggregator {
  const fold = new StoredFold(aggregator);
  for (const e of events) fold.add(e);
  return aggregator;
}
