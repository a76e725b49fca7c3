/**
 * Small hand-written sessions, one per tricky definition, with the expected figures worked out
 * by hand from docs/product.md "Metric definitions" and the glossary.
 */
import { describe, expect, it } from 'vitest';
import { RoomAggregator } from '../../../shared/aggregate';
import { validateEvent } from '../../../shared/protocol/validate';

const T0 = 1_700_000_000_000; // a multiple of 10 s
const S = 1000;
const MIN = 60 * S;

/** A session driven by hand: `at(ms after start, type, body)`. */
function session() {
  const agg = new RoomAggregator();
  let seq = 0;
  const at = (offset: number, type: string, body: Record<string, unknown> = {}) => {
    const v = validateEvent({ seq: ++seq, ts: T0 + offset, type, ...body });
    if (!v.ok) throw new Error(v.detail);
    agg.apply(v.event, v.known);
    return agg;
  };
  at(0, 'session.start', {
    sessionId: 's1', roomId: 'r1', title: 'Show', startedAt: T0,
    host: { id: 'h', name: 'Host', kind: 'self' }, shop: { id: 'shop', name: 'Shop', category: 'c', tier: 't' },
  });
  return { agg, at, fig: () => agg.view().figures };
}

const enter = (userId: string, channel = 'feed', fan = false, extra: Record<string, unknown> = {}) =>
  ['viewer.enter', { userId, channel, fan, ...extra }] as const;
const order = (orderId: string, userId: string, amount: number, extra: Record<string, unknown> = {}) =>
  ['order.create', { orderId, userId, productId: 'p1', qty: 1, amount, channel: 'feed', fan: false, ...extra }] as const;

