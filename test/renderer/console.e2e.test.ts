/**
 * The console end to end in real Chromium against the wall server and the real engine (the
 * shared harness: a source the test feeds → engine on a temp SQLite file → wall server → built
 * renderer). The layout editor saves at once, is remembered across a reload and restores the
 * defaults; the settings form refuses a bad value with a message and saves a good one; a rule set
 * in the console fires when the stream crosses its threshold — stored, on the owning (live)
 * screen's banner and in the console's log. Screenshots at 1920×1080 in test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLayout } from '../../electron/engine/preferences';
import { harnessReady, screenshot, startHarness, type Harness } from './harness';
import { makeShow, ROOM, SESSION } from './show';

let h: Harness;
let rest: Record<string, unknown>[] = [];

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  const events = makeShow(11, Date.now() - 2_000).events;
  const cut = Math.floor(events.length * 0.6);
  rest = events.slice(cut);
  await h.send(SESSION, events.slice(0, cut));
}, 60_000);

afterAll(async () => {
  await h?.close();
});

let consolePage: Page | undefined;

/** The console page, opened once and shared by the tests (page loads are the slow part on a busy machine). */
async function openConsole(): Promise<Page> {
  if (consolePage && !consolePage.isClosed()) return consolePage;
  const page = await h.newPage();
  consolePage = page;
  await page.goto(h.wall.screenUrls.console);
  await page.waitForSelector('[data-testid="layout-editor"] tr[data-screen="live"]');
  await page.waitForSelector('[data-testid="settings-form"] [data-field="breakEvenRoi"]');
  return page;
}

const row = (screen: string) => `[data-testid="layout-editor"] tr[data-screen="${screen}"]`;

