/**
 * 服务诊断 by hand. Window 1d ending 2024-05-10; both sessions count (self and talent alike);
 * one benchmark, no history (so history percentiles are null: fewer than 3 windows).
 *
 * X (self, 05-10 09:00), orders paid at P = +100 s: xo1, xo2 → q1; xo3, xo4 → q2
 *   ship: xo1 P+24h ✓, xo2 P+50h ✗, xo3 P+10h ✓, xo4 cancelled after pay (out of the denominator)
 *     → paid 4, paid not cancelled 3, shipped ≤48h 2
 *   deliver: xo1 P+72h, xo3 P+48h → 2 delivered, 120 h
 *   after-sale: xo2 return_refund/quality open P+100h, self close P+110h (10 h);
 *     xo4 refund_only/other open P+1h, close self:false (not counted) → opened 2, quality 1
 *   reviews xo1 5★, xo3 1★ → 2 reviews, 1 negative; complaint xo2; dispute xo4
 *   cs: u1 buyer @t, shop @t+100s ✓; u2 buyer @t, shop @t+200s ✗ → 1 of 2
 * Y (talent mid, 05-10 15:00), yo1, yo2 → q2, paid at P
 *   both shipped P+5h ✓; yo1 delivered P+30h; yo1 refund_only/quality open, self close after 6 h
 *   reviews yo1 2★, yo2 1★ → 2 negative of 2; cs u5 buyer @t, shop @t+180s exactly ✓
 *
 * Window: ship 4/5 = .8 · quality 2/6 · negative 3/4 · complaint 1/6 · reply 2/3 · delivery 150/3 = 50 h
 *   refund_only 6 h · return_refund 10 h · dispute 1/3
 * Peer percentile (oriented: lower-is-better → 100 − p) and verdict (peer only):
 *   ship_48h_rate .8/.9/.95/.99: .8 = p25 → 25 lagging
 *   quality_return_rate .01/.02/.05/.1: 1/3 > p90 → 100 → 0 lagging
 *   negative_review_rate .05/.1/.2/.3: .75 → 100 → 0 lagging
 *   complaint_rate .1/.2/.3/.4: 1/6 → 25+25·(1/15)/.1 = 41.67 → 58.33 average
 *   reply_3min_rate .5/.6/.7/.8: 2/3 → 66.67 average
 *   delivery_hours 24/36/48/72: 50 → 75+15·2/24 = 76.25 → 23.75 lagging
 *   refund_only_hours: not in the benchmark → no verdict
 *   return_refund_hours 12/24/48/72: 10 → 20.83 → 79.17 excellent
 *   dispute_rate .1/.2/.3/.4: 1/3 → 80 → 20 lagging
 * TOP3 (t = peer median):
 *   ship (w paid orders): X 4·(2/3 − .9) = −0.9333, Y 2·(1 − .9) = +.2 → [X]
 *   quality (w paid): X 4·(.02 − .25) = −.92, Y 2·(.02 − .5) = −.96 → [Y, X]
 *   negative (w reviews): X 2·(.1 − .5) = −.8, Y 2·(.1 − 1) = −1.8 → [Y, X]
 *   delivery (w delivered): X 2·(36 − 60) = −48, Y 1·(36 − 30) = +6 → [X]
 *   dispute (w opened): X 2·(.2 − .5) = −.6, Y 1·(.2 − 0) = +.2 → [X]
 * Problem products (targets = peer medians .1, .2, .02, .9):
 *   q1: paid 2, not cancelled 2, shipped 1, reviews 1 (0 neg), complaints 1, quality 1
 *     neg 1·(.1−0) = .1; complaint 2·(.2−.5) = −.6; quality 2·(.02−.5) = −.96; ship 2·(.5−.9) = −.8 → −2.26
 *   q2: paid 4, not cancelled 3, shipped 3, reviews 3 (3 neg), complaints 0, quality 1
 *     neg 3·(.1−1) = −2.7; complaint 4·.2 = .8; quality 4·(.02−.25) = −.92; ship 4·(1−.9) = .4 → −2.42
 *   → [q2, q1]
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/diagnose';
import type { ServiceReport } from '../../../shared/diagnosis/report-service';

import { serviceFixture } from './service-fixture';
import { allFinite, SHOP } from './fixtures';

describe('service diagnosis, by hand', () => {
  const report = diagnose({ kind: 'service', shopId: SHOP.id, days: 1, end: '2024-05-10', sessions: serviceFixture() }) as ServiceReport;
  const byId = (id: string) => report.indicators.find((i) => i.id === id)!;

  it('nine indicators: values, percentiles, verdicts', () => {
    expect(report.sessions).toEqual(['X', 'Y']);
    const expected: [string, number, number | null, string | null][] = [
      ['ship_48h_rate', 0.8, 25, 'lagging'],
      ['quality_return_rate', 1 / 3, 0, 'lagging'],
      ['negative_review_rate', 0.75, 0, 'lagging'],
      ['complaint_rate', 1 / 6, 175 / 3, 'average'],
      ['reply_3min_rate', 2 / 3, 200 / 3, 'average'],
      ['delivery_hours', 50, 23.75, 'lagging'],
      ['refund_only_hours', 6, null, null],
      ['return_refund_hours', 10, 100 - 125 / 6, 'excellent'],
      ['dispute_rate', 1 / 3, 20, 'lagging'],
    ];
    expect(report.indicators.map((i) => i.id)).toEqual(expected.map((e) => e[0]));
    for (const [id, value, peer, verdict] of expected) {
      const i = byId(id);
      expect(i.value, id).toBeCloseTo(value, 9);
      if (peer === null) expect(i.peerPercentile, id).toBeNull();
      else expect(i.peerPercentile, id).toBeCloseTo(peer, 9);
      expect(i.historyPercentile, id).toBeNull();
      expect(i.verdict, id).toBe(verdict);
    }
    expect(report.reasons.refund_only_hours).toMatchObject({ peerPercentile: 'benchmark has no refund_only_hours', verdict: 'no benchmark and no history' });
  });

  it('TOP3 sessions', () => {
    const t = (id: string) => byId(id).top3;
    expect(t('ship_48h_rate').map((e) => e.sessionId)).toEqual(['X']);
    expect(t('ship_48h_rate')[0]!.impact).toBeCloseTo(4 * (2 / 3 - 0.9), 9);
    expect(t('quality_return_rate').map((e) => e.sessionId)).toEqual(['Y', 'X']);
    expect(t('quality_return_rate')[0]!.impact).toBeCloseTo(-0.96, 9);
    expect(t('quality_return_rate')[1]!.impact).toBeCloseTo(-0.92, 9);
    expect(t('negative_review_rate').map((e) => [e.sessionId, +e.impact.toFixed(9)])).toEqual([['Y', -1.8], ['X', -0.8]]);
    expect(t('delivery_hours')).toEqual([{ sessionId: 'X', impact: -48 }]);
    expect(t('dispute_rate').map((e) => [e.sessionId, +e.impact.toFixed(9)])).toEqual([['X', -0.6]]);
    for (const id of ['complaint_rate', 'reply_3min_rate', 'refund_only_hours', 'return_refund_hours']) expect(t(id), id).toEqual([]);
  });

  it('problem products with their impact on the four indicators', () => {
    expect(report.problemProducts.map((p) => p.productId)).toEqual(['q2', 'q1']);
    const [q2, q1] = report.problemProducts;
    expect(q2!.impact).toBeCloseTo(-2.42, 9);
    expect(q1!.impact).toBeCloseTo(-2.26, 9);
    expect(q1!.impacts.negative_review_rate).toBeCloseTo(0.1, 9);
    expect(q1!.impacts.complaint_rate).toBeCloseTo(-0.6, 9);
    expect(q1!.impacts.quality_return_rate).toBeCloseTo(-0.96, 9);
    expect(q1!.impacts.ship_48h_rate).toBeCloseTo(-0.8, 9);
    expect(q2!.impacts.ship_48h_rate).toBeCloseTo(0.4, 9);
    expect(report.productTargets.ship_48h_rate).toEqual({ target: 0.9, basis: 'benchmark' });
    expect(allFinite(report)).toBe(true);
  });

  it('without a benchmark the products are measured against the shop window itself', () => {
    const stats = serviceFixture().map((s) => ({ ...s, benchmarks: [] }));
    const r = diagnose({ kind: 'service', shopId: SHOP.id, days: 1, end: '2024-05-10', sessions: stats }) as ServiceReport;
    expect(r.indicators.every((i) => i.verdict === null && i.peerPercentile === null && i.top3.length === 0)).toBe(true);
    expect(r.productTargets.negative_review_rate).toEqual({ target: 0.75, basis: 'shop_window' });
    // q1: neg 1·(.75−0) = .75; complaint 2·(1/6−.5) = −2/3; quality 2·(1/3−.5) = −1/3; ship 2·(.5−.8) = −.6 → −0.85
    // q2: neg 3·(.75−1) = −.75; complaint 4/6; quality 4·(1/3−.25) = 1/3; ship 4·(1−.8) = .8 → +1.05 (not listed)
    expect(r.problemProducts.map((p) => p.productId)).toEqual(['q1']);
    expect(r.problemProducts[0]!.impact).toBeCloseTo(-0.85, 9);
  });
});
