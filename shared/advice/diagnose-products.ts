/**
 * Real-time product diagnosis (docs/product.md, product screen module 2): per product, rule-based
 * flags with a reason and a suggestion. Pure: the same view gives the same flags.
 *
 * Rules, in the order a host should act on them:
 * - sold_out / stock_low (库存告急): stock 0; or stock ≤ 10% of the first listed stock; or at
 *   the last 5 minutes' sales pace the stock lasts ≤ 10 minutes.
 * - unpaid (压单): ≥ 3 orders created but neither paid nor cancelled, and ≥ 30% of the created.
 * - explain_stalled: explained for ≥ 5 minutes with ≥ 10 click users since it started, but no
 *   paid order of it in the last 5 minutes.
 * - low_conversion: click users at least the cart's average (and ≥ 20), click→order rate under
 *   the reference (./reference.ts).
 * - low_click_rate: exposure users at least the cart's average (and ≥ 50), click rate under the
 *   reference.
 */
import type { BenchmarkRow, ProductRow } from '../viewmodel/room';
import { count, message, minutes, rate, type AdviceMessage } from './message';
import { referenceFor, roomRate, type Reference } from './reference';

export type DiagnosisRule = 'sold_out' | 'stock_low' | 'unpaid' | 'explain_stalled' | 'low_conversion' | 'low_click_rate';

export interface ProductFlag {
  productId: string;
  title: string;
  rule: DiagnosisRule;
  severity: 'alert' | 'warn';
  /** what a rate was judged against (rate rules only) */
  basis?: Reference['basis'];
  reason: AdviceMessage;
  suggestion: AdviceMessage;
}

export interface DiagnosisInput {
  products: readonly ProductRow[];
  benchmarks: readonly BenchmarkRow[];
  shopTier: string;
  /** the room's clock (newest event time), ms */
  now: number;
}

export const LIMITS = {
  stockShare: 0.1,
  stockMinutes: 10,
  unpaidMin: 3,
  unpaidShare: 0.3,
  stalledMinutes: 5,
  stalledClicks: 10,
  minClicks: 20,
  minExposure: 50,
} as const;

const MIN = 60_000;
const RULE_ORDER: DiagnosisRule[] = ['sold_out', 'stock_low', 'unpaid', 'explain_stalled', 'low_conversion', 'low_click_rate'];

function stockFlag(p: ProductRow): Omit<ProductFlag, 'productId' | 'title'> | null {
  if (p.stock <= 0) return { rule: 'sold_out', severity: 'alert', reason: message('advice.reason.soldOut'), suggestion: message('advice.suggest.restockOrSwitch') };
  // minutes the stock lasts at the last 5 minutes' pace of paid orders (one item per order as the floor)
  const lasts = p.ordersLast5m > 0 ? (p.stock / p.ordersLast5m) * 5 : Infinity;
  if (p.stock <= p.initialStock * LIMITS.stockShare || lasts <= LIMITS.stockMinutes) {
    const params = { stock: count(p.stock), ...(Number.isFinite(lasts) ? { minutes: minutes(Math.max(1, Math.round(lasts))) } : {}) };
    return {
      rule: 'stock_low',
      severity: 'alert',
      reason: message(Number.isFinite(lasts) ? 'advice.reason.stockLowPace' : 'advice.reason.stockLow', params),
      suggestion: message('advice.suggest.restockOrUrgency'),
    };
  }
  return null;
}

function unpaidFlag(p: ProductRow): Omit<ProductFlag, 'productId' | 'title'> | null {
  if (p.unpaidOrders < LIMITS.unpaidMin || p.unpaidOrders < p.createdOrders * LIMITS.unpaidShare) return null;
  return {
    rule: 'unpaid',
    severity: 'warn',
    reason: message('advice.reason.unpaid', { unpaid: count(p.unpaidOrders), created: count(p.createdOrders) }),
    suggestion: message('advice.suggest.remindPay'),
  };
}

function stalledFlag(p: ProductRow, now: number): Omit<ProductFlag, 'productId' | 'title'> | null {
  if (!p.explaining || p.lastExplainStart === null || !p.sinceExplain) return null;
  const explained = (now - p.lastExplainStart) / MIN;
  if (explained < LIMITS.stalledMinutes || p.sinceExplain.clickUsers < LIMITS.stalledClicks || p.ordersLast5m > 0) return null;
  return {
    rule: 'explain_stalled',
    severity: 'warn',
    reason: message('advice.reason.stalled', { minutes: minutes(Math.floor(explained)), clicks: count(p.sinceExplain.clickUsers) }),
    suggestion: message('advice.suggest.switchOrOffer'),
  };
}

function rateFlag(
  rule: 'low_conversion' | 'low_click_rate',
  value: number | null,
  ref: Reference | null,
): Omit<ProductFlag, 'productId' | 'title'> | null {
  if (value === null || ref === null || value >= ref.threshold) return null;
  const params = { value: rate(value), ref: rate(ref.threshold) };
  const key = rule === 'low_conversion' ? 'lowConversion' : 'lowClickRate';
  return {
    rule,
    severity: 'warn',
    basis: ref.basis,
    reason: message(`advice.reason.${key}.${ref.basis}`, params),
    suggestion: message(rule === 'low_conversion' ? 'advice.suggest.priceCouponStock' : 'advice.suggest.explainPin'),
  };
}

export function diagnoseProducts(input: DiagnosisInput): ProductFlag[] {
  const { products, benchmarks, shopTier, now } = input;
  const n = products.length;
  if (n === 0) return [];
  const avgClicks = products.reduce((s, p) => s + p.clickUsers, 0) / n;
  const avgExposure = products.reduce((s, p) => s + p.exposureUsers, 0) / n;
  const roomClick = roomRate(products, 'product_click_rate');
  const roomConv = roomRate(products, 'click_to_order_rate');
  const flags: ProductFlag[] = [];
  for (const p of products) {
    const found = [
      stockFlag(p),
      unpaidFlag(p),
      stalledFlag(p, now),
      p.clickUsers >= Math.max(LIMITS.minClicks, avgClicks)
        ? rateFlag('low_conversion', p.clickToOrderRate, referenceFor(p, 'click_to_order_rate', benchmarks, shopTier, roomConv))
        : null,
      p.exposureUsers >= Math.max(LIMITS.minExposure, avgExposure)
        ? rateFlag('low_click_rate', p.clickRate, referenceFor(p, 'product_click_rate', benchmarks, shopTier, roomClick))
        : null,
    ];
    for (const f of found) if (f) flags.push({ productId: p.productId, title: p.title, ...f });
  }
  // alerts first, then by rule, then cart order (stable: products arrive in cart order)
  return flags
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.severity === b.f.severity ? 0 : a.f.severity === 'alert' ? -1 : 1) || RULE_ORDER.indexOf(a.f.rule) - RULE_ORDER.indexOf(b.f.rule) || a.i - b.i)
    .map(({ f }) => f);
}
