/**
 * The diagnosis indicators (docs/product.md table "indicator | window value | weight | better"): how
 * a set of sessions gives the window value, and the TOP3 weight of one session. The value of one
 * session alone (x_s) is the same formula over that session.
 */
import type { Better, DiagnosisKind, SessionStats } from './types';

export type IndicatorUnit = 'seconds' | 'count' | 'rate' | 'fen' | 'hours';

export interface Valued {
  value: number | null;
  /** why the value is null */
  reason?: string;
}

export interface IndicatorDef {
  id: string;
  zh: string;
  unit: IndicatorUnit;
  better: Better;
  /** a sum over sessions: the TOP3 target is the peer median ÷ number of sessions */
  summed: boolean;
  /** which of the window's sessions the indicator is about (default: all) */
  applies?: (s: SessionStats) => boolean;
  value(sessions: SessionStats[]): Valued;
  weight(s: SessionStats): number;
}

const sum = (sessions: SessionStats[], f: (s: SessionStats) => number) => sessions.reduce((a, s) => a + f(s), 0);

/** Σ num ÷ Σ den, or null with `reason` when Σ den is 0. */
function rate(num: (s: SessionStats) => number, den: (s: SessionStats) => number, reason: string) {
  return (sessions: SessionStats[]): Valued => {
    const d = sum(sessions, den);
    return d > 0 ? { value: sum(sessions, num) / d } : { value: null, reason };
  };
}

const NO_SESSIONS: Valued = { value: null, reason: 'no sessions in window' };

function guarded(f: (sessions: SessionStats[]) => Valued) {
  return (sessions: SessionStats[]): Valued => (sessions.length === 0 ? NO_SESSIONS : f(sessions));
}

const one = () => 1;

/**
 * Whether a TOP3 impact (weight × shortfall) is in the indicator's own unit (seconds, fen …):
 * true for weight-1 indicators; a weighted rate (rate × viewers …) has no unit of its own.
 */
export function impactInOwnUnit(def: IndicatorDef): boolean {
  return def.weight === one;
}

export const SELF_INDICATORS: IndicatorDef[] = [
  {
    id: 'effective_duration', zh: '有效直播时长', unit: 'seconds', better: 'higher', summed: true,
    value: guarded((ss) => {
      const known = ss.filter((s) => s.effectiveDuration !== null);
      return known.length ? { value: sum(known, (s) => s.effectiveDuration!) } : { value: null, reason: 'no session start seen' };
    }),
    weight: one,
  },
  {
    id: 'avg_watch_duration', zh: '人均观看时长', unit: 'seconds', better: 'higher', summed: false,
    value: guarded(rate((s) => s.watchSeconds, (s) => s.uv, 'no viewers (UV = 0)')),
    weight: (s) => s.uv,
  },
  {
    id: 'avg_online', zh: '平均在线人数', unit: 'count', better: 'higher', summed: false,
    value: guarded(rate((s) => s.onlineIntegral, (s) => s.sessionSeconds ?? 0, 'no live time')),
    weight: (s) => s.sessionSeconds ?? 0,
  },
  {
    id: 'peak_online', zh: '最高在线人数', unit: 'count', better: 'higher', summed: false,
    value: guarded((ss) => {
      const peaks = ss.map((s) => s.peakOnline).filter((p): p is number => p !== null);
      return peaks.length ? { value: Math.max(...peaks) } : { value: null, reason: 'no online figures' };
    }),
    weight: one,
  },
  {
    id: 'product_click_rate', zh: '商品点击率', unit: 'rate', better: 'higher', summed: false,
    value: guarded(rate((s) => s.productClickUsers, (s) => s.productExposureUsers, 'no product exposure users')),
    weight: (s) => s.productExposureUsers,
  },
  {
    id: 'click_to_order_rate', zh: '商品点击-成交转化率', unit: 'rate', better: 'higher', summed: false,
    value: guarded(rate((s) => s.buyers, (s) => s.productClickUsers, 'no product click users')),
    weight: (s) => s.productClickUsers,
  },
  {
    id: 'watch_to_order_rate', zh: '看播成交转化率', unit: 'rate', better: 'higher', summed: false,
    value: guarded(rate((s) => s.buyers, (s) => s.uv, 'no viewers (UV = 0)')),
    weight: (s) => s.uv,
  },
  {
    id: 'item_price', zh: '成交件单价', unit: 'fen', better: 'higher', summed: false,
    value: guarded(rate((s) => s.gmv, (s) => s.items, 'no items sold')),
    weight: (s) => s.items,
  },
];

const sv = (s: SessionStats) => s.service;

