/**
 * 商品大屏 in Chromium against the wall server and the real engine, fed a simulated room
 * (./product-ad-traffic-fixture.ts): the figures equal the engine's, the diagnosis and the
 * recommendation are the rules' on the engine's view, the table sorts on a header click, and
 * zero denominators read "—".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseProducts } from '../../shared/advice/diagnose-products';
import { recommendProducts } from '../../shared/advice/recommend';
import type { RoomView } from '../../shared/viewmodel/room';
import { DIAGNOSIS_SHOWN } from '../../renderer/src/screens/product/layout';
import { harnessReady, screenshot, shownFigures, startHarness, type Harness } from './harness';
import { feedScreenShows, openScreen, isSorted, QUIET_PRODUCT, tableValues, type ScreenShows } from './product-ad-traffic-fixture';

let h: Harness;
let shows: ScreenShows;
let page: Page;
let view: RoomView;

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  shows = await feedScreenShows(h);
  ({ page, view } = await openScreen(h, 'product', shows.sessionId, 'gmv'));
}, 90_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!harnessReady)('product screen in Chromium against the wall server and the real engine', () => {
  it('shows the engine’s product figures and the explained product’s figures since it started', async () => {
    const shown = await shownFigures(page);
    const ids = ['product_exposure_users', 'product_click_users', 'product_click_rate', 'gmv', 'items', 'click_to_order_rate'] as const;
    expect(Object.keys(shown).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(shown[id], id).toBe(String(view.figures[id]));
    expect(view.figures.gmv).toBeGreaterThan(0);
    expect(await page.getAttribute('.tile:has([data-metric="product_click_rate"])', 'title')).toContain('商品点击人数 ÷ 商品曝光人数');

    const explained = view.products.find((p) => p.productId === view.explaining);
    expect(await page.getAttribute('[data-testid="explaining"]', 'data-product')).toBe(view.explaining ?? '');
    if (explained?.sinceExplain) {
      for (const [field, key] of [['explain_click_users', 'clickUsers'], ['explain_orders', 'orders'], ['explain_items', 'items'], ['explain_gmv', 'gmv']] as const) {
        expect(await page.getAttribute(`[data-field="${field}"]`, 'data-value'), field).toBe(String(explained.sinceExplain[key]));
      }
    }
    expect(h.errors(page)).toEqual([]);
    await screenshot(page, 'product-1920x1080');
  });

  it('lists the diagnosis and the recommendation the rules give for the engine’s view', async () => {
    const flags = diagnoseProducts({ products: view.products, benchmarks: view.benchmarks, shopTier: view.info.shop.tier, now: view.eventTime });
    const shownFlags = await page.$$eval('[data-testid="diagnosis"] li[data-rule]', (lis) => lis.map((li) => `${li.getAttribute('data-product')}:${li.getAttribute('data-rule')}`));
    expect(shownFlags).toEqual(flags.slice(0, DIAGNOSIS_SHOWN).map((f) => `${f.productId}:${f.rule}`));
    expect(await page.getAttribute('[data-testid="diagnosis-count"]', 'data-value')).toBe(String(flags.length));
    if (flags.length > DIAGNOSIS_SHOWN) expect(await page.textContent('[data-testid="diagnosis"] li.more')).toContain(String(flags.length - DIAGNOSIS_SHOWN));
    // every line shown fits the panel: none is cut off at the bottom
    const fits = await page.$eval('[data-testid="diagnosis"]', (ul) => {
      const box = ul.getBoundingClientRect();
      return [...ul.children].every((li) => li.getBoundingClientRect().bottom <= box.bottom + 1);
    });
    expect(fits).toBe(true);
    // the simulated room has benchmarks: rate rules are judged against them
    expect(view.benchmarks.length).toBeGreaterThan(0);
    for (const f of flags) if (f.basis) expect(f.basis).toBe('benchmark');
    // every reason is filled in: no raw message id or {placeholder} reaches the screen
    const texts = await page.$$eval('[data-testid="diagnosis"] li[data-rule], [data-testid="recommend"] li', (lis) => lis.map((li) => li.textContent ?? ''));
    for (const t of texts) expect(t).not.toMatch(/advice\.|\{\w+\}/);

    const recs = recommendProducts(view.products, view.eventTime);
    const shownRecs = await page.$$eval('[data-testid="recommend"] > li[data-product]', (lis) => lis.map((li) => li.getAttribute('data-product')));
    expect(shownRecs).toEqual(recs.map((r) => r.productId));
    expect(shownRecs).not.toContain(view.explaining);
  });

  it('sorts the product table by the clicked column, both ways, "—" last', async () => {
    const rows = await page.$$eval('[data-testid="product-table"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(rows.sort()).toEqual(view.products.map((p) => p.productId).sort());
    // default: GMV, highest first
    expect(await page.getAttribute('[data-testid="product-table"] th[data-col="gmv"]', 'aria-sort')).toBe('descending');
    expect(isSorted(await tableValues(page, 'product-table', 'gmv'), 'desc')).toBe(true);

    await page.click('[data-testid="product-table"] th[data-col="clicks"] button');
    expect(await page.getAttribute('[data-testid="product-table"] th[data-col="clicks"]', 'aria-sort')).toBe('descending');
    expect(await page.getAttribute('[data-testid="product-table"] th[data-col="gmv"]', 'aria-sort')).toBe('none');
    const clicks = await tableValues(page, 'product-table', 'clicks');
    expect(clicks.map(Number)).toEqual(view.products.map((p) => p.clickUsers).sort((a, b) => b - a));

    await page.click('[data-testid="product-table"] th[data-col="conversion"] button');
    await page.click('[data-testid="product-table"] th[data-col="conversion"] button');
    expect(await page.getAttribute('[data-testid="product-table"] th[data-col="conversion"]', 'aria-sort')).toBe('ascending');
    const conv = await tableValues(page, 'product-table', 'conversion');
    expect(isSorted(conv, 'asc')).toBe(true);
    // the product nobody saw: no click rate and no conversion, shown "—" and sorted last
    expect(conv[conv.length - 1]).toBe('');
    const quiet = `[data-testid="product-table"] tr[data-row="${QUIET_PRODUCT}"]`;
    expect(await page.textContent(`${quiet} td[data-col="clickRate"]`)).toBe('—');
    expect(await page.textContent(`${quiet} td[data-col="conversion"]`)).toBe('—');
    await screenshot(page, 'product-sorted-1920x1080');

    // the last row is below the panel: the wheel brings it into view, the header stays on top
    const table = page.locator('[data-testid="product-table"]');
    const inView = () => page.$eval(quiet, (tr) => {
      const box = tr.closest('.stable')!.getBoundingClientRect();
      const r = tr.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom + 1;
    });
    expect(await inView()).toBe(false);
    await table.hover();
    await page.mouse.wheel(0, 5000);
    await page.waitForFunction((sel) => (document.querySelector(sel)?.closest('.stable')?.scrollTop ?? 0) > 0, quiet);
    expect(await inView()).toBe(true);
    const [head, body] = await table.evaluate((el) => [el.querySelector('th')!.getBoundingClientRect().top, el.getBoundingClientRect().top]);
    expect(Math.abs(head - body)).toBeLessThan(1);
  });

  it('switches to English: every label and reason translated, the same figures', async () => {
    const en = await h.newPage();
    const warnings: string[] = [];
    en.on('console', (m) => {
      if (m.type() === 'warning' && /i18n|Not found/i.test(m.text())) warnings.push(m.text());
    });
    await en.goto(`${h.wall.screenUrls.product}?room=${shows.sessionId}`);
    await h.settle(en, h.lastSeq(shows.sessionId), { sessionId: shows.sessionId });
    await en.click('[data-testid="lang"]');
    await en.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await en.textContent('body')).toContain('Live product diagnosis');
    expect(await en.textContent('body')).not.toMatch(/\b(product|advice)\.[a-z]/);
    expect(await shownFigures(en)).toEqual(await shownFigures(page));
    expect(warnings).toEqual([]);
    await screenshot(en, 'product-en-1920x1080');
    await en.close();
  });

  it('shows "—" for every rate of a room without exposure or clicks', async () => {
    const { page: quiet } = await openScreen(h, 'product', shows.quietSession, 'gmv');
    const shown = await shownFigures(quiet);
    expect(shown.product_click_rate).toBe('');
    expect(shown.click_to_order_rate).toBe('');
    expect(await quiet.textContent('.tile:has([data-metric="product_click_rate"]) .value')).toBe('—');
    expect(shown.gmv).toBe('0');
    expect(h.errors(quiet)).toEqual([]);
    await quiet.close();
  });
});
