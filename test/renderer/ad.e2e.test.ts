/**
 * 广告大屏 in Chromium against the wall server and the real engine, fed a simulated room
 * (./product-ad-traffic-fixture.ts): the ten ad figures and the room's equal the engine's,
 * plans under the break-even ROI of the settings are flagged, tables sort on a header click,
 * the per-minute trend is drawn, and zero denominators read "—".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomVersusAds, underBreakEven } from '../../shared/advice/ad-math';
import type { RoomView } from '../../shared/viewmodel/room';
import { harnessReady, screenshot, shownFigures, startHarness, type Harness } from './harness';
import { feedScreenShows, openScreen, IDLE_PLAN, isSorted, tableValues, type ScreenShows } from './product-ad-traffic-fixture';

const AD_IDS = ['ad_spend', 'ad_impressions', 'ad_clicks', 'ad_ctr', 'ad_cpm', 'ad_cpc', 'ad_conversions', 'ad_cost_per_conversion', 'ad_gmv', 'ad_roi'] as const;

let h: Harness;
let shows: ScreenShows;
let page: Page;
let view: RoomView;
let breakEvenRoi: number;

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  shows = await feedScreenShows(h);
  breakEvenRoi = (await h.engine.handlers['settings.get']()).breakEvenRoi;
  ({ page, view } = await openScreen(h, 'ad', shows.sessionId, 'ad_spend'));
}, 90_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!harnessReady)('ad screen in Chromium against the wall server and the real engine', () => {
  it('shows the engine’s ad figures beside the whole room’s', async () => {
    const shown = await shownFigures(page);
    expect(Object.keys(shown).sort()).toEqual([...AD_IDS, 'gmv', 'orders'].sort());
    for (const id of [...AD_IDS, 'gmv', 'orders'] as const) expect(shown[id], id).toBe(String(view.figures[id]));
    expect(view.figures.ad_spend).toBeGreaterThan(0);
    const vs = roomVersusAds({ gmv: view.figures.gmv!, pv: view.figures.pv!, paidEnters: view.paidVsNatural.paidEnters }, { spend: view.figures.ad_spend!, gmv: view.figures.ad_gmv! });
    expect(await page.getAttribute('[data-field="room_roi"]', 'data-value')).toBe(String(vs.roomRoi));
    expect(await page.getAttribute('[data-field="ad_gmv_share"]', 'data-value')).toBe(String(vs.adGmvShare));
    expect(await page.getAttribute('[data-field="paid_enter_share"]', 'data-value')).toBe(String(vs.paidEnterShare));
    expect(await page.getAttribute('[data-field="paid_enters"]', 'data-value')).toBe(String(view.paidVsNatural.paidEnters));
    expect(await page.getAttribute('.tile:has([data-metric="ad_cpm"])', 'title')).toContain('spend ÷ impressions × 1000');
    // paid and natural portraits: both sides drawn from the engine's counts
    expect(await page.$$eval('[data-testid="paid-portrait"] [data-side]', (els) => els.map((e) => e.getAttribute('data-side')))).toEqual(['paid', 'natural']);
    expect(view.portrait.paidViewers.fan.fan + view.portrait.paidViewers.fan.nonfan).toBeGreaterThan(0);
    // the per-minute effect trend is drawn
    await page.waitForSelector('[data-testid="ad-trend"] canvas', { timeout: 10_000 });
    expect(h.errors(page)).toEqual([]);
    await screenshot(page, 'ad-1920x1080');
  });

  it('agrees with the live screen: the room’s GMV and orders are the same, the plans add up to the ad figures, conversions are the paid channels’ orders', async () => {
    const { page: livePage } = await openScreen(h, 'live', shows.sessionId, 'gmv');
    const onLive = await shownFigures(livePage);
    const onAd = await shownFigures(page);
    for (const id of ['gmv', 'orders'] as const) expect(onAd[id], id).toBe(onLive[id]);
    const planConversions = (await tableValues(page, 'plan-table', 'conversions')).reduce((a, v) => a + Number(v), 0);
    expect(planConversions).toBe(Number(onAd.ad_conversions));
    const paidOrders = view.channels.filter((c) => c.paid).reduce((a, c) => a + c.orders, 0);
    expect(paidOrders).toBeGreaterThan(0);
    expect(Math.abs(Number(onAd.ad_conversions) - paidOrders)).toBeLessThanOrEqual(0.05 * paidOrders);
    expect(Math.abs(view.ads.totals.gmv - Number(onAd.ad_gmv))).toBeLessThanOrEqual(0.05 * Number(onAd.ad_gmv));
    expect(Number(onAd.ad_conversions)).toBeLessThanOrEqual(Number(onLive.orders));
    await livePage.close();
  });

  it('flags the plans under the break-even ROI of the settings', async () => {
    expect(await page.getAttribute('[data-testid="break-even"]', 'data-value')).toBe(String(breakEvenRoi));
    const flagged = await page.$$eval('[data-testid="plan-table"] tr[data-under-break-even="true"]', (trs) => trs.map((tr) => tr.getAttribute('data-row')).sort());
    expect(flagged).toEqual(view.ads.plans.filter((p) => underBreakEven(p.roi, breakEvenRoi)).map((p) => p.planId).sort());
    const rows = await page.$$eval('[data-testid="plan-table"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-row')).sort());
    expect(rows).toEqual(view.ads.plans.map((p) => p.planId).sort());
  });

  it('sorts the plan and creative tables by the clicked column; a plan without spend reads "—"', async () => {
    expect(isSorted(await tableValues(page, 'plan-table', 'spend'), 'desc')).toBe(true);
    await page.click('[data-testid="plan-table"] th[data-col="roi"] button');
    expect(await page.getAttribute('[data-testid="plan-table"] th[data-col="roi"]', 'aria-sort')).toBe('descending');
    const roi = await tableValues(page, 'plan-table', 'roi');
    expect(isSorted(roi, 'desc')).toBe(true);
    expect(roi[roi.length - 1]).toBe('');
    expect(await page.textContent(`[data-testid="plan-table"] tr[data-row="${IDLE_PLAN}"] td[data-col="roi"]`)).toBe('—');
    expect(await page.getAttribute(`[data-testid="plan-table"] tr[data-row="${IDLE_PLAN}"]`, 'data-under-break-even')).toBe('false');

    await page.click('[data-testid="creative-table"] th[data-col="ctr"] button');
    await page.click('[data-testid="creative-table"] th[data-col="ctr"] button');
    expect(await page.getAttribute('[data-testid="creative-table"] th[data-col="ctr"]', 'aria-sort')).toBe('ascending');
    const ctr = await tableValues(page, 'creative-table', 'ctr');
    expect(ctr.length).toBe(view.ads.creatives.length);
    expect(isSorted(ctr, 'asc')).toBe(true);
    await screenshot(page, 'ad-sorted-1920x1080');
  });

  it('shows "—" for every ad rate of a room without spend', async () => {
    const { page: quiet } = await openScreen(h, 'ad', shows.quietSession, 'ad_spend');
    const shown = await shownFigures(quiet);
    for (const id of ['ad_ctr', 'ad_cpm', 'ad_cpc', 'ad_cost_per_conversion', 'ad_roi']) expect(shown[id], id).toBe('');
    expect(shown.ad_spend).toBe('0');
    expect(await quiet.textContent('.tile:has([data-metric="ad_roi"]) .value')).toBe('—');
    expect(await quiet.getAttribute('[data-field="room_roi"]', 'data-value')).toBe('');
    expect(await quiet.textContent('[data-field="room_roi"]')).toBe('—');
    expect(h.errors(quiet)).toEqual([]);
    await quiet.close();
  });
});
