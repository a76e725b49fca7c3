/**
 * 达人代播诊断 by hand. Window 7d ending 2024-05-10 (05-04 … 05-10); peer benchmark only.
 *
 * (paid orders are of p9, a product never displayed, so they leave every conversion alone)
 * T1 head th1 (05-10): p1 10 displays 3 orders (.3), p2 10/1 (.1), p3 10/0 (0) — all 美妆/B1;
 *    p4 美妆/B2 4/2 (.5). Paid: one order at 100000. Buyer portrait f, 24-30, 广东.
 * T2 mid tm1 (05-09): p4 10 displays 1 order, paid 20000 (buyer f, 24-30, 浙江)
 * T3 mid tm2 (05-08): p4 10 displays 2 orders, p5 (美妆/B3) 2 displays 0 orders; paid 5000 (m, 31-40, 广东)
 * T4 tail tt1 (05-07): paid 7000 (f, 24-30, 浙江) — outside 达人代播GMV
 * S1 self (05-10): paid 99999 — not a talent session
 *
 * talent_gmv = 100000 + 20000 + 5000 = 125000; head 100000; mid 25000; tail 7000
 * Benchmark 7d 美妆/L3:
 *   talent_gmv 100k/200k/300k/400k → 25+25·25k/100k = 31.25 lagging; TOP3 t = 200000/3 over the
 *     3 head+mid sessions: T3 5000−66666.7 = −61666.7, T2 −46666.7 (T1 +33333 is not listed)
 *   head_talent_gmv 50k/80k/100k/150k → 100000 = p75 → 75 excellent
 *   mid_talent_gmv 10k/20k/40k/80k → 50+25·5k/20k = 56.25 average
 * Head talent th1 products:
 *   B1 against the product benchmark (美妆/B1/7d display_to_order_rate .05/.15/.25/.35):
 *     p1 .3 > p75 .25 → good; p2 .1 and p3 0 < p50 .15 → improve, worst first [p3, p2]
 *   B2 has no product benchmark: the shop's own (session, product) conversions of 美妆/B2 in the
 *     window are [.1 (T2), .2 (T3), .5 (T1)] → p75 = .35, median .2: p4 .5 → good
 *   good, best first: [p4 .5, p1 .3]
 * Mid talents (no peer figures in the benchmark → mean of the shop's mid talents):
 *   tm1: 10 displays over 1 product-session = 10, conversion 1/10 = .1
 *   tm2: 12 displays over 2 = 6, conversion 2/12 = .1667
 *   peer mean: 8 and .13333 → tm1 high PV, low conversion → 流量待转化; tm2 low PV, high → 潜力合作
 * Recommendation (catalogue in T1; buyers' top gender f 3:1, age 24-30 3:1, region 广东 2 = 浙江 2
 *   → the first by code point, 广东):
 *   r1 美妆, f/24-30/广东 → category + 3 portrait matches; r2 数码, f/31-40/浙江 → gender only;
 *   r3 食品 m/18-23/北京 → nothing; th1 already works with the shop → not recommended
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/diagnose';
import type { TalentReport } from '../../../shared/diagnosis/report-talent';

import { talentFixture } from './talent-fixture';
import { allFinite, SHOP } from './fixtures';

describe('talent co-broadcast diagnosis, by hand', () => {
  const report = diagnose({ kind: 'talent', shopId: SHOP.id, days: 7, end: '2024-05-10', sessions: talentFixture() }) as TalentReport;
  const byId = (id: string) => report.indicators.find((i) => i.id === id)!;

  it('达人代播GMV = 头部 + 中腰部, with verdicts and TOP3', () => {
    expect(report.window).toEqual({ start: '2024-05-04', end: '2024-05-10' });
    expect(report.sessions).toEqual(['T4', 'T3', 'T2', 'T1']);
    expect(report.gmv).toEqual({ talent: 125000, head: 100000, mid: 25000, tail: 7000 });
    expect(byId('talent_gmv')).toMatchObject({ value: 125000, peerPercentile: 31.25, historyPercentile: null, verdict: 'lagging' });
    expect(byId('talent_gmv').top3.map((e) => e.sessionId)).toEqual(['T3', 'T2']);
    expect(byId('talent_gmv').top3[0]!.impact).toBeCloseTo(5000 - 200000 / 3, 6);
    expect(byId('talent_gmv').top3[1]!.impact).toBeCloseTo(20000 - 200000 / 3, 6);
    expect(byId('head_talent_gmv')).toMatchObject({ value: 100000, peerPercentile: 75, verdict: 'excellent', top3: [] });
    expect(byId('mid_talent_gmv')).toMatchObject({ value: 25000, peerPercentile: 56.25, verdict: 'average', top3: [] });
  });

  it('head talent: TOP3 good products and TOP3 to improve', () => {
    expect(report.headTalents).toHaveLength(1);
    const h = report.headTalents[0]!;
    expect(h).toMatchObject({ hostId: 'th1', name: '大主播', sessions: 1, gmv: 100000 });
    expect(h.good.map((p) => [p.productId, p.conversion, p.basis])).toEqual([['p4', 0.5, 'shop_products'], ['p1', 0.3, 'benchmark']]);
    expect(h.good[0]!.threshold).toBeCloseTo(0.35, 12);
    expect(h.good[1]!.threshold).toBe(0.25);
    expect(h.improve.map((p) => [p.productId, p.conversion, p.threshold])).toEqual([['p3', 0, 0.15], ['p2', 0.1, 0.15]]);
  });

  it('mid-tier talents in four quadrants', () => {
    expect(report.midPeer.basis).toBe('shop_mid_talents');
    expect(report.midPeer.displayPvPerProduct).toBe(8);
    expect(report.midPeer.displayToOrderRate).toBeCloseTo((0.1 + 2 / 12) / 2, 12);
    const row = (id: string) => report.midTalents.find((m) => m.hostId === id)!;
    expect(row('tm1')).toMatchObject({ displayPvPerProduct: 10, displayToOrderRate: 0.1, quadrant: 'traffic_to_convert', quadrantZh: '流量待转化' });
    expect(row('tm2')).toMatchObject({ displayPvPerProduct: 6, quadrant: 'potential', quadrantZh: '潜力合作' });
  });

  it('recommended talents with reasons', () => {
    expect(report.recommended.map((t) => [t.id, t.reasons])).toEqual([
      ['r1', ['带货类目匹配（美妆）', '用户画像匹配（女性、24-30、广东）']],
      ['r2', ['用户画像匹配（女性）']],
    ]);
    expect(report.recommended[0]).toMatchObject({ level: 'LV5', followers: 500000, reputation: 4.8, gmv30d: 1_000_000, categories: ['美妆'] });
    expect(allFinite(report)).toBe(true);
  });
});
