/**
 * Types of the post-show diagnosis (docs/product.md "Post-show diagnosis"). `SessionStats` is what one
 * session contributes to any window; it is a plain JSON object so it can be cached as a rollup.
 * Reports are plain objects too: `luopan diagnose --json` prints them as they are.
 */

/** Version of the SessionStats layout: a cached rollup of another version is recomputed. */
export const STATS_VERSION = 1;

export type DiagnosisKind = 'self' | 'talent' | 'service';
export type Verdict = 'excellent' | 'average' | 'lagging';
export type Better = 'higher' | 'lower';
export type QuadrantId = 'natural_fan' | 'natural_nonfan' | 'paid_fan' | 'paid_nonfan';
export const QUADRANT_IDS: readonly QuadrantId[] = ['natural_fan', 'natural_nonfan', 'paid_fan', 'paid_nonfan'];

export interface QuadrantFigures {
  pv: number;
  gmv: number;
  paidOrders: number;
}

/** Per-product figures of one session (talent and service analysis). */
export interface ProductStats {
  productId: string;
  title: string | null;
  category: string | null;
  priceBand: string | null;
  price: number | null;
  /** product.exposure events (展示PV) and distinct users */
  exposurePv: number;
  exposureUsers: number;
  clickPv: number;
  /** order.create events (下单) */
  createdOrders: number;
  paidOrders: number;
  items: number;
  gmv: number;
  /** paid orders not cancelled, and those of them shipped ≤ 48 h after payment */
  paidNotCancelled: number;
  shipped48h: number;
  reviews: number;
  negativeReviews: number;
  complaints: number;
  qualityAftersales: number;
}

/** Service counters of one session (after-sale events included). */
export interface ServiceStats {
  paidOrders: number;
  paidNotCancelled: number;
  shipped48h: number;
  qualityAftersales: number;
  aftersalesOpened: number;
  reviews: number;
  negativeReviews: number;
  complaints: number;
  buyerMessages: number;
  buyerMessagesAnswered: number;
  deliveredOrders: number;
  deliveryHoursSum: number;
  refundOnlySelfClosed: number;
  refundOnlyHoursSum: number;
  returnRefundSelfClosed: number;
  returnRefundHoursSum: number;
  disputes: number;
}

export interface BenchmarkQuantiles {
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

export interface BenchmarkSeen {
  ts: number;
  seq: number;
  scope: { category: string; tier: string | null; priceBand: string | null };
  window: string;
  indicators: Record<string, BenchmarkQuantiles>;
}

export interface CatalogTalent {
  id: string;
  name: string;
  level: string;
  followers: number;
  reputation: number;
  categories: string[];
  gmv30d: number;
  portrait: { gender: string; age: string; region: string } | null;
}

export interface Portrait {
  gender: Record<string, number>;
  age: Record<string, number>;
  region: Record<string, number>;
}

export interface SessionStats {
  version: typeof STATS_VERSION;
  sessionId: string | null;
  roomId: string | null;
  title: string | null;
  /** epoch ms; null when no session.start was seen */
  startedAt: number | null;
  /** epoch ms of session.end; null while the session is live */
  endedAt: number | null;
  /** the end used for durations: endedAt, or while live the latest event time */
  effectiveEnd: number | null;
  live: boolean;
  pausedSeconds: number;
  /** effectiveEnd − startedAt − paused seconds, in seconds */
  effectiveDuration: number | null;
  /** effectiveEnd − startedAt, in seconds (pauses included) */
  sessionSeconds: number | null;
  watchSeconds: number;
  uv: number;
  pv: number;
  /** ∫ online dt over [startedAt, effectiveEnd], count·seconds */
  onlineIntegral: number;
  onlineReports: number;
  peakOnline: number | null;
  productExposureUsers: number;
  productClickUsers: number;
  buyers: number;
  items: number;
  gmv: number;
  paidOrders: number;
  createdOrders: number;
  quadrants: Record<QuadrantId, QuadrantFigures>;
  products: Record<string, ProductStats>;
  service: ServiceStats;
  host: { id: string; name: string; kind: string; tier: string | null; followers: number | null } | null;
  shop: { id: string; name: string; category: string; tier: string } | null;
  buyerPortrait: Portrait;
  /** the latest benchmark per scope + window seen in this session (by ts, then seq) */
  benchmarks: BenchmarkSeen[];
  /** the latest talent.catalog seen in this session */
  talentCatalog: { ts: number; seq: number; talents: CatalogTalent[] } | null;
  /** highest seq and number of events this was computed from */
  lastSeq: number;
  events: number;
}

/** One session top-3 entry: impact < 0, most harmful first. */
export interface Top3Entry {
  sessionId: string;
  impact: number;
}

/** One indicator in a report: exactly the fields of the `--json` contract. */
export interface IndicatorResult {
  id: string;
  value: number | null;
  peerPercentile: number | null;
  historyPercentile: number | null;
  verdict: Verdict | null;
  top3: Top3Entry[];
}

/** Why a field of an indicator is null/empty (one line each, English; the table translates). */
export interface IndicatorNotes {
  value?: string;
  peerPercentile?: string;
  historyPercentile?: string;
  verdict?: string;
  top3?: string;
}

export interface DayWindow {
  /** YYYY-MM-DD, local time, inclusive */
  start: string;
  end: string;
}

export interface ReportBase {
  kind: DiagnosisKind;
  window: DayWindow;
  indicators: IndicatorResult[];
  shop: { id: string; category: string | null; tier: string | null };
  days: number;
  sessions: string[];
  /** the history windows that hold ≥ 1 session, most recent first */
  history: DayWindow[];
  /** per indicator id: why a value is null or a list empty */
  reasons: Record<string, IndicatorNotes>;
  /** report-wide remarks (e.g. "no sessions in window") */
  notes: string[];
}
