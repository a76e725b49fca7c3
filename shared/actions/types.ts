/**
 * Actions and their measured impact (issue 15 §3). Three sources on one timeline: a protocol
 * `action` event from the stream, one the engine derives from what it sees (a price change in
 * `product.list`, an `ad.plan` budget/bid/status change, an explanation start), an operator's
 * note (场记). Each is measured over 5 and 15 minutes before [t−w, t) vs after [t, t+w)
 * (./impact.ts) and labelled 起量 / 持平 / 回落 from the change of paid GMV per minute.
 */

/** The kinds of the protocol's `action` event (docs/protocol.md). */
export const STREAM_ACTION_KINDS = ['giveaway', 'red_packet', 'coupon', 'price_change', 'ad_budget', 'ad_bid', 'ad_pause', 'ad_resume', 'pin', 'note'] as const;
export type StreamActionKind = (typeof STREAM_ACTION_KINDS)[number];
/** … plus `explain`, an explanation start the engine derives. */
export type ActionKind = StreamActionKind | 'explain';
export type ActionSource = 'stream' | 'derived' | 'operator';

/** One action on a session's timeline. */
export interface Action {
  ts: number;
  kind: ActionKind;
  source: ActionSource;
  productId?: string;
  planId?: string;
  value?: number;
  /** free text (an operator's note, the stream's text, a product title) — display only */
  text?: string;
}

/** The figures of one window. Null where the window is empty (a window of zero length, no exposure). */
export interface WindowStats {
  /** time-weighted mean of the platform's online figure */
  online: number | null;
  entriesPerMin: number | null;
  /** GMV (fen) of the orders created in the window and paid before it ended, per minute */
  gmvPerMin: number | null;
  /** distinct users who clicked a product ÷ distinct users exposed to one, in the window */
  clickRate: number | null;
}

export interface WindowImpact {
  before: WindowStats;
  after: WindowStats;
  /** relative change after vs before of each figure; null where before is 0 or absent */
  change: { online: number | null; entriesPerMin: number | null; gmvPerMin: number | null; clickRate: number | null };
}

export type ImpactLabel = '起量' | '持平' | '回落';

/** An action with what it did (null windows are not measured yet). */
export interface MeasuredAction extends Action {
  impact: { w5: WindowImpact | null; w15: WindowImpact | null };
  label: ImpactLabel | null;
}

/** The shape `luopan review --json` carries (`actions: [...]`), exactly as issue 15 writes it. */
export interface ReviewAction {
  ts: number;
  kind: ActionKind;
  source: ActionSource;
  productId?: string;
  planId?: string;
  impact: { w5: WindowImpact | null; w15: WindowImpact | null };
  label: ImpactLabel | null;
}

export const WINDOWS_MS = { w5: 5 * 60_000, w15: 15 * 60_000 } as const;
/** An impact is measured this long after its window passed, so events a little out of order are in. */
export const MEASURE_LAG_MS = 10_000;
/** ±10 % change of paid GMV per minute separates 起量 / 持平 / 回落. */
export const LABEL_THRESHOLD = 0.1;
