/** The hand-built sessions of talent.test.ts (the figures are worked out there). */
import { sessionStats } from '../../../shared/diagnosis/session-stats';
import { allFinite, enter, may, order, S, session, SHOP } from './fixtures';

const q = (p25: number, p50: number, p75: number, p90: number) => ({ p25, p50, p75, p90 });
const product = (productId: string, priceBand: string) => ({ productId, title: productId, price: 1000, category: '美妆', priceBand, stock: 9, cartSlot: 1 });

/** `displays` exposures of a product and `orders` created orders (none paid). */
function sell(s: ReturnType<typeof session>, productId: string, displays: number, orders: number) {
  for (let i = 0; i < displays; i++) s.at(10 * S, 'product.exposure', { userId: `${s.id}-${productId}-v${i}`, productId });
  for (let i = 0; i < orders; i++) s.at(20 * S, 'order.create', order(`${s.id}-${productId}-o${i}`, `${s.id}-${productId}-v${i}`, productId, 1));
}

/** One paid order of `amount` by a buyer with a portrait. */
function paid(s: ReturnType<typeof session>, productId: string, amount: number, gender: string, age: string, region: string) {
  const u = `${s.id}-buyer`;
  s.at(30 * S, 'viewer.enter', enter(u, 'feed', false, { gender, age, region }))
    .at(31 * S, 'order.create', order(`${s.id}-paid`, u, productId, amount))
    .at(32 * S, 'order.pay', { orderId: `${s.id}-paid` });
}

export function talentSessions() {
  const T1 = session({ id: 'T1', startedAt: may(10, 20), host: { id: 'th1', name: '大主播', kind: 'talent', tier: 'head' } })
    .at(0, 'product.list', { products: [product('p1', 'B1'), product('p2', 'B1'), product('p3', 'B1'), product('p4', 'B2')] });
  sell(T1, 'p1', 10, 3);
  sell(T1, 'p2', 10, 1);
  sell(T1, 'p3', 10, 0);
  sell(T1, 'p4', 4, 2);
  paid(T1, 'p9', 100000, 'f', '24-30', '广东');
  T1.at(40 * S, 'benchmark', { scope: { category: '美妆', tier: 'L3' }, window: '7d', indicators: {
    talent_gmv: q(100000, 200000, 300000, 400000),
    head_talent_gmv: q(50000, 80000, 100000, 150000),
    mid_talent_gmv: q(10000, 20000, 40000, 80000),
  } })
    .at(41 * S, 'benchmark', { scope: { category: '美妆', priceBand: 'B1' }, window: '7d', indicators: { display_to_order_rate: q(0.05, 0.15, 0.25, 0.35) } })
    .at(42 * S, 'talent.catalog', { talents: [
      { id: 'r1', name: '美妆达人', level: 'LV5', followers: 500000, reputation: 4.8, categories: ['美妆'], gmv30d: 1_000_000, portrait: { gender: 'f', age: '24-30', region: '广东' } },
      { id: 'r2', name: '数码达人', level: 'LV6', followers: 900000, reputation: 4.9, categories: ['数码'], gmv30d: 5_000_000, portrait: { gender: 'f', age: '31-40', region: '浙江' } },
      { id: 'r3', name: '零食达人', level: 'LV3', followers: 10000, reputation: 4.1, categories: ['食品'], gmv30d: 50_000, portrait: { gender: 'm', age: '18-23', region: '北京' } },
      { id: 'th1', name: '大主播', level: 'LV7', followers: 9_000_000, reputation: 5, categories: ['美妆'], gmv30d: 9_000_000, portrait: { gender: 'f', age: '24-30', region: '广东' } },
    ] })
    .end(3600 * S);
  const T2 = session({ id: 'T2', startedAt: may(9, 20), host: { id: 'tm1', kind: 'talent', tier: 'mid' } })
    .at(0, 'product.list', { products: [product('p4', 'B2')] });
  sell(T2, 'p4', 10, 1);
  paid(T2, 'p9', 20000, 'f', '24-30', '浙江');
  T2.end(3600 * S);
  const T3 = session({ id: 'T3', startedAt: may(8, 20), host: { id: 'tm2', kind: 'talent', tier: 'mid' } })
    .at(0, 'product.list', { products: [product('p4', 'B2'), product('p5', 'B3')] });
  sell(T3, 'p4', 10, 2);
  sell(T3, 'p5', 2, 0);
  paid(T3, 'p9', 5000, 'm', '31-40', '广东');
  T3.end(3600 * S);
  const T4 = session({ id: 'T4', startedAt: may(7, 20), host: { id: 'tt1', kind: 'talent', tier: 'tail' } });
  paid(T4, 'p9', 7000, 'f', '24-30', '浙江');
  T4.end(3600 * S);
  const S1 = session({ id: 'S1', startedAt: may(10, 8) });
  paid(S1, 'p9', 99999, 'm', '50+', '北京');
  S1.end(3600 * S);
  return [T1, T2, T3, T4, S1];
}

export function talentFixture() {
  return talentSessions().map((s) => sessionStats(s.events));
}
