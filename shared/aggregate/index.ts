/**
 * The live aggregation of one session (RoomAggregator) and helpers built on it.
 */
import type { StreamEvent } from '../protocol/schemas';
import type { Figures } from '../viewmodel/room';
import { foldEvents } from './fold';

export { RoomAggregator } from './room-aggregator';
export { CHANGE_KINDS, type ChangeKind } from './change';
export { productKeywords } from './products';
export { StoredFold, foldEvents } from './fold';
export { headlineOf, type Headline } from './headline';
export { agencyPart, agencyParts, agencyShareOf, orderCommission, type AgencyBinding } from './commission';

/**
 * The final figures of a session's events (in seq order), e.g. for the sessions list. Events
 * are expected validated (shared/protocol/validate.ts); unknown types are ignored.
 */
export function summarizeFigures(events: Iterable<StreamEvent>): Figures {
  return foldEvents(events).view().figures;
}