export const SERVICE_INDICATORS: IndicatorDef[] = [
  {
    id: 'ship_48h_rate', zh: '48小时发货率', unit: 'rate', better: 'higher', summed: false,
    value: guarded(rate((s) => sv(s).shipped48h, (s) => sv(s).paidNotCancelled, 'no paid orders (not cancelled)')),
    weight: (s) => sv(s).paidOrders,
  },
  {
    id: 'quality_return_rate', zh: '品质退货率', unit: 'rate', better: 'lower', summed: false,
    value: guarded(rate((s) => sv(s).qualityAftersales, (s) => sv(s).paidOrders, 'no paid orders')),
    weight: (s) => sv(s).paidOrders,
  },
  {
    id: 'negative_review_rate', zh: '差评率', unit: 'rate', better: 'lower', summed: false,
    value: guarded(rate((s) => sv(s).negativeReviews, (s) => sv(s).reviews, 'no reviews')),
    weight: (s) => sv(s).reviews,
  },
  {
    id: 'complaint_rate', zh: '投诉率', unit: 'rate', better: 'lower', summed: false,
    value: guarded(rate((s) => sv(s).complaints, (s) => sv(s).paidOrders, 'no paid orders')),
    weight: (s) => sv(s).paidOrders,
  },
  {
    id: 'reply_3min_rate', zh: '3分钟回复率', unit: 'rate', better: 'higher', summed: false,
    value: guarded(rate((s) => sv(s).buyerMessagesAnswered, (s) => sv(s).buyerMessages, 'no buyer messages')),
    weight: (s) => sv(s).buyerMessages,
  },
  {
    id: 'delivery_hours', zh: '物流到货时长', unit: 'hours', better: 'lower', summed: false,
    value: guarded(rate((s) => sv(s).deliveryHoursSum, (s) => sv(s).deliveredOrders, 'no delivered orders')),
    weight: (s) => sv(s).deliveredOrders,
  },
  {
    id: 'refund_only_hours', zh: '仅退款自主完结时长', unit: 'hours', better: 'lower', summed: false,
    value: guarded(rate((s) => sv(s).refundOnlyHoursSum, (s) => sv(s).refundOnlySelfClosed, 'no refund_only after-sales closed by the shop itself')),
    weight: (s) => sv(s).refundOnlySelfClosed,
  },
  {
    id: 'return_refund_hours', zh: '退货退款自主完结时长', unit: 'hours', better: 'lower', summed: false,
    value: guarded(rate((s) => sv(s).returnRefundHoursSum, (s) => sv(s).returnRefundSelfClosed, 'no return_refund after-sales closed by the shop itself')),
    weight: (s) => sv(s).returnRefundSelfClosed,
  },
  {
    id: 'dispute_rate', zh: '纠纷介入率', unit: 'rate', better: 'lower', summed: false,
    value: guarded(rate((s) => sv(s).disputes, (s) => sv(s).aftersalesOpened, 'no after-sales opened')),
    weight: (s) => sv(s).aftersalesOpened,
  },
];

export const isHead = (s: SessionStats) => s.host?.tier === 'head';
export const isMid = (s: SessionStats) => s.host?.tier === 'mid';

function gmvOf(applies: (s: SessionStats) => boolean) {
  // a sum: a window holding talent sessions but none of this tier has 0 GMV from it
  return guarded((ss) => ({ value: sum(ss.filter(applies), (s) => s.gmv) }));
}

const headOrMid = (s: SessionStats) => isHead(s) || isMid(s);

/** Talent indicators are sums of GMV; weight 1, like effective_duration (the spec names none). */
export const TALENT_INDICATORS: IndicatorDef[] = [
  { id: 'talent_gmv', zh: '达人代播GMV', unit: 'fen', better: 'higher', summed: true, applies: headOrMid, value: gmvOf(headOrMid), weight: one },
  { id: 'head_talent_gmv', zh: '头部达人GMV', unit: 'fen', better: 'higher', summed: true, applies: isHead, value: gmvOf(isHead), weight: one },
  { id: 'mid_talent_gmv', zh: '中腰部达人GMV', unit: 'fen', better: 'higher', summed: true, applies: isMid, value: gmvOf(isMid), weight: one },
];

export const INDICATORS_BY_KIND: Record<DiagnosisKind, IndicatorDef[]> = {
  self: SELF_INDICATORS,
  talent: TALENT_INDICATORS,
  service: SERVICE_INDICATORS,
};

/** Which of a shop's sessions a kind of diagnosis is about. */
export function sessionInKind(kind: DiagnosisKind, s: SessionStats): boolean {
  if (kind === 'self') return s.host?.kind === 'self';
  if (kind === 'talent') return s.host?.kind === 'talent';
  return true; // service: every session selling the shop's products
}
