/**
 * The live screen end to end in real Chromium: a socket.io source on 127.0.0.1 plays a seeded
 * show → the real engine (StreamClient → SQLite store → RoomAggregator → ≤10 Hz deltas) → the
 * real wall server (static out/renderer + `/api` socket bridge) → the built Vue app. Asserts
 * what a person sees: the first paint is quick, every headline `data-value` equals the engine's
 * figure, hostile text stays inert text without breaking the layout, and the canvas stays
 * crisp at 4K. Screenshots go to test-artifacts/ (gitignored).
 * (The simulator, electron/sim, has not landed: the show comes from ./show.ts through a real
 * socket.io source speaking docs/protocol.md.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../shared/metrics/glossary';
import { CORE_METRICS } from '../../renderer/src/screens/live/core-metrics';
import { harnessReady, screenshot, shownFigures, startHarness, type Harness } from './harness';
import { HOSTILE, hostileEvents, makeShow, ROOM, SESSION } from './show';

let h: Harness;
const lastSeq = () => h.lastSeq(SESSION);
const settle = (page: Page, seq: number) => h.settle(page, seq, { sessionId: SESSION });

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  await h.send(SESSION, makeShow(7, Date.now() - 2_000).events);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!harnessReady)('live screen in Chromium against the wall server and the real engine', () => {
  let page: Page;

  // Timed against the 2 s start target of docs/product.md. The suite's other processes share the two
  // cores, so one slow first paint is retried before it counts as a failure.
  it('paints the live room within 2 s with the engine’s figures in every data-value', { retry: 2, timeout: 30_000 }, async () => {
    if (page) await page.close();
    page = await h.newPage();
    const t0 = Date.now();
    await page.goto(`${h.wall.screenUrls.live}?room=${ROOM}`);
    await page.waitForFunction(() => (document.querySelector('[data-metric="gmv"]')?.getAttribute('data-value') ?? '') !== '', undefined, { timeout: 2_000 });
    const paintMs = Date.now() - t0;
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r) => Math.round((r as PerformanceResourceTiming).responseEnd));
      return { now: Math.round(performance.now()), domContentLoaded: Math.round(nav.domContentLoadedEventEnd), response: Math.round(nav.responseEnd), js };
    });
    console.log(`live screen painted ${paintMs} ms after navigation (page clock: ${JSON.stringify(timing)})`);
    expect(paintMs).toBeLessThan(2_000);

    const view = await settle(page, lastSeq());
    const shown = await shownFigures(page);
    // all twenty core figures are on screen, each exactly the engine's raw number
    expect(Object.keys(shown).sort()).toEqual([...CORE_METRICS].sort());
    for (const id of CORE_METRICS) {
      const v = view.figures[id];
      expect(shown[id], id).toBe(v === null ? '' : String(v));
    }
    // the show has real sales and audience: the comparison is not between empty screens
    expect(view.figures.gmv).toBeGreaterThan(0);
    expect(view.figures.uv).toBeGreaterThan(100);
    for (const id of Object.keys(shown)) expect(METRIC_IDS).toContain(id);

    // tooltips carry the glossary name, definition and formula
    const tip = await page.getAttribute('.tile:has([data-metric="gpm"])', 'title');
    expect(tip).toContain('千次观看成交金额');
    expect(tip).toContain('GMV ÷ PV × 1000');

    // opened after the show's comments were all said, the feed still shows the latest of them
    // (the room pin and the first comments arrive in one update; the feed must not reset after)
    expect(view.figures.comments).toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="comments"] li').length > 0, undefined, { timeout: 3_000 });

    // status bar says live; the room is the pinned one; the explained product is highlighted
    expect(await page.getAttribute('[data-testid="connection"]', 'data-status')).toBe('live');
    expect(await page.textContent('[data-testid="room-title"]')).toContain('春季新品首发');
    expect(await page.$$eval('tr[data-explaining="true"]', (rows) => rows.map((r) => r.getAttribute('data-product')))).toEqual([view.explaining]);
    // charts drew something (a canvas per chart, sized to the chart)
    expect(await page.$$eval('[data-testid^="trend-"] canvas', (cs) => cs.length)).toBe(3);
    expect(h.errors(page)).toEqual([]);
    await screenshot(page, 'live-1920x1080');
  });

  it('keeps hostile comment, nickname and product text inert and the layout intact', async () => {
    const box = async (sel: string) => page.$eval(sel, (e) => {
      const r = e.getBoundingClientRect();
      return { w: Math.round(r.width), h: Math.round(r.height) };
    });
    const before = { comments: await box('[data-testid="comments"]'), products: await box('[data-testid="products"]'), core: await box('[data-testid="core"]') };
    await h.send(SESSION, hostileEvents(lastSeq() + 1, Date.now()));
    await settle(page, lastSeq());
    // the pacer releases a few comments a second: wait for the last hostile one
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="comments"] li')].some((li) => li.textContent?.includes('长长长')), undefined, { timeout: 5_000 });

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$eval('[data-testid="comments"] img, [data-testid="comments"] script, [data-testid="products"] b', (els) => els.length)).toBe(0);
    const texts = await page.$$eval('[data-testid="comments"] li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(texts.some((t) => t.includes(HOSTILE.img))).toBe(true);
    expect(texts.some((t) => t.includes(HOSTILE.script))).toBe(true);
    // bidi overrides are gone; the 100 KB comment is cut to a few hundred characters in the DOM
    expect(texts.join('')).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(texts.some((t) => t.includes('evil 粉丝'))).toBe(true);
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThan(400);
    const evilTitle = await page.textContent('tr[data-product="p-evil"] .title-text');
    expect(evilTitle).toContain('<b onmouseover=');
    expect(evilTitle!.length).toBeLessThanOrEqual(60);
    expect(await page.getAttribute('tr[data-product="p-evil"]', 'data-explaining')).toBe('true');

    // the layout holds: same module boxes, no scrolling, every comment clipped to its two lines
    expect(await box('[data-testid="comments"]')).toEqual(before.comments);
    expect(await box('[data-testid="products"]')).toEqual(before.products);
    expect(await box('[data-testid="core"]')).toEqual(before.core);
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1920, 1080]);
    const tallest = await page.$$eval('[data-testid="comments"] li', (lis) => Math.max(...lis.map((li) => li.getBoundingClientRect().height)));
    expect(tallest).toBeLessThanOrEqual(2 * 17 * 1.4 + 12);
    await screenshot(page, 'live-hostile-1920x1080');
  }, 30_000);

  it('fits and stays crisp on a 3840×2160 screen: canvas scaled ×2, charts drawn at ×2 pixels', async () => {
    const big = await h.newPage({ width: 3840, height: 2160 });
    await big.goto(`${h.wall.screenUrls.live}?room=${ROOM}`);
    await big.waitForFunction(() => (document.querySelector('[data-metric="gmv"]')?.getAttribute('data-value') ?? '') !== '', undefined, { timeout: 5_000 });
    await settle(big, lastSeq());
    const canvas = await big.$eval('[data-testid="canvas"]', (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    });
    expect(canvas).toEqual({ x: 0, y: 0, w: 3840, h: 2160 });
    // an ECharts canvas of 300 CSS px inside a ×2 canvas must have 600 backing pixels
    const ratios = await big.$$eval('[data-testid^="trend-"] canvas', (cs) => cs.map((c) => (c as HTMLCanvasElement).width / (c as HTMLCanvasElement).offsetWidth));
    expect(ratios.length).toBe(3);
    for (const r of ratios) expect(r).toBeCloseTo(2, 1);
    expect(await shownFigures(big)).toEqual(await shownFigures(page));
    await screenshot(big, 'live-3840x2160');
    await big.close();
  }, 30_000);

  it('says 无数据 for what a capture-tool room cannot supply, and shows what it can', async () => {
    // a room as luopan relay builds it from a capture tool: session.start declares what is missing
    const t0 = Date.now() - 60_000;
    const start = {
      seq: 1, ts: t0, type: 'session.start', sessionId: 'capture-1', roomId: 'room-capture', title: '弹幕工具直播间', startedAt: t0,
      host: { id: 'h', name: '主播', kind: 'self' }, shop: { id: 's', name: '店', category: '', tier: '' },
      unavailable: ['products', 'channels', 'watch_time', 'orders', 'ads'],
    };
    const audience = Array.from({ length: 40 }, (_, i) => ({ seq: i + 2, ts: t0 + i * 1000, type: 'viewer.enter', userId: `v${i}`, channel: 'other', fan: i % 4 === 0 }));
    await h.send('capture-1', [start, ...audience, { seq: 42, ts: t0 + 41_000, type: 'online', count: 35 }]);
    const p = await h.newPage();
    await p.goto(`${h.wall.screenUrls.live}?room=room-capture`);
    await p.waitForFunction(() => document.querySelector('[data-metric="uv"]')?.getAttribute('data-value') === '40', undefined, { timeout: 10_000 });
    for (const id of ['gmv', 'orders', 'buyers', 'gpm', 'product_click_rate', 'avg_watch_duration']) {
      expect(await p.getAttribute(`[data-metric="${id}"]`, 'data-unavailable'), id).toBe('true');
      expect(await p.textContent(`[data-metric="${id}"]`), id).toBe('无数据');
    }
    expect(await p.textContent('[data-metric="online"]')).not.toBe('无数据');
    expect(await p.getAttribute('[data-metric="online"]', 'data-value')).toBe('35');
    expect(await p.getAttribute('[data-testid="natural-paid"]', 'data-unavailable')).toBe('true');
    expect(await p.$$eval('[data-testid="funnel"] [data-unavailable="true"]', (els) => els.length)).toBe(5); // all but 进入
    expect(await p.textContent('[data-testid="products"] + .empty')).toBe('无数据');
    await screenshot(p, 'live-capture-tool-room-1920x1080');
    await p.close();
  }, 30_000);

  it('marks the figures stale and says reconnecting with the last event’s age when the source is gone', async () => {
    await h.closeSource();
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-status') === 'reconnecting', undefined, { timeout: 10_000 });
    const text = await page.textContent('[data-testid="connection"]');
    expect(text).toMatch(/重连中/);
    expect(text).toMatch(/最后事件 \d+ 秒前/);
    expect(text).toContain('数据非实时');
    expect(await page.getAttribute('[data-testid="canvas"]', 'class')).toContain('stale');
    await screenshot(page, 'live-reconnecting-1920x1080');
  }, 30_000);
});
