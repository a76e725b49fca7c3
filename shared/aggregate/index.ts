/**
 * The live aggregation of one session (RoomAggregator) and helpers built on it.
 */
import type { StreamEvent } from '../protocol/schemas';
import { isKnownType } from '../protocol/schemas';
import type { Figures } from '../viewmodel/room';
import { RoomAggregator } from './room-aggregator';

export { RoomAggregator } from './room-aggregator';
export { CHANGE_KINDS, type ChangeKind } from './change';
export { productKeywords } from './products';

/**
 * The final figures of a session's events (in seq order), e.g. for the sessions list. Events
 * are expected validated (shared/protocol/validate.ts); unknown types are ignored.
 */
export function summarizeFigures(events: Iterable<StreamEvent>): Figures {
  const aggregator = new RoomAggregator();
  for (const event of events) aggregator.apply(event, isKnownType(event.type));
  return aggregator.view().figures;
}