describe('figure definitions, by hand', () => {
  it('an empty room: zero denominators give null, never NaN, Infinity or 0', () => {
    const { agg, fig } = session();
    expect(agg.sessionId).toBe('s1');
    expect(agg.view().info).toMatchObject({ sessionId: 's1', roomId: 'r1', state: 'live', endedAt: null });
    const f = fig();
    for (const id of ['avg_online', 'avg_watch_duration', 'gpm', 'watch_to_order_rate', 'product_click_rate',
      'click_to_order_rate', 'interaction_rate', 'item_price', 'order_price', 'fan_buyer_share', 'ad_ctr', 'ad_cpm',
      'ad_cpc', 'ad_cost_per_conversion', 'ad_roi'] as const) expect(f[id], id).toBeNull();
    expect(f.gmv).toBe(0);
    expect(f.online).toBe(0);
    for (const v of Object.values(f)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });

  it('spend without clicks or conversions: CTR 0, CPC and cost per conversion null; GMV without spend: ROI null', () => {
    const { at, fig } = session();
    at(1 * S, 'ad.stats', { planId: 'a', impressions: 1000, clicks: 0, spend: 500, conversions: 0, gmv: 0 });
    let f = fig();
    expect(f.ad_ctr).toBe(0);
    expect(f.ad_cpm).toBe(500);
    expect(f.ad_cpc).toBeNull();
    expect(f.ad_cost_per_conversion).toBeNull();
    expect(f.ad_roi).toBe(0); // spend but no paid-channel GMV: a real 0
    const s2 = session();
    s2.at(S, ...order('o1', 'u1', 900, { channel: 'qianchuan' }));
    s2.at(2 * S, 'order.pay', { orderId: 'o1' });
    f = s2.fig();
    expect(f.ad_gmv).toBe(900);
    expect(f.ad_roi).toBeNull();
  });

  it('unknown channels count under other; paid channels feed ad GMV, ROI = paid-channel GMV ÷ spend (not the platform gmv)', () => {
    const { agg, at } = session();
    at(S, ...enter('u1', 'martian_feed'));
    at(2 * S, ...enter('u2', 'qianchuan'));
    at(3 * S, ...order('o1', 'u1', 1000, { channel: 'martian_feed' }));
    at(4 * S, ...order('o2', 'u2', 3000, { channel: 'dou_plus' }));
    at(5 * S, 'order.pay', { orderId: 'o1' });
    at(6 * S, 'order.pay', { orderId: 'o2' });
    at(7 * S, 'ad.stats', { planId: 'a', impressions: 10, clicks: 1, spend: 1500, conversions: 1, gmv: 99_999 });
    const v = agg.view();
    const other = v.channels.find((c) => c.channel === 'other')!;
    expect(other.enters).toBe(1);
    expect(other.gmv).toBe(1000);
    expect(v.channels.find((c) => c.channel === 'dou_plus')!.gmv).toBe(3000);
    expect(v.figures.ad_gmv).toBe(3000);
    expect(v.figures.ad_roi).toBe(2);
    expect(v.ads.totals.gmv).toBe(99_999); // the ad platform's own figure, shown next to it
    expect(v.ads.plans[0]!.roi).toBeCloseTo(99_999 / 1500, 9);
  });

  it('leave without enter, duplicate enter: PV counts views, watch time counts one stay', () => {
    const { at, fig } = session();
    at(0, 'viewer.leave', { userId: 'ghost' });
    at(10 * S, ...enter('u1'));
    at(20 * S, ...enter('u1')); // duplicate while inside
    at(40 * S, 'viewer.leave', { userId: 'u1' });
    at(40 * S, 'viewer.leave', { userId: 'u1' }); // a second leave: no stay open
    at(60 * S, 'like', { count: 1 });
    const f = fig();
    expect(f.pv).toBe(2);
    expect(f.uv).toBe(1);
    expect(f.avg_watch_duration).toBe(30); // 10 s → 40 s, once
    expect(f.online).toBe(0); // derived: nobody inside
    expect(f.peak_online).toBe(1);
  });

  it('open stays count to the newest event time, and to endedAt once ended', () => {
    const { at, fig } = session();
    at(0, ...enter('u1'));
    at(30 * S, ...enter('u2'));
    at(90 * S, 'like', { count: 3 });
    expect(fig().avg_watch_duration).toBe((90 + 60) / 2);
    at(100 * S, 'session.end', { endedAt: T0 + 100 * S });
    at(5000 * S, 'order.ship', { orderId: 'x' }); // after-sale: time stays at endedAt
    expect(fig().avg_watch_duration).toBe((100 + 70) / 2);
    expect(fig().avg_online).toBeCloseTo((1 * 30 + 2 * 70) / 100, 9);
  });

  it('an order paid twice counts once; a cancel after payment changes nothing; a pay after cancel is ignored', () => {
    const { agg, at, fig } = session();
    at(S, ...order('o1', 'u1', 1000, { qty: 2 }));
    at(2 * S, 'order.pay', { orderId: 'o1' });
    at(3 * S, 'order.pay', { orderId: 'o1' });
    at(4 * S, 'order.cancel', { orderId: 'o1' });
    at(5 * S, ...order('o2', 'u2', 500));
    at(6 * S, 'order.cancel', { orderId: 'o2' });
    at(7 * S, 'order.pay', { orderId: 'o2' });
    at(8 * S, ...order('o3', 'u3', 700));
    at(9 * S, 'order.pay', { orderId: 'nope' });
    const f = fig();
    expect(f.gmv).toBe(1000);
    expect(f.orders).toBe(1);
    expect(f.items).toBe(2);
    expect(f.buyers).toBe(1);
    expect(f.item_price).toBe(500);
    expect(f.order_price).toBe(1000);
    const p = agg.view().products.length ? agg.view().products[0]! : null;
    expect(p).toBeNull(); // p1 was never listed in the cart
    at(10 * S, 'product.list', { products: [{ productId: 'p1', title: 'T', price: 1, category: 'c', stock: 5, cartSlot: 1 }] });
    const row = agg.view().products[0]!;
    expect(row.createdOrders).toBe(3);
    expect(row.unpaidOrders).toBe(1); // o3: created, neither paid nor cancelled (压单)
    expect(row.orders).toBe(1);
  });

  it('fan share of buyers follows the order that made the buyer', () => {
    const { at, fig } = session();
    at(S, ...order('o1', 'u1', 100, { fan: true }));
    at(S, ...order('o2', 'u2', 100, { fan: false }));
    at(S, ...order('o3', 'u2', 100, { fan: true }));
    at(2 * S, 'order.pay', { orderId: 'o1' });
    at(2 * S, 'order.pay', { orderId: 'o2' });
    at(2 * S, 'order.pay', { orderId: 'o3' });
    expect(fig().fan_buyer_share).toBe(0.5);
  });

  it('avg online is time-weighted over the live time, pauses included; the platform figure wins once it arrives', () => {
    const { at, fig } = session();
    at(0, ...enter('u1'));
    at(0, ...enter('u2'));
    at(10 * S, 'online', { count: 10 }); // 2 for 10 s, then the platform figure
    at(20 * S, 'stream.state', { state: 'paused' });
    at(40 * S, 'online', { count: 30 });
    at(40 * S, ...enter('u3')); // the derived figure no longer counts
    at(100 * S, 'stream.state', { state: 'live' });
    const f = fig();
    expect(f.online).toBe(30);
    expect(f.peak_online).toBe(30);
    expect(f.avg_online).toBeCloseTo((2 * 10 + 10 * 30 + 30 * 60) / 100, 9);
  });

  it('effective duration: live time minus pauses, counting only minutes with online ≥ 1', () => {
    const { at, fig } = session();
    // minute 0: nobody online → does not count
    at(70 * S, 'online', { count: 5 }); // minute 1: online from 70 s
    at(130 * S, 'stream.state', { state: 'paused' }); // minute 2: paused 130–150 s
    at(150 * S, 'stream.state', { state: 'live' });
    at(185 * S, 'online', { count: 0 }); // minute 3: was 5 at its start → counts
    // minute 4 (240–300 s): online 0 throughout → does not count
    at(310 * S, 'online', { count: 2 }); // minute 5: counts up to the clock
    at(320 * S, 'like', { count: 1 });
    expect(fig().effective_duration).toBe(60 + 40 + 60 + 20);
  });

  it('a long silence: whole minutes at the held online figure count, the series stay aligned', () => {
    const { agg, at, fig } = session();
    at(0, 'online', { count: 3 });
    at(0, 'stream.state', { state: 'paused' });
    at(30 * S, 'stream.state', { state: 'live' });
    at(3 * 60 * MIN + 30 * S, 'like', { count: 1 }); // 3 h later
    expect(fig().effective_duration).toBe(3 * 60 * 60);
    expect(fig().avg_online).toBe(3);
    const v = agg.view();
    expect(v.minutes.t.length).toBe(181);
    expect(v.minutes.online.every((x) => x === 3)).toBe(true);
    expect(v.recent.likes.at(-1)).toBe(1);
    expect(v.recent.online).toEqual(new Array(30).fill(3));
  });

  it('change5m compares the last 5 minutes with the 5 before, in event time', () => {
    const { agg, at } = session();
    // 0–5 min: 4 entries, 5–10 min: 6 entries; GMV 1000 then 3000; online 10 → 20
    for (let i = 0; i < 4; i++) at((i * 60 + 5) * S, ...enter(`a${i}`));
    at(60 * S, 'online', { count: 10 });
    at(61 * S, ...order('o1', 'a0', 1000));
    at(62 * S, 'order.pay', { orderId: 'o1' });
    for (let i = 0; i < 6; i++) at((300 + i * 40 + 5) * S, ...enter(`b${i}`));
    at(400 * S, ...order('o2', 'b0', 3000));
    at(401 * S, 'order.pay', { orderId: 'o2' });
    at(500 * S, 'online', { count: 20 });
    at(595 * S, 'like', { count: 1 }); // the clock is in the bucket 590–600 s
    const c = agg.view().change5m;
    // windows: last = [300 s, 600 s), previous = [0, 300 s)
    expect(c.pv).toBeCloseTo(6 / 4 - 1, 9);
    expect(c.gmv).toBeCloseTo(3000 / 1000 - 1, 9);
    expect(c.online).toBeCloseTo(20 / 10 - 1, 9); // now vs at 300 s
    expect(c.gpm).toBeCloseTo(3000 / 6 / (1000 / 4) - 1, 9); // GPM of each window
    expect(c.likes).toBeNull(); // nothing in the previous window to compare with
    expect(c.ad_spend).toBeNull();
  });

  it('change5m is null while the show is younger than the comparison', () => {
    const { agg, at } = session();
    at(S, ...enter('u1'));
    at(100 * S, ...enter('u2'));
    expect(Object.values(agg.view().change5m).every((v) => v === null)).toBe(true);
  });

  it('interaction rate: distinct commenters, likers, sharers and followers over UV', () => {
    const { at, fig } = session();
    for (const u of ['u1', 'u2', 'u3', 'u4']) at(S, ...enter(u));
    at(2 * S, 'comment', { userId: 'u1', nickname: 'n', text: 'hi' });
    at(2 * S, 'like', { userId: 'u1', count: 5 });
    at(2 * S, 'like', { count: 50 }); // anonymous bundle: counts as likes, not as a user
    at(2 * S, 'share', { userId: 'u2' });
    at(2 * S, 'fansclub.join', { userId: 'u3' }); // not an interaction in the definition
    const f = fig();
    expect(f.interaction_rate).toBe(0.5);
    expect(f.likes).toBe(55);
    expect(f.fansclub_joins).toBe(1);
  });

  it('explanations: markers, since-explain figures, one product at a time', () => {
    const { agg, at } = session();
    at(0, 'product.list', { products: [
      { productId: 'p1', title: 'Dress', price: 100, category: 'c', stock: 5, cartSlot: 2 },
      { productId: 'p2', title: 'Hat', price: 50, category: 'c', stock: 5, cartSlot: 1 },
    ] });
    at(S, 'product.click', { userId: 'u1', productId: 'p1' });
    at(10 * S, 'product.explain', { productId: 'p1', state: 'start' });
    at(11 * S, 'product.click', { userId: 'u2', productId: 'p1' });
    at(11 * S, 'product.click', { userId: 'u2', productId: 'p1' });
    at(12 * S, ...order('o1', 'u2', 100, { qty: 3 }));
    at(13 * S, 'order.pay', { orderId: 'o1' });
    let v = agg.view();
    expect(v.explaining).toBe('p1');
    const p1 = v.products.find((p) => p.productId === 'p1')!;
    expect(p1.sinceExplain).toEqual({ clickUsers: 1, orders: 1, gmv: 100, items: 3 });
    expect(p1.clickUsers).toBe(2);
    expect(p1.explainSeconds).toBe(3);
    expect(v.products.map((p) => p.productId)).toEqual(['p2', 'p1']); // by cart slot
    at(20 * S, 'product.explain', { productId: 'p2', state: 'start' }); // ends p1
    v = agg.view();
    expect(v.explaining).toBe('p2');
    expect(v.products.find((p) => p.productId === 'p1')).toMatchObject({ explaining: false, explainSeconds: 10, sinceExplain: null, lastExplainEnd: T0 + 20 * S });
    expect(v.markers.map((m) => [m.ref, m.state, m.ts - T0])).toEqual([['p1', 'start', 10 * S], ['p1', 'end', 20 * S], ['p2', 'start', 20 * S]]);
  });

  it('clicks in the last 5 minutes vs the 5 before, per product', () => {
    const { agg, at } = session();
    at(0, 'product.list', { products: [{ productId: 'p1', title: 'Dress', price: 100, category: 'c', stock: 5, cartSlot: 1 }] });
    for (let i = 0; i < 3; i++) at(100 * S + i, 'product.click', { userId: `u${i}`, productId: 'p1' });
    for (let i = 0; i < 5; i++) at(400 * S + i, 'product.click', { userId: `u${i}`, productId: 'p1' });
    at(595 * S, 'like', { count: 1 });
    const p = agg.view().products[0]!;
    expect(p.clicksLast5m).toBe(5);
    expect(p.clicksPrev5m).toBe(3);
    expect(p.clickUsers).toBe(5);
  });

  it('comment mentions: title words and "N号", once per comment, not "13号" for slot 3', () => {
    const { agg, at } = session();
    at(0, 'product.list', { products: [
      { productId: 'p1', title: '真丝 衬衫 Silk', price: 100, category: 'c', stock: 5, cartSlot: 3 },
      { productId: 'p2', title: 'Hat', price: 50, category: 'c', stock: 5, cartSlot: 13 },
    ] });
    const say = (text: string) => at(S, 'comment', { userId: 'u', nickname: 'n', text });
    say('3号 衬衫 好看'); // p1 once
    say('13号有货吗'); // p2 only
    say('SILK please'); // p1, case-insensitive
    say('nothing here');
    const [p1, p2] = agg.view().products;
    expect(p1!.commentMentions).toBe(2);
    expect(p2!.commentMentions).toBe(1);
  });

  it('portrait of buyers uses the attributes remembered from viewer.enter', () => {
    const { agg, at } = session();
    at(S, ...enter('u1', 'feed', true, { gender: 'f', age: '24-30', region: '浙江', returning: true }));
    at(2 * S, ...order('o1', 'u1', 100, { fan: true }));
    at(2 * S, ...order('o2', 'u9', 100)); // never entered
    at(3 * S, 'order.pay', { orderId: 'o1' });
    at(3 * S, 'order.pay', { orderId: 'o2' });
    const { buyers, viewers } = agg.view().portrait;
    expect(buyers.gender).toEqual({ m: 0, f: 1, unknown: 1 });
    expect(buyers.region).toEqual({ 浙江: 1, unknown: 1 });
    expect(buyers.fan).toEqual({ fan: 1, nonfan: 1 });
    expect(viewers.returning).toEqual({ new: 0, returning: 1, unknown: 0 });
  });

  it('hostile region strings do not grow the portrait without bound', () => {
    const { agg, at } = session();
    for (let i = 0; i < 500; i++) at(S, ...enter(`u${i}`, 'feed', false, { region: `r${i}\u202e` }));
    const regions = agg.view().portrait.viewers.region;
    expect(Object.keys(regions).length).toBeLessThanOrEqual(102);
    expect(Object.values(regions).reduce((s, n) => s + n, 0)).toBe(500);
    expect(Object.keys(regions).some((k) => k.includes('\u202e'))).toBe(false);
  });

  it('events before session.start and unknown types: no crash, unknown types only move seq', () => {
    const agg = new RoomAggregator();
    agg.apply({ seq: 5, ts: T0, type: 'something.new', x: 1 }, false);
    expect(agg.view().seq).toBe(5);
    expect(agg.view().eventTime).toBe(0);
    expect(agg.sessionId).toBeNull();
    const v = validateEvent({ seq: 6, ts: T0 + S, type: 'viewer.enter', userId: 'u', channel: 'feed', fan: false });
    if (!v.ok) throw new Error('invalid');
    agg.apply(v.event, true);
    expect(agg.view().figures.uv).toBe(1);
    expect(agg.view().info.state).toBe('live');
  });
});

describe('takeChanges', () => {
  it('reports everything first, then only the keys an event touched', () => {
    const { agg, at } = session();
    const first = agg.takeChanges();
    expect(Object.keys(first).sort()).toEqual(Object.keys(agg.view()).sort());
    expect(agg.takeChanges()).toEqual({});

    at(0, 'ad.plan', { planId: 'a', name: 'A', status: 'on', budget: 1, bid: 1, channel: 'qianchuan' });
    expect(Object.keys(agg.takeChanges()).sort()).toEqual(['ads', 'seq']);

    at(0, 'stock', { productId: 'p1', stock: 3 });
    expect(Object.keys(agg.takeChanges()).sort()).toEqual(['products', 'seq']);

    at(5 * S, 'comment', { userId: 'u', nickname: 'n', text: '<script>alert(1)</script>' });
    const c = agg.takeChanges();
    expect(Object.keys(c).sort()).toEqual(['change5m', 'comments', 'eventTime', 'figures', 'minutes', 'recent', 'seq']);
    expect(c.comments!.at(-1)!.text).toBe('<script>alert(1)</script>'); // kept literally: it is shown as text
    expect(c.figures!.comments).toBe(1);
    expect(agg.takeChanges()).toEqual({});
  });

  it('view() does not consume changes, and returns values that later events do not mutate', () => {
    const { agg, at } = session();
    agg.takeChanges();
    at(S, ...enter('u1'));
    const before = agg.view();
    const frozen = JSON.stringify(before);
    at(2 * S, ...enter('u2'));
    at(3 * S, 'product.list', { products: [{ productId: 'p1', title: 'T', price: 1, category: 'c', stock: 5, cartSlot: 1 }] });
    expect(JSON.stringify(before)).toBe(frozen);
    const changes = agg.takeChanges();
    expect(changes.figures!.uv).toBe(2);
    expect(changes.products).toHaveLength(1);
    expect(changes.info).toBeUndefined();
    expect(agg.view()).not.toBe(before);
  });
});
