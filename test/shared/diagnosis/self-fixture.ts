/** The hand-built sessions of self.test.ts (the figures are worked out there). */
import { sessionStats } from '../../../shared/diagnosis/session-stats';
import { allFinite, enter, may, order, plainSession, S, session, SHOP } from './fixtures';

const q = (p25: number, p50: number, p75: number, p90: number) => ({ p25, p50, p75, p90 });

export function selfSessions() {
  const A = session({ id: 'A', startedAt: may(10, 10) })
    .at(0, 'online', { count: 10 })
    .at(0, 'product.list', { products: [
      { productId: 'p1', title: '口红', price: 10000, category: '美妆', priceBand: '100-200', stock: 10, cartSlot: 1 },
      { productId: 'p2', title: '粉底', price: 5000, category: '美妆', priceBand: '50-100', stock: 10, cartSlot: 2 },
    ] })
    .at(0, 'viewer.enter', enter('u1', 'feed', true))
    .at(10 * S, 'product.exposure', { userId: 'u1', productId: 'p1' })
    .at(20 * S, 'product.click', { userId: 'u1', productId: 'p1' })
    .at(30 * S, 'order.create', order('o1', 'u1', 'p1', 20000, 2, 'feed', true))
    .at(40 * S, 'order.pay', { orderId: 'o1' })
    .at(60 * S, 'viewer.enter', enter('u2', 'qianchuan', false))
    .at(70 * S, 'product.exposure', { userId: 'u2', productId: 'p1' })
    .at(71 * S, 'product.exposure', { userId: 'u2', productId: 'p2' })
    .at(80 * S, 'product.click', { userId: 'u2', productId: 'p2' })
    .at(90 * S, 'order.create', order('o2', 'u2', 'p2', 5000, 1, 'qianchuan', false))
    .at(100 * S, 'order.pay', { orderId: 'o2' })
    .at(120 * S, 'viewer.enter', enter('u3', 'search', false))
    .at(130 * S, 'product.exposure', { userId: 'u3', productId: 'p1' })
    .at(140 * S, 'order.create', order('o3', 'u3', 'p1', 10000))
    .at(150 * S, 'order.cancel', { orderId: 'o3' })
    .at(180 * S, 'viewer.leave', { userId: 'u3' })
    .at(200 * S, 'benchmark', { scope: { category: '美妆', tier: 'L3' }, window: '1d', indicators: {
      effective_duration: q(2000, 4000, 6000, 8000),
      avg_watch_duration: q(100, 200, 400, 600),
      avg_online: q(20, 40, 60, 80),
      peak_online: q(20, 40, 60, 80),
      product_click_rate: q(0.2, 0.4, 0.6, 0.8),
      click_to_order_rate: q(0.1, 0.2, 0.3, 0.4),
      watch_to_order_rate: q(0.1, 0.2, 0.4, 0.5),
      item_price: q(5000, 10000, 15000, 20000),
      pv_share_natural_fan: q(0.1, 0.3, 0.5, 0.6),
    } })
    // another tier and another window length: never in force here
    .at(201 * S, 'benchmark', { scope: { category: '美妆', tier: 'L9' }, window: '1d', indicators: { avg_online: q(0, 1, 2, 3) } })
    .at(202 * S, 'benchmark', { scope: { category: '美妆', tier: 'L3' }, window: '7d', indicators: { avg_online: q(0, 1, 2, 3) } })
    .at(600 * S, 'viewer.leave', { userId: 'u1' })
    .at(600 * S, 'online', { count: 20 })
    .at(900 * S, 'stream.state', { state: 'paused' })
    .at(1200 * S, 'stream.state', { state: 'live' })
    .end(1800 * S);
  const B = session({ id: 'B', startedAt: may(10, 14) })
    .at(0, 'online', { count: 4 })
    .at(0, 'viewer.enter', enter('u9', 'feed', false))
    .at(0, 'viewer.enter', enter('u8', 'dou_plus', true))
    .at(5 * S, 'product.exposure', { userId: 'u9', productId: 'p1' })
    .at(5 * S, 'product.exposure', { userId: 'u8', productId: 'p1' })
    .at(6 * S, 'product.click', { userId: 'u9', productId: 'p1' })
    .at(300 * S, 'viewer.leave', { userId: 'u9' })
    .end(600 * S);
  const C = session({ id: 'C', startedAt: may(10, 20), host: { id: 't1', kind: 'talent', tier: 'head' } })
    .at(0, 'online', { count: 9999 })
    .at(0, 'viewer.enter', enter('x1'))
    .end(7200 * S);
  const H1 = plainSession('H1', may(9), { seconds: 1000, online: 30, viewers: 10, clickers: 5, buyers: 1, price: 5000 });
  // an older benchmark of the same scope: the later one (in A) is in force
  H1.at(10 * S, 'benchmark', { scope: { category: '美妆', tier: 'L3' }, window: '1d', indicators: { avg_online: q(0, 1, 2, 3) } });
  const H2 = plainSession('H2', may(8), { seconds: 3000, online: 40, viewers: 10, clickers: 2, buyers: 2, price: 10000 });
  const H3 = plainSession('H3', may(7), { seconds: 2100, online: 50, viewers: 10, clickers: 8, buyers: 4, price: 8000 });
  return [A, B, C, H1, H2, H3];
}


export function selfFixture() {
  return selfSessions().map((s) => sessionStats(s.events));
}
