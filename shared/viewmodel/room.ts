/**
 * The view model of one room (one live session) as the screens receive it. The engine builds
 * it incrementally from events (shared/aggregate) and publishes changes as deltas (./delta.ts)
 * at most 10 times a second; the renderer never sees raw events.
 *
 * Figures are numbers in their raw unit (fen for money, fractions for rates, seconds for
 * durations) or `null` where they have no value (a zero denominator): the UI shows "—".
 */
import type { Channel } from '../protocol/channels';
import type { MetricId } from '../metrics/glossary';

export type Figure = number | null;
export type Figures = Record<MetricId, Figure>;

/** An agency (机构) a host or shop is bound to (session.start, Luopan addition). */
export interface AgencyInfo {
  id: string;
  name: string;
  /** fraction of the host's commission that goes to the agency */
  share: number;
}

export interface RoomInfo {
  sessionId: string;
  roomId: string;
  title: string;
  host: { id: string; name: string; kind: 'self' | 'talent'; tier?: 'head' | 'mid' | 'tail'; agency?: AgencyInfo };
  shop: { id: string; name: string; category: string; tier: string; agency?: AgencyInfo };
  streamUrl?: string;
  /** data groups the source declared it cannot supply (session.start `unavailable`): their figures show "无数据" */
  unavailable?: string[];
  startedAt: number;
  endedAt: number | null;
  /** live | paused (stream.state) | ended (session.end seen) */
  state: 'live' | 'paused' | 'ended';
}

/** Time series: `t` holds bucket starts (epoch ms, event time); every other array is aligned. */
export interface Series {
  t: number[];
  online: number[];
  enters: number[];
  exits: number[];
  comments: number[];
  likes: number[];
  follows: number[];
  shares: number[];
  gmv: number[];
  orders: number[];
  buyers: number[];
  /** ads, per bucket: spend and ad GMV (fen) */
  adSpend: number[];
  adGmv: number[];
}

export interface Marker {
  ts: number;
  kind: 'explain' | 'alert';
  /** productId for explanations, alert rule id for alerts */
  ref: string;
  label: string;
  state?: 'start' | 'end';
}

export interface ChannelRow {
  channel: Channel;
  paid: boolean;
  enters: number;
  uv: number;
  /** entries of this channel ÷ all entries */
  share: Figure;
  orders: number;
  gmv: number;
  buyers: number;
  /** funnel per channel: enters → product exposure users → click users → order users → buyers */
  exposureUsers: number;
  clickUsers: number;
  orderUsers: number;
}

export interface Funnel {
  /** ad impressions (the only exposure figure a room sees) */
  impressions: number;
  enters: number;
  productExposureUsers: number;
  productClickUsers: number;
  /** users who created an order */
  orderUsers: number;
  buyers: number;
}

export interface PortraitCounts {
  gender: Record<string, number>; // m | f | unknown
  age: Record<string, number>; // '18-23' … | unknown
  region: Record<string, number>; // province | unknown
  fan: { fan: number; nonfan: number };
  returning: { new: number; returning: number; unknown: number };
}

export interface ProductRow {
  productId: string;
  title: string;
  price: number;
  category: string;
  priceBand?: string;
  stock: number;
  /** stock at the first product.list, for "running out" */
  initialStock: number;
  cartSlot: number;
  exposureUsers: number;
  clickUsers: number;
  clickRate: Figure;
  createdOrders: number;
  /** orders created but neither paid nor cancelled (压单) */
  unpaidOrders: number;
  orders: number;
  items: number;
  gmv: number;
  buyers: number;
  clickToOrderRate: Figure;
  explaining: boolean;
  explainCount: number;
  explainSeconds: number;
  lastExplainStart: number | null;
  lastExplainEnd: number | null;
  /** comments mentioning the product (title keyword) */
  commentMentions: number;
  clicksLast5m: number;
  clicksPrev5m: number;
  /** paid orders in the last 5 minutes and the 5 before (an explained product that stopped converting) */
  ordersLast5m: number;
  ordersPrev5m: number;
  /** figures since the current explanation started (null when not explaining) */
  sinceExplain: { clickUsers: number; orders: number; gmv: number; items: number } | null;
}

export interface CommentRow {
  seq: number;
  ts: number;
  userId: string;
  /** already sanitised for display: control and bidi characters removed, truncated */
  nickname: string;
  text: string;
}

export interface AdTotals {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  /** GMV reported by the ad platform for the plan/creative */
  gmv: number;
  ctr: Figure;
  cpm: Figure;
  cpc: Figure;
  costPerConversion: Figure;
  roi: Figure;
}

export interface AdPlanRow extends AdTotals {
  planId: string;
  name: string;
  status: 'on' | 'paused' | 'over_budget';
  budget: number;
  bid: number;
  channel: string;
}

export interface AdCreativeRow extends AdTotals {
  creativeId: string;
  planId: string;
  title: string;
  kind: 'video' | 'image' | 'live';
}

export type Quadrant = 'natural_fan' | 'natural_nonfan' | 'paid_fan' | 'paid_nonfan';
export interface QuadrantRow {
  quadrant: Quadrant;
  pv: number;
  pvShare: Figure;
  gmv: number;
  gpm: Figure;
}

/** Quantiles of one indicator across the peer tier (docs/product.md indicator ids; rates are fractions). */
export interface BenchmarkQuantiles {
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

/** A `benchmark` event in force: the latest one seen for its scope and window. */
export interface BenchmarkRow {
  category: string;
  tier: string | null;
  /** product-level benchmarks name a price band; shop-level ones do not */
  priceBand: string | null;
  window: '1d' | '7d' | '30d';
  indicators: Record<string, BenchmarkQuantiles>;
  ts: number;
}

/** The whole view model of one room; deltas replace top-level keys. */
export interface RoomView {
  info: RoomInfo;
  /** event time of the newest event applied (epoch ms) */
  eventTime: number;
  /** seq of the newest event applied */
  seq: number;
  figures: Figures;
  /** change of each figure over the last 5 minutes vs the 5 minutes before, as a fraction; null = "—" */
  change5m: Figures;
  /** last 5 minutes in 10-second buckets (30 points) */
  recent: Series;
  /** whole show in 1-minute buckets */
  minutes: Series;
  markers: Marker[];
  channels: ChannelRow[];
  funnel: Funnel;
  /** viewers (first entry), buyers, and the viewers split by their first entry's channel: paid vs natural */
  portrait: { viewers: PortraitCounts; buyers: PortraitCounts; paidViewers: PortraitCounts; naturalViewers: PortraitCounts };
  products: ProductRow[];
  explaining: string | null;
  /** newest last, at most 100 */
  comments: CommentRow[];
  ads: { totals: AdTotals; plans: AdPlanRow[]; creatives: AdCreativeRow[] };
  /** natural/paid × fan/non-fan */
  quadrants: QuadrantRow[];
  /** paid vs natural entries and the current online split estimate */
  paidVsNatural: { paidEnters: number; naturalEnters: number; paidOnline: number; naturalOnline: number };
  /** the peer benchmarks seen in this session (latest per category/tier/price band/window), for the product diagnosis */
  benchmarks: BenchmarkRow[];
}

export type RoomViewKey = keyof RoomView;
