/**
 * 自播诊断 by hand. Window 1d ending 2024-05-10; shop 美妆/L3.
 *
 * Session A (self, 05-10 10:00, 1800 s, paused 900→1200 s):
 *   online 10 @0, 20 @600 → ∫ = 10·600 + 20·1200 = 30000; peak 20
 *   u1 natural fan enters @0 leaves @600 (600 s); u2 qianchuan non-fan enters @60, stays (1740 s);
 *   u3 search non-fan @120 → @180 (60 s): watch 2400 s, UV 3, PV 3
 *   exposures u1,u2,u3 (3 users), clicks u1,u2 (2 users)
 *   o1 u1 p1 2 items 20000 feed fan paid; o2 u2 p2 1 item 5000 qianchuan paid; o3 u3 never paid
 *   → buyers 2, items 3, GMV 25000; effective 1800 − 300 = 1500 s
 * Session B (self, 05-10 14:00, 600 s): online 4 @0 → ∫ 2400; u9 feed 0→300, u8 dou_plus fan 0→end
 *   watch 900, UV 2; exposures u9,u8, click u9; no orders; effective 600
 * Session C (talent, 05-10): huge figures, must not count in a self diagnosis.
 * History: H1 05-09, H2 05-08, H3 05-07 (plainSession: value = its parameters):
 *   H1 1000 s, online 30, 10 viewers, 5 clickers, 1 buyer @5000
 *   H2 3000 s, online 40, 10, 2, 2 @10000
 *   H3 2100 s, online 50, 10, 8, 4 @8000
 *
 * Window values (A+B):
 *   effective_duration 2100 · avg_watch 3300/5 = 660 · avg_online 32400/2400 = 13.5 · peak 20
 *   click rate 3/5 = 0.6 · click→order 2/3 · watch→order 2/5 = 0.4 · item price 25000/3
 * Peer (benchmark 1d 美妆/L3, the later of two) and history percentiles, score, verdict:
 *   effective_duration  2000/4000/6000/8000 → 25+25·100/2000 = 26.25; hist [1000,3000,2100] → (1+½)/3 = 50 → 38.125 lagging
 *   avg_watch_duration  100/200/400/600 → 90+10·60/200 = 93; hist [1000,3000,2100] → 0 → 46.5 average
 *   avg_online          20/40/60/80 → 25·13.5/20 = 16.875; hist [30,40,50] → 0 → 8.4375 lagging
 *   peak_online         20/40/60/80 → 25; hist 0 → 12.5 lagging
 *   product_click_rate  .2/.4/.6/.8 → 75; hist [.5,.2,.8] → 2/3 → 70.83 average
 *   click_to_order_rate .1/.2/.3/.4 → min(100, 90+10·.2667/.1) = 100; hist [.2,1,.5] → 66.67 → 83.33 excellent
 *   watch_to_order_rate .1/.2/.4/.5 → 75; hist [.1,.2,.4] → (2+½)/3 = 83.33 → 79.17 excellent
 *   item_price          5000/10000/15000/20000 → 25+25·3333.3/5000 = 41.67; hist [5000,10000,8000] → 66.67 → 54.17 average
 * TOP3 (lagging only):
 *   effective_duration: summed, t = 4000/2 = 2000: A 1500−2000 = −500, B 600−2000 = −1400 → [B, A]
 *   avg_online: t = 40, w = session seconds: A 1800·(16.667−40) = −42000, B 600·(4−40) = −21600 → [A, B]
 *   peak_online: t = 40: A 20−40 = −20, B 4−40 = −36 → [B, A]
 * GMV = PV × GPM ÷ 1000: now 25000 = 5 × 5,000,000 ÷ 1000; previous window (05-09, H1) 5000 = 10 × 500,000 ÷ 1000
 *   ΔGMV 20000 = ΔPV·GPM₀/1000 (−5·500) + PV₁·ΔGPM/1000 (5·4,500,000/1000 = 22500)
 * Quadrants (PV 5): natural_fan 1 (u1, GMV 20000), natural_nonfan 2 (u3, u9), paid_fan 1 (u8), paid_nonfan 1 (u2, GMV 5000)
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/diagnose';
import type { SelfReport } from '../../../shared/diagnosis/report-self';

import { selfFixture } from './self-fixture';
import { allFinite, SHOP } from './fixtures';

const byId = (r: SelfReport, id: string) => r.indicators.find((i) => i.id === id)!;

describe('self-broadcast diagnosis, by hand', () => {
  const report = diagnose({ kind: 'self', shopId: SHOP.id, days: 1, end: '2024-05-10', sessions: selfFixture() }) as SelfReport;

  it('window, sessions and history', () => {
    expect(report.kind).toBe('self');
    expect(report.window).toEqual({ start: '2024-05-10', end: '2024-05-10' });
    expect(report.sessions).toEqual(['A', 'B']);
    expect(report.history.map((w) => w.end)).toEqual(['2024-05-09', '2024-05-08', '2024-05-07']);
    expect(report.indicators.map((i) => i.id)).toEqual([
      'effective_duration', 'avg_watch_duration', 'avg_online', 'peak_online',
      'product_click_rate', 'click_to_order_rate', 'watch_to_order_rate', 'item_price',
    ]);
  });

  it('values', () => {
    expect(byId(report, 'effective_duration').value).toBe(2100);
    expect(byId(report, 'avg_watch_duration').value).toBe(660);
    expect(byId(report, 'avg_online').value).toBe(13.5);
    expect(byId(report, 'peak_online').value).toBe(20);
    expect(byId(report, 'product_click_rate').value).toBe(0.6);
    expect(byId(report, 'click_to_order_rate').value).toBeCloseTo(2 / 3, 12);
    expect(byId(report, 'watch_to_order_rate').value).toBe(0.4);
    expect(byId(report, 'item_price').value).toBeCloseTo(25000 / 3, 9);
  });

  it('percentiles and verdicts', () => {
    const expected: [string, number, number, string][] = [
      ['effective_duration', 26.25, 50, 'lagging'],
      ['avg_watch_duration', 93, 0, 'average'],
      ['avg_online', 16.875, 0, 'lagging'],
      ['peak_online', 25, 0, 'lagging'],
      ['product_click_rate', 75, 200 / 3, 'average'],
      ['click_to_order_rate', 100, 200 / 3, 'excellent'],
      ['watch_to_order_rate', 75, 250 / 3, 'excellent'],
      ['item_price', 125 / 3, 200 / 3, 'average'],
    ];
    for (const [id, peer, hist, verdict] of expected) {
      const i = byId(report, id);
      expect(i.peerPercentile, id).toBeCloseTo(peer, 9);
      expect(i.historyPercentile, id).toBeCloseTo(hist, 9);
      expect(i.verdict, id).toBe(verdict);
    }
  });

  it('TOP3 sessions of the lagging indicators, none for the others', () => {
    const t = (id: string) => byId(report, id).top3.map((e) => [e.sessionId, e.impact]);
    expect(t('effective_duration')).toEqual([['B', -1400], ['A', -500]]);
    const online = t('avg_online');
    expect(online.map((e) => e[0])).toEqual(['A', 'B']);
    expect(online[0]![1]).toBeCloseTo(-42000, 6);
    expect(online[1]![1]).toBeCloseTo(-21600, 6);
    expect(t('peak_online')).toEqual([['B', -36], ['A', -20]]);
    for (const id of ['avg_watch_duration', 'product_click_rate', 'click_to_order_rate', 'watch_to_order_rate', 'item_price']) {
      expect(t(id), id).toEqual([]);
    }
  });

  it('GMV = PV × GPM ÷ 1000 against the previous window', () => {
    const g = report.gmv;
    expect(g.current).toEqual({ gmv: 25000, pv: 5, gpm: 5_000_000 });
    expect(g.previous).toMatchObject({ gmv: 5000, pv: 10, gpm: 500_000, window: { start: '2024-05-09', end: '2024-05-09' } });
    expect(g.change).toEqual({ gmv: 20000, pvEffect: -2500, gpmEffect: 22500 });
  });

  it('four-quadrant contribution vs peers and the previous window', () => {
    const row = (id: string) => report.quadrants.find((r) => r.id === id)!;
    expect(row('natural_fan')).toEqual({ id: 'natural_fan', pv: 1, gmv: 20000, pvShare: 0.2, gpm: 20_000_000, peerPvShare: 0.3, peerGpm: null, previousPvShare: 0, previousGpm: null });
    expect(row('natural_nonfan')).toMatchObject({ pv: 2, gmv: 0, pvShare: 0.4, gpm: 0, previousPvShare: 1, previousGpm: 500_000 });
    expect(row('paid_fan')).toMatchObject({ pv: 1, gmv: 0, pvShare: 0.2, gpm: 0 });
    expect(row('paid_nonfan')).toMatchObject({ pv: 1, gmv: 5000, pvShare: 0.2, gpm: 5_000_000 });
  });

  it('is a plain JSON object with no NaN or Infinity', () => {
    expect(allFinite(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
