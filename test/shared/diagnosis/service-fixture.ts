/** The hand-built sessions of service.test.ts (the figures are worked out there). */
import { sessionStats } from '../../../shared/diagnosis/session-stats';
import { allFinite, H, may, order, S, session, SHOP } from './fixtures';

const q = (p25: number, p50: number, p75: number, p90: number) => ({ p25, p50, p75, p90 });
const P = 100 * S;

export function serviceSessions() {
  const X = session({ id: 'X', startedAt: may(10, 9) });
  for (const [o, p] of [['xo1', 'q1'], ['xo2', 'q1'], ['xo3', 'q2'], ['xo4', 'q2']] as const) {
    X.at(50 * S, 'order.create', order(o, `b-${o}`, p, 1000)).at(P, 'order.pay', { orderId: o });
  }
  X.at(200 * S, 'benchmark', { scope: { category: '美妆', tier: 'L3' }, window: '1d', indicators: {
    ship_48h_rate: q(0.8, 0.9, 0.95, 0.99),
    quality_return_rate: q(0.01, 0.02, 0.05, 0.1),
    negative_review_rate: q(0.05, 0.1, 0.2, 0.3),
    complaint_rate: q(0.1, 0.2, 0.3, 0.4),
    reply_3min_rate: q(0.5, 0.6, 0.7, 0.8),
    delivery_hours: q(24, 36, 48, 72),
    return_refund_hours: q(12, 24, 48, 72),
    dispute_rate: q(0.1, 0.2, 0.3, 0.4),
  } })
    .at(300 * S, 'cs.message', { userId: 'u1', from: 'buyer' })
    .at(300 * S, 'cs.message', { userId: 'u2', from: 'buyer' })
    .at(400 * S, 'cs.message', { userId: 'u1', from: 'shop' })
    .at(500 * S, 'cs.message', { userId: 'u2', from: 'shop' })
    .end(3600 * S)
    .at(P + 1 * H, 'order.cancel', { orderId: 'xo4' })
    .at(P + 1 * H, 'aftersale.open', { orderId: 'xo4', kind: 'refund_only', reason: 'other' })
    .at(P + 5 * H, 'aftersale.close', { orderId: 'xo4', self: false })
    .at(P + 6 * H, 'dispute', { orderId: 'xo4' })
    .at(P + 10 * H, 'order.ship', { orderId: 'xo3' })
    .at(P + 24 * H, 'order.ship', { orderId: 'xo1' })
    .at(P + 48 * H, 'order.deliver', { orderId: 'xo3' })
    .at(P + 50 * H, 'order.ship', { orderId: 'xo2' })
    .at(P + 72 * H, 'order.deliver', { orderId: 'xo1' })
    .at(P + 80 * H, 'review', { orderId: 'xo1', rating: 5 })
    .at(P + 81 * H, 'review', { orderId: 'xo3', rating: 1 })
    .at(P + 90 * H, 'complaint', { orderId: 'xo2' })
    .at(P + 100 * H, 'aftersale.open', { orderId: 'xo2', kind: 'return_refund', reason: 'quality' })
    .at(P + 110 * H, 'aftersale.close', { orderId: 'xo2', self: true });
  const Y = session({ id: 'Y', startedAt: may(10, 15), host: { id: 'tm', kind: 'talent', tier: 'mid' } });
  for (const o of ['yo1', 'yo2']) Y.at(50 * S, 'order.create', order(o, `b-${o}`, 'q2', 1000)).at(P, 'order.pay', { orderId: o });
  Y.at(300 * S, 'cs.message', { userId: 'u5', from: 'buyer' })
    .at(480 * S, 'cs.message', { userId: 'u5', from: 'shop' })
    .end(3600 * S)
    .at(P + 5 * H, 'order.ship', { orderId: 'yo1' })
    .at(P + 5 * H, 'order.ship', { orderId: 'yo2' })
    .at(P + 30 * H, 'order.deliver', { orderId: 'yo1' })
    .at(P + 40 * H, 'aftersale.open', { orderId: 'yo1', kind: 'refund_only', reason: 'quality' })
    .at(P + 46 * H, 'aftersale.close', { orderId: 'yo1', self: true })
    .at(P + 50 * H, 'review', { orderId: 'yo1', rating: 2 })
    .at(P + 50 * H, 'review', { orderId: 'yo2', rating: 1 });
  return [X, Y];
}

export function serviceFixture() {
  return serviceSessions().map((s) => sessionStats(s.events));
}
