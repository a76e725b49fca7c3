/**
 * The session review (复盘) of one session: the `luopan review --json` contract (issue 13) and
 * what the review page shows besides it. Money in fen, rates as fractions, times in epoch ms,
 * `null` where a figure has no value (the UI shows "—").
 */
import type { Channel } from '../protocol/channels';
import type { PortraitCounts } from '../viewmodel/room';
import type { ReviewMetric } from './metrics';

export type ReviewFigures = Record<ReviewMetric, number | null>;

/** Minute m covers [startedAt + 60 000·m, startedAt + 60 000·(m+1)). */
export interface ReviewMinute {
  minute: number;
  /** the online figure in force at the end of the minute */
  online: number;
  entries: number;
  exits: number;
  comments: number;
  likes: number;
  /** paid orders by the minute their order.create happened, and their amounts */
  orders: number;
  gmv: number;
  /** product.click events */
  clicks: number;
}

/** One explanation segment: a `product.explain start` to the product's next end, another product's start, or the end. */
export interface ReviewExplanation {
  productId: string;
  /** epoch ms */
  start: number;
  end: number;
  durationSec: number;
  /** product.click events of the product in [start, end), and their distinct users */
  clicks: number;
  clickUsers: number;
  /** paid orders of the product created in [start, end), and their amounts */
  orders: number;
  gmv: number;
  /** time-weighted average online over [start, end); null for a segment of no length */
  avgOnline: number | null;
}

export interface ReviewChannel {
  channel: Channel;
  entries: number;
  /** entries of the channel ÷ all entries */
  pvShare: number | null;
  buyers: number;
  gmv: number;
  /** GMV of the channel ÷ all GMV */
  gmvShare: number | null;
  /** GMV ÷ entries × 1000 */
  gpm: number | null;
}

export interface ReviewCompare {
  /** the room's session before this one */
  previous: { sessionId: string; figures: ReviewFigures } | null;
  /** per figure, the median over the room's last N ended sessions before this one */
  median: { sessions: string[]; figures: ReviewFigures };
  /** (this − reference) ÷ reference, null without a reference or when it is 0 */
  deltas: Record<ReviewMetric, { previous: number | null; median: number | null }>;
}

export type FindingRule = 'live' | 'below_median' | 'best_explanation' | 'worst_explanation' | 'online_drop';

export interface ReviewFinding {
  /** the rule that produced it (docs/cli.md "luopan review" states each) */
  rule: FindingRule;
  metric?: ReviewMetric;
  minute?: number;
  message: string;
}

/** Exactly what `luopan review --json` prints. */
export interface SessionReview {
  sessionId: string;
  roomId: string;
  startedAt: number;
  /** null while the session is live (its figures are those so far) */
  endedAt: number | null;
  figures: ReviewFigures;
  minutes: ReviewMinute[];
  explanations: ReviewExplanation[];
  channels: ReviewChannel[];
  compare: ReviewCompare;
  findings: ReviewFinding[];
}

/** A stretch of the show: [start, end) epoch ms. */
export interface Span {
  start: number;
  end: number;
}

/** A mark on the review's minute chart. */
export interface ReviewMark {
  ts: number;
  minute: number;
  kind: 'alert' | 'action';
  /** alert metric or action kind */
  ref: string;
  label: string;
}

export interface ReviewPortraits {
  watchers: PortraitCounts;
  buyers: PortraitCounts;
  /** watchers minus buyers, per bucket (a buyer counts among the watchers by their entry) */
  nonBuyers: PortraitCounts;
}

/** The review page's data: the JSON contract plus what the page draws besides it. */
export interface ReviewPage {
  review: SessionReview;
  title: string;
  hostName: string;
  shopId: string;
  hostKind: 'self' | 'talent';
  /** endedAt, or while live the newest event time */
  effectiveEnd: number;
  live: boolean;
  /** product titles by id */
  products: Record<string, string>;
  pauses: Span[];
  marks: ReviewMark[];
  portraits: ReviewPortraits;
  /** how many sessions the median was asked over */
  compareN: number;
}