describe.skipIf(!harnessReady)('console in Chromium against the wall server and the real engine', () => {
  it('layout editor: applies each change at once, remembers it, restores the defaults', async () => {
    const page = await openConsole();
    // the wall server has one pseudo display and says the layout is for the desktop app
    expect(await page.isVisible('[data-testid="layout-wall-note"]')).toBe(true);
    expect(await page.$$eval(`${row('live')} [data-field="display"] option`, (os) => os.length)).toBe(2);

    await page.selectOption(`${row('product')} [data-field="mode"]`, 'fullscreen');
    await page.waitForFunction(() => document.querySelector('tr[data-screen="product"]')?.getAttribute('data-mode') === 'fullscreen');
    await page.selectOption(`${row('product')} [data-field="room"]`, ROOM);
    await page.uncheck(`${row('traffic')} [data-field="open"]`);
    await page.waitForFunction(() => document.querySelector('tr[data-screen="traffic"]')?.getAttribute('data-open') === 'false');
    const saved = await h.engine.handlers['layout.get']();
    expect(saved.find((p) => p.screen === 'product')).toEqual({ screen: 'product', displayId: null, mode: 'fullscreen', room: ROOM });
    expect(saved.some((p) => p.screen === 'traffic')).toBe(false);
    expect(saved.find((p) => p.screen === 'console')).toEqual({ screen: 'console', displayId: null, mode: 'windowed', room: null }); // untouched

    // remembered: a reload shows what was saved
    await page.reload();
    await page.waitForFunction(() => document.querySelector('tr[data-screen="product"]')?.getAttribute('data-mode') === 'fullscreen');
    expect(await page.getAttribute(row('traffic'), 'data-open')).toBe('false');
    expect(await page.inputValue(`${row('product')} [data-field="room"]`)).toBe(ROOM);

    await page.click('[data-testid="layout-reset"]');
    await page.waitForFunction(() => document.querySelector('tr[data-screen="product"]')?.getAttribute('data-mode') === 'windowed');
    expect(await h.engine.handlers['layout.get']()).toEqual(defaultLayout());
    expect(await page.getAttribute(row('traffic'), 'data-open')).toBe('true');
    expect(h.errors(page)).toEqual([]);
  }, 45_000);

  it('layout editor: a second live window pinned to another room, then closed again', async () => {
    const page = await openConsole();
    await page.click(`${row('live')}[data-window="0"] [data-action="add-window"]`);
    await page.waitForSelector(`${row('live')}[data-window="1"]`);
    await page.selectOption(`${row('live')}[data-window="1"] [data-field="room"]`, ROOM);
    await page.waitForFunction((room) => (document.querySelector('tr[data-screen="live"][data-window="1"] [data-field="room"]') as HTMLSelectElement | null)?.value === room, ROOM);
    const lives = async () => (await h.engine.handlers['layout.get']()).filter((p) => p.screen === 'live');
    await expect.poll(lives).toEqual([
      { screen: 'live', displayId: null, mode: 'windowed', room: null },
      { screen: 'live', displayId: null, mode: 'windowed', room: ROOM },
    ]);
    await page.click(`${row('live')}[data-window="1"] [data-field="open"]`); // the row goes with the window
    await page.waitForFunction(() => document.querySelector('tr[data-screen="live"][data-window="1"]') === null);
    await expect.poll(lives).toEqual([{ screen: 'live', displayId: null, mode: 'windowed', room: null }]);
    expect(h.errors(page)).toEqual([]);
  }, 45_000);

  it('settings: a bad value gets its message and is not sent; a good one is saved', async () => {
    const page = await openConsole();
    await page.fill('[data-field="breakEvenRoi"]', '0');
    expect(await page.textContent('[data-error="breakEvenRoi"]')).toContain('保本ROI 须为大于 0');
    expect(await page.isDisabled('[data-testid="settings-save"]')).toBe(true);
    await page.fill('[data-field="breakEvenRoi"]', '2.5');
    await page.fill('[data-field="retentionDays"]', '30');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-status"].ok');
    expect(await h.engine.handlers['settings.get']()).toMatchObject({ breakEvenRoi: 2.5, retentionDays: 30, locale: 'zh-CN' });
    // #/settings is the console, at its settings
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.waitForFunction(() => location.hash === '#/settings' && document.querySelector('[data-field="breakEvenRoi"]') !== null);
    expect(await page.inputValue('[data-field="breakEvenRoi"]')).toBe('2.5');
    expect(await page.isVisible('[data-testid="layout-editor"]')).toBe(true);
    expect(h.errors(page)).toEqual([]);
  }, 45_000);

  it('a rule set in the console fires when the stream crosses it: stored, on the live screen, in the console log', async () => {
    const before = await h.engineView(SESSION);
    const threshold = (before.figures.pv ?? 0) + 20;

    const livePage = await h.newPage();
    await livePage.goto(`${h.wall.screenUrls.live}?room=${ROOM}`);
    await h.settle(livePage, h.lastSeq(SESSION), { sessionId: SESSION });

    const page = await openConsole();
    // a row's own reason shows before anything is sent
    await page.click('[data-testid="rule-add"]');
    const rule = '[data-testid="rule-editor"] tbody tr[data-rule]';
    await page.selectOption(`${rule} [data-field="kind"]`, 'above');
    await page.fill(`${rule} [data-field="threshold"]`, '');
    expect(await page.textContent('[data-testid="rule-error"]')).toBe('threshold is required for above');
    await page.selectOption(`${rule} [data-field="metric"]`, 'pv');
    await page.fill(`${rule} [data-field="threshold"]`, String(threshold));
    await page.click('[data-testid="rules-save"]');
    await page.waitForSelector('[data-testid="rules-status"]');
    expect(await page.textContent('[data-testid="rules-status"]')).toMatch(/^规则已保存/);
    const rules = await h.engine.handlers['alerts.rules.get']();
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ metric: 'pv', kind: 'above', threshold, roomId: null, enabled: true });
    const ruleId = rules[0]!.id;
    expect(await page.getAttribute('[data-testid="alert-log"]', 'data-count')).toBe('0');

    await h.send(SESSION, rest);
    const after = await h.engineView(SESSION);
    expect(after.figures.pv).toBeGreaterThan(threshold);

    await page.waitForSelector(`[data-testid="alert-log"] tr[data-rule="${ruleId}"]`, { timeout: 5_000 });
    await livePage.waitForSelector(`[data-testid="alert-banner"] [data-rule="${ruleId}"]`, { timeout: 5_000 });
    const stored = await h.engine.handlers['alerts.list'](SESSION);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ruleId, metric: 'pv', threshold, screen: 'live' });
    expect(stored[0]!.value).toBeGreaterThan(threshold);
    // counts read with thousands separators, as on the screens
    expect(stored[0]!.message).toBe(`累计观看人次高于 ${threshold.toLocaleString('en-US')}（当前 ${stored[0]!.value.toLocaleString('en-US')}）`);
    expect(await page.textContent(`[data-testid="alert-log"] tr[data-rule="${ruleId}"]`)).toContain(stored[0]!.message);
    expect(await livePage.textContent('[data-testid="alert-banner"]')).toContain(stored[0]!.message);
    // the console beeped (sound on by default) and the trends got the marker
    expect(Number(await page.getAttribute('[data-testid="alert-log"]', 'data-beeps'))).toBe(1);
    expect((await h.engineView(SESSION)).markers.filter((m) => m.kind === 'alert').map((m) => m.ref)).toEqual([ruleId]);

    await screenshot(livePage, 'live-alert-1920x1080');
    await screenshot(page, 'console-1920x1080');
    expect(h.errors(page)).toEqual([]);
    expect(h.errors(livePage)).toEqual([]);

    // muting is shown and remembered for the next visit
    await page.click('[data-testid="sound-toggle"]');
    expect(await page.textContent('[data-testid="sound-toggle"]')).toContain('已静音');
    expect(await page.evaluate(() => localStorage.getItem('luopan.alertSoundMuted'))).toBe('1');
    await page.close();
    await livePage.close();
  }, 60_000);
});
