/**
 * 流量大屏 in Chromium against the wall server and the real engine, fed a simulated room
 * (./product-ad-traffic-fixture.ts): channel mix, the natural/paid × fan/non-fan matrix,
 * entries vs exits and the funnel per channel equal the engine's view, the funnel sorts on a
 * header click, and an empty quadrant's GPM reads "—".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomView } from '../../shared/viewmodel/room';
import { flowRates } from '../../renderer/src/screens/traffic/flow';
import { harnessReady, screenshot, shownFigures, startHarness, type Harness } from './harness';
import { feedScreenShows, openScreen, isSorted, tableValues, type ScreenShows } from './product-ad-traffic-fixture';

let h: Harness;
let shows: ScreenShows;
let page: Page;
let view: RoomView;

const quadrantValues = (p: Page, field: string) =>
  p.$$eval(`[data-testid="quadrants"] [data-quadrant] [data-field="${field}"]`, (els) =>
    Object.fromEntries(els.map((e) => [e.closest('[data-quadrant]')!.getAttribute('data-quadrant'), e.getAttribute('data-value')])),
  );

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  shows = await feedScreenShows(h);
  ({ page, view } = await openScreen(h, 'traffic', shows.sessionId, 'pv'));
}, 90_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!harnessReady)('traffic screen in Chromium against the wall server and the real engine', () => {
  it('shows the engine’s channel mix, quadrant matrix and entries vs exits', async () => {
    const shown = await shownFigures(page);
    for (const id of ['pv', 'uv', 'online'] as const) expect(shown[id], id).toBe(String(view.figures[id]));
    expect(view.figures.pv).toBeGreaterThan(100);

    const share = await quadrantValues(page, 'pv_share');
    const gpm = await quadrantValues(page, 'gpm');
    const pv = await quadrantValues(page, 'pv');
    for (const q of view.quadrants) {
      expect(share[q.quadrant], q.quadrant).toBe(q.pvShare === null ? '' : String(q.pvShare));
      expect(gpm[q.quadrant], q.quadrant).toBe(q.gpm === null ? '' : String(q.gpm));
      expect(pv[q.quadrant], q.quadrant).toBe(String(q.pv));
    }
    expect(view.quadrants.filter((q) => q.pv > 0).length).toBeGreaterThanOrEqual(3);

    const flow = flowRates(view.recent);
    for (const [field, v] of Object.entries({ enter_rate: flow.enterRate, exit_rate: flow.exitRate, net_rate: flow.netRate, exit_ratio: flow.exitRatio })) {
      expect(await page.getAttribute(`[data-field="${field}"]`, 'data-value'), field).toBe(v === null ? '' : String(v));
    }
    expect(flow.enterRate).toBeGreaterThan(0);
    expect(await page.getAttribute('[data-field="paid_share"]', 'data-value')).toBe(String(view.paidVsNatural.paidEnters / view.figures.pv!));
    await page.waitForSelector('[data-testid="flow-trend"] canvas', { timeout: 10_000 });
    expect(h.errors(page)).toEqual([]);
    await screenshot(page, 'traffic-1920x1080');
  });

  it('shows the funnel of every channel with traffic and sorts it by the clicked column', async () => {
    const active = view.channels.filter((c) => c.enters > 0 || c.orders > 0);
    const rows = await page.$$eval('[data-testid="funnel-table"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect([...rows].sort()).toEqual(active.map((c) => c.channel).sort());
    // default: entries, most first
    expect(rows).toEqual([...active].sort((a, b) => b.enters - a.enters).map((c) => c.channel));
    const byChannel = Object.fromEntries(active.map((c) => [c.channel, c]));
    const buyers = await page.$$eval('[data-testid="funnel-table"] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-row'), tr.querySelector('td[data-col="buyers"]')!.getAttribute('data-value')]));
    for (const [ch, v] of buyers) expect(v, ch!).toBe(String(byChannel[ch!]!.buyers));

    await page.click('[data-testid="funnel-table"] th[data-col="buyRate"] button');
    expect(await page.getAttribute('[data-testid="funnel-table"] th[data-col="buyRate"]', 'aria-sort')).toBe('descending');
    expect(isSorted(await tableValues(page, 'funnel-table', 'buyRate'), 'desc')).toBe(true);
    await page.click('[data-testid="funnel-table"] th[data-col="gmv"] button');
    await page.click('[data-testid="funnel-table"] th[data-col="gmv"] button');
    expect(await page.getAttribute('[data-testid="funnel-table"] th[data-col="gmv"]', 'aria-sort')).toBe('ascending');
    expect(isSorted(await tableValues(page, 'funnel-table', 'gmv'), 'asc')).toBe(true);
    await screenshot(page, 'traffic-sorted-1920x1080');
  });

  it('shows "—" for the GPM and share of quadrants without views', async () => {
    const { page: quiet } = await openScreen(h, 'traffic', shows.quietSession, 'pv');
    const gpm = await quadrantValues(quiet, 'gpm');
    const share = await quadrantValues(quiet, 'pv_share');
    // one natural fan entered: that quadrant has all the PV and a GPM of 0; the others have none
    expect(share).toEqual({ natural_fan: '1', natural_nonfan: '0', paid_fan: '0', paid_nonfan: '0' });
    expect(gpm).toEqual({ natural_fan: '0', natural_nonfan: '', paid_fan: '', paid_nonfan: '' });
    expect(await quiet.textContent('[data-quadrant="paid_fan"] [data-field="gpm"]')).toBe('—');
    expect(await quiet.getAttribute('[data-field="exit_ratio"]', 'data-value')).toBe('0');
    expect(h.errors(quiet)).toEqual([]);
    await quiet.close();
  });
});
