/**
 * Product recommendation (docs/product.md, product screen module 4): which product to explain next
 * and why. Each signal adds whole points, so a ranking can be worked out by hand:
 * - rising clicks: ≥ 5 clicks in the last 5 minutes and ≥ 1.5× the 5 minutes before → +3
 * - comment mentions: ≥ 3 comments name the product → +2
 * - best conversion not explained recently: ≥ 10 click users, click→order rate at least the
 *   cart's, not explained in the last 10 minutes (or never) → +2
 * - stock: ≥ 50% of the first listed stock left → +1; ≤ 10% left → −2
 * The product being explained and sold-out products are never recommended; a product needs a
 * positive signal other than stock. Ranked by points, then clicks in the last 5 minutes, then
 * cart slot.
 */
import type { ProductRow } from '../viewmodel/room';
import { count, message, minutes, rate, type AdviceMessage } from './message';
import { roomRate } from './reference';

export interface Recommendation {
  productId: string;
  title: string;
  cartSlot: number;
  score: number;
  reasons: AdviceMessage[];
}

export const SIGNALS = {
  risingMin: 5,
  risingFactor: 1.5,
  mentionsMin: 3,
  convertMinClicks: 10,
  recentMinutes: 10,
  stockAmple: 0.5,
  stockLow: 0.1,
} as const;

const MIN = 60_000;

function signals(p: ProductRow, now: number, cartConversion: number | null): { score: number; reasons: AdviceMessage[]; positive: boolean } {
  let score = 0;
  const reasons: AdviceMessage[] = [];
  if (p.clicksLast5m >= SIGNALS.risingMin && p.clicksLast5m >= p.clicksPrev5m * SIGNALS.risingFactor) {
    score += 3;
    reasons.push(message('advice.rec.rising', { last: count(p.clicksLast5m), prev: count(p.clicksPrev5m) }));
  }
  if (p.commentMentions >= SIGNALS.mentionsMin) {
    score += 2;
    reasons.push(message('advice.rec.mentions', { mentions: count(p.commentMentions) }));
  }
  const lastExplained = p.lastExplainEnd ?? p.lastExplainStart;
  const sinceExplained = lastExplained === null ? null : (now - lastExplained) / MIN;
  if (
    p.clickUsers >= SIGNALS.convertMinClicks && p.clickToOrderRate !== null && cartConversion !== null &&
    p.clickToOrderRate >= cartConversion && (sinceExplained === null || sinceExplained >= SIGNALS.recentMinutes)
  ) {
    score += 2;
    reasons.push(
      sinceExplained === null
        ? message('advice.rec.convertsNever', { rate: rate(p.clickToOrderRate) })
        : message('advice.rec.convertsNotRecent', { rate: rate(p.clickToOrderRate), minutes: minutes(Math.floor(sinceExplained)) }),
    );
  }
  const positive = score > 0;
  if (p.stock >= p.initialStock * SIGNALS.stockAmple) {
    score += 1;
    reasons.push(message('advice.rec.stockAmple', { stock: count(p.stock) }));
  } else if (p.stock <= p.initialStock * SIGNALS.stockLow) {
    score -= 2;
    reasons.push(message('advice.rec.stockLow', { stock: count(p.stock) }));
  }
  return { score, reasons, positive };
}

export function recommendProducts(products: readonly ProductRow[], now: number, limit = 3): Recommendation[] {
  const cartConversion = roomRate(products, 'click_to_order_rate');
  const out: (Recommendation & { clicks: number })[] = [];
  for (const p of products) {
    if (p.explaining || p.stock <= 0) continue;
    const s = signals(p, now, cartConversion);
    if (!s.positive || s.score <= 0) continue;
    out.push({ productId: p.productId, title: p.title, cartSlot: p.cartSlot, score: s.score, reasons: s.reasons, clicks: p.clicksLast5m });
  }
  out.sort((a, b) => b.score - a.score || b.clicks - a.clicks || a.cartSlot - b.cartSlot);
  return out.slice(0, limit).map(({ clicks: _clicks, ...r }) => r);
}
