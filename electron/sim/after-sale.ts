/**
 * The after-sale of a show's paid orders (service diagnosis): shipping, delivery, after-sales,
 * reviews, complaints, disputes and customer-service messages, with timestamps over the days
 * after the show — realistic hours, because 48小时发货率 and 物流到货时长 are measured on them.
 * Products differ in quality (`defect`), so some products drag 差评率 and 品质退货率 more than others.
 */
import type { Random } from './random';

export interface PaidOrder {
  orderId: string;
  userId: string;
  paidAt: number;
  /** 0 = flawless … 1 = often faulty */
  defect: number;
}

export interface LaterEvent {
  ts: number;
  type: string;
  body: Record<string, unknown>;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far after the end of a show its after-sale reaches, at most (for time-compression). */
export const AFTER_SALE_SPAN_MS = 16 * DAY;

/** Every after-sale event of the orders, in ascending ts, none before `endedAt + 1`. */
export function planAfterSale(orders: readonly PaidOrder[], endedAt: number, r: Random): LaterEvent[] {
  const later: LaterEvent[] = [];
  const limit = endedAt + AFTER_SALE_SPAN_MS;
  const at = (ts: number, type: string, body: Record<string, unknown>) =>
    later.push({ ts: Math.round(Math.min(limit, Math.max(ts, endedAt + 1))), type, body });
  for (const o of orders) {
    const orderId = o.orderId;
    // a few buyers change their mind before the parcel leaves
    if (r() < 0.015) {
      at(o.paidAt + r() * 6 * HOUR, 'order.cancel', { orderId });
      continue;
    }
    const shipped = o.paidAt + (r() < 0.9 ? 2 * HOUR + r() * 44 * HOUR : 49 * HOUR + r() * 48 * HOUR);
    at(shipped, 'order.ship', { orderId });
    const delivered = shipped + 20 * HOUR + r() * 70 * HOUR;
    at(delivered, 'order.deliver', { orderId });
    if (r() < 0.3) {
      const bad = r() < 0.03 + 0.15 * o.defect;
      at(delivered + r() * 3 * DAY, 'review', { orderId, rating: bad ? 1 + Math.floor(r() * 2) : r() < 0.15 ? 3 : 4 + Math.floor(r() * 2) });
    }
    if (r() < 0.05 + 0.1 * o.defect) {
      const kind = r() < 0.45 ? 'refund_only' : 'return_refund';
      const opened = delivered + r() * 2 * DAY;
      at(opened, 'aftersale.open', { orderId, kind, reason: r() < 0.25 + 0.5 * o.defect ? 'quality' : 'other' });
      const hours = kind === 'refund_only' ? 2 + r() * 40 : 24 + r() * 96;
      at(opened + hours * HOUR, 'aftersale.close', { orderId, self: r() < 0.88 });
      if (r() < 0.07) at(opened + (1 + r() * 2) * DAY, 'dispute', { orderId });
    }
    if (r() < 0.004 + 0.02 * o.defect) at(delivered + r() * DAY, 'complaint', { orderId });
    if (r() < 0.12) {
      // a buyer asks about the parcel; the shop answers, mostly within 3 minutes
      const asked = o.paidAt + r() * 2 * DAY;
      at(asked, 'cs.message', { userId: o.userId, from: 'buyer' });
      at(asked + (r() < 0.78 ? 10_000 + r() * 160_000 : 4 * MINUTE + r() * HOUR), 'cs.message', { userId: o.userId, from: 'shop' });
    }
  }
  later.sort((a, b) => a.ts - b.ts);
  return later;
}
