/**
 * What the replay page tells the comment feed of the live layout it embeds: after every seek
 * (`epoch` grows) the feed starts over from `rows` — the stored comments just before the
 * replay's new position (API sessions.comments) — instead of trickling the aggregator's latest
 * ones in or keeping those of the old position. Provided by ReplayScreen, injected by CommentFeed;
 * a screen that is not inside the replay page has none and behaves as on a live show.
 */
import type { InjectionKey, Ref, ShallowRef } from 'vue';
import type { CommentRow } from '../../../shared/viewmodel/room';

export interface ReplayFeed {
  epoch: Ref<number>;
  rows: ShallowRef<CommentRow[]>;
  /** the replay's seq the rows were read before (every comment up to it counts as seen) */
  seq: Ref<number>;
}

export const REPLAY_FEED: InjectionKey<ReplayFeed> = Symbol('replay-feed');
