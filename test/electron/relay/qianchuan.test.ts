/**
 * The 千川 poller against a local HTTP server playing the plan list and a cumulative report
 * series: the first poll of a session only sets the baseline, increments in fen, a figure that
 * went down adds nothing, a day rollover takes the old day's last increments and counts the new
 * day from zero, an error envelope is logged and retried, and a restart continues from the
 * committed baseline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/relay/config';
import { Intake } from '../../../electron/relay/intake';
import { InputStats } from '../../../electron/relay/input-stats';
import { increments, QianchuanPoller, reportDate, yuanToFen } from '../../../electron/relay/inputs/qianchuan';
import { openSpool, readSpoolEvents } from '../../../electron/store/spool/spool';
import { tempDb } from '../../integration/helpers';
import { sessionStart } from './fixtures';
import { adList, adReport, apiError, PLAN_1, PLAN_2, startFakeApi, type FakeApi } from './platform-fixtures';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

type Ev = { seq: number; type: string } & Record<string, unknown>;
type Row = Parameters<typeof adReport>[0][number];

describe('千川 increments', () => {
  it('are the differences of cumulative figures, never negative, with the highest figure kept', () => {
    const a = { spend: 100, impressions: 10, clicks: 2, conversions: 1, gmv: 500 };
    expect(increments(undefined, a)).toEqual({ add: a, next: a, wentDown: false });
    expect(increments(a, { ...a, spend: 250, clicks: 1 })).toEqual({ add: { spend: 150, impressions: 0, clicks: 0, conversions: 0, gmv: 0 }, next: { ...a, spend: 250, clicks: 2 }, wentDown: true });
    expect(yuanToFen(12.34)).toBe(1234);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen(undefined)).toBe(0);
    expect(reportDate(Date.UTC(2026, 3, 1, 16, 30))).toBe('2026-04-02'); // 00:30 in China
  });
});

describe('QianchuanPoller', () => {
  async function setup() {
    const days = new Map<string, Row[]>();
    let failNext = false;
    const api: FakeApi = await startFakeApi((path, q) => {
      expect(api.requests.at(-1)!.headers['access-token']).toBe('qc-token');
      expect(q.get('advertiser_id')).toBe('1700000000000000009');
      if (failNext) {
        failNext = false;
        return [200, apiError(40100, 'access token 已过期')];
      }
      if (path === '/open_api/v1.0/qianchuan/ad/get/') {
        return [200, adList([{ id: PLAN_1, name: '直播间成交', status: 'DELIVERY_OK', budget: 3000, bid: 35.5 }, { id: PLAN_2, name: '涨粉', status: 'OFFLINE_BUDGET', budget: 500, bid: 0 }])];
      }
      if (path === '/open_api/v1.0/qianchuan/report/ad/get/') {
        expect(JSON.parse(q.get('fields')!)).toContain('stat_cost');
        return [200, adReport(days.get(q.get('start_date')!) ?? [])];
      }
      return [404, '{}'];
    });
    closers.push(() => api.close());
    const file = tempDb('spool.db');
    const config = parseConfig({ qianchuan: { baseUrl: `${api.url}/open_api`, pollSec: 60 } });
    let clock = Date.UTC(2026, 3, 1, 12); // 20:00 in China
    const open = () => {
      const db = openSpool(file);
      const intake = new Intake(db);
      const stats = new InputStats('qianchuan', () => {});
      const poller = new QianchuanPoller({ db, intake, stats, config, accessToken: 'qc-token', advertiserId: '1700000000000000009', session: () => 's1', now: () => clock });
      return { db, intake, stats, poller };
    };
    let p = open();
    await p.intake.submit([{ sessionId: 's1', event: sessionStart('s1') }]);
    return {
      days, api,
      get p() { return p; },
      set clock(v: number) { clock = v; },
      get clock() { return clock; },
      fail: () => (failNext = true),
      restart: async () => {
        await p.poller.close();
        p.db.close();
        p = open();
      },
      close: async () => {
        await p.poller.close();
        p.db.close();
      },
      events: () => readSpoolEvents(p.db, 's1', 0, 10_000).map((e) => JSON.parse(e.body) as Ev),
    };
  }

  it('turns a cumulative series with a correction and a day rollover into increments, and survives a restart and an error envelope', async () => {
    const t = await setup();
    closers.push(() => t.close());
    const d1 = '2026-04-01';
    const d2 = '2026-04-02';
    t.days.set(d1, [{ id: PLAN_1, cost: 120.5, show: 10_000, click: 300, convert: 12, gmv: 1500 }]);
    await t.p.poller.poll(); // the session's first poll: plans, and the baseline only
    expect(t.events().slice(1).map((e) => e.type)).toEqual(['ad.plan', 'ad.plan']);
    expect(t.events()[1]).toMatchObject({ type: 'ad.plan', planId: PLAN_1, name: '直播间成交', status: 'on', budget: 300_000, bid: 3550, channel: 'qianchuan' });
    expect(t.events()[2]).toMatchObject({ planId: PLAN_2, status: 'over_budget' });

    t.days.set(d1, [{ id: PLAN_1, cost: 150.75, show: 12_500, click: 350, convert: 15, gmv: 1800.5 }, { id: PLAN_2, cost: 3, show: 100, click: 1, convert: 0, gmv: 0 }]);
    await t.p.poller.poll();
    const stats = () => t.events().filter((e) => e.type === 'ad.stats').map(({ seq: _s, ts: _t, type: _y, ...e }) => e);
    expect(stats()).toEqual([
      { planId: PLAN_1, spend: 3025, impressions: 2500, clicks: 50, conversions: 3, gmv: 30050 },
      { planId: PLAN_2, spend: 300, impressions: 100, clicks: 1, conversions: 0, gmv: 0 },
    ]);
    expect(t.events().filter((e) => e.type === 'ad.plan')).toHaveLength(2); // unchanged plans are not sent again

    // an error envelope: logged, counted, nothing committed; the next poll goes on
    t.fail();
    await t.p.poller.poll();
    expect(t.p.stats.snapshot().rejected).toEqual({ api_error: 1 });
    expect(t.p.stats.detail).toMatch(/code 40100 access token 已过期/);

    // the platform corrected clicks down; then a restart of the relay
    t.days.set(d1, [{ id: PLAN_1, cost: 160.75, show: 12_500, click: 340, convert: 15, gmv: 1800.5 }, { id: PLAN_2, cost: 3, show: 100, click: 1, convert: 0, gmv: 0 }]);
    await t.restart();
    await t.p.poller.poll();
    expect(stats().at(-1)).toEqual({ planId: PLAN_1, spend: 1000, impressions: 0, clicks: 0, conversions: 0, gmv: 0 });

    // past midnight in China: yesterday's last increments, then today from zero
    t.days.set(d1, [{ id: PLAN_1, cost: 170.75, show: 13_000, click: 345, convert: 16, gmv: 1900.5 }, { id: PLAN_2, cost: 3, show: 100, click: 1, convert: 0, gmv: 0 }]);
    t.days.set(d2, [{ id: PLAN_1, cost: 2, show: 80, click: 4, convert: 0, gmv: 0 }]);
    t.clock = Date.UTC(2026, 3, 1, 16, 5);
    await t.p.poller.poll();
    expect(stats().slice(-2)).toEqual([
      { planId: PLAN_1, spend: 1000, impressions: 500, clicks: 0, conversions: 1, gmv: 10000 }, // clicks 345 < the 350 already counted
      { planId: PLAN_1, spend: 200, impressions: 80, clicks: 4, conversions: 0, gmv: 0 },
    ]);
    const spend = stats().filter((s) => s.planId === PLAN_1).reduce((a, s) => a + (s.spend as number), 0);
    expect(spend).toBe(17_075 + 200 - 12_050); // everything since the baseline, across the day change
    expect(t.events().every((e) => e.type !== 'ad.stats' || Object.values(e).every((v) => typeof v !== 'number' || v >= 0))).toBe(true);
  });
});
