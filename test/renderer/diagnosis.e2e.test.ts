/**
 * `#/diagnosis` in Chromium against the real engine and wall server: simulator shows are
 * recorded through the engine; the page shows, for each kind, the same verdicts and values as
 * runDiagnosis over a separate store of the same shows (the `luopan diagnose` function), with
 * a progress bar while the session stats are first computed; the CSV and HTML exports and the
 * printable page carry the same verdicts; every "—" of a window without sessions has a reason.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../electron/diagnosis/run';
import { openStore } from '../../electron/store/open';
import type { DiagnosisReport } from '../../shared/diagnosis/diagnose';
import { rangeMessage } from '../../shared/diagnosis/range';
import { dayOf } from '../../shared/diagnosis/window';
import { recordShows, showEvents, showStart, type SimShow } from '../electron/history/sim-store';
import { harnessReady, screenshot, startHarness, type Harness } from './harness';

// shop-jujia (room 0, self) on three days and today, and another shop's talent room
const SHOWS: SimShow[] = [1, 2, 3, 0].map((daysAgo) => ({ roomIndex: 0, daysAgo, durationMin: 3 })).concat([{ roomIndex: 2, daysAgo: 1, durationMin: 3 }]);
const SHOP = 'shop-jujia';

let h: Harness;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'luopan-diagnosis-e2e-'));
const reference = join(dir, 'reference.sqlite');

function expectedReport(kind: 'self' | 'talent' | 'service', range: { days?: number; start?: string; end?: string } = { days: 7 }): DiagnosisReport {
  const db = openStore(reference);
  try {
    return runDiagnosis(db, { kind, shopId: SHOP, ...range });
  } finally {
    db.close();
  }
}

/** indicator id → [data-value, data-verdict] as shown */
function shownIndicators(): Promise<[string, string, string][]> {
  return page.$$eval('[data-testid="indicators"] tbody tr', (trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-indicator')!,
      tr.querySelector('[data-field="value"]')!.getAttribute('data-value')!,
      tr.querySelector('[data-field="verdict"]')!.getAttribute('data-verdict')!,
    ]),
  );
}
const wanted = (r: DiagnosisReport) => r.indicators.map((i) => [i.id, i.value === null ? '' : String(i.value), i.verdict ?? '']);

async function waitReport(kind: string) {
  await page.waitForFunction((k) => {
    const el = document.querySelector('[data-testid="report"]');
    return el?.getAttribute('data-kind') === k && !el.classList.contains('stale') && !document.querySelector('[data-testid="progress"]');
  }, kind, { timeout: 20_000 });
}

describe.skipIf(!harnessReady)('diagnosis page', () => {
  beforeAll(async () => {
    recordShows(reference, SHOWS);
    h = await startHarness();
    for (const show of SHOWS) {
      const { sessionId, events } = showEvents(show);
      await h.send(sessionId, events);
    }
    page = await h.newPage();
    // note every progress bar state the page shows, however briefly
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const p = document.querySelector('[data-testid="progress"]');
        if (p) seen.push(`${p.getAttribute('data-done')}/${p.getAttribute('data-total')}`);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('self: the verdicts and values of runDiagnosis, with a progress bar while computing', async () => {
    await page.goto(`${h.wall.url}/#/diagnosis?kind=self&window=7d&shop=${SHOP}`);
    await waitReport('self');
    const want = expectedReport('self');
    expect(want.sessions).toHaveLength(3);
    expect(await shownIndicators()).toEqual(wanted(want));
    expect(await page.textContent('[data-testid="report"] h2')).toContain('自播诊断');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((s) => s.endsWith('/4'))).toBe(true);
    // GMV = PV × GPM ÷ 1000, as the report says
    const g = await page.$eval('[data-testid="gmv-decomposition"]', (el) => [el.getAttribute('data-gmv'), el.getAttribute('data-pv'), el.getAttribute('data-gpm')]);
    expect(g).toEqual([String(want.kind === 'self' && want.gmv.current.gmv), String(want.kind === 'self' && want.gmv.current.pv), String(want.kind === 'self' && want.gmv.current.gpm)]);
    expect(await page.$$('[data-testid="quadrants"] tbody tr')).toHaveLength(4);
    expect(await page.$$('canvas')).not.toHaveLength(0);
    // TOP3 sessions link to their replay
    const lagging = want.indicators.find((i) => i.top3.length > 0);
    if (lagging) expect(await page.getAttribute(`tr[data-indicator="${lagging.id}"] [data-session]`, 'href')).toBe(`#/replay/${lagging.top3[0]!.sessionId}`);
    await screenshot(page, 'diagnosis-self-1920x1080');
    expect(h.errors(page)).toEqual([]);
  });

  it('CSV, HTML and the printable page carry the same verdicts', async () => {
    const want = expectedReport('self');
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    const csv = readFileSync(await csvDl.path(), 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(csv).toHaveLength(1 + want.indicators.length);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(want.indicators.map((i) => i.id));
    expect(csv.slice(1).map((line) => line.split(',')[6])).toEqual(want.indicators.map((i) => i.verdict ?? ''));
    const [htmlDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-html"]')]);
    const html = readFileSync(await htmlDl.path(), 'utf8');
    const verdicts = (text: string) => [...text.matchAll(/data-verdict="(\w*)"/g)].map((m) => m[1]);
    expect(verdicts(html)).toEqual(want.indicators.map((i) => i.verdict ?? ''));
    const printable = await page.getAttribute('[data-testid="printable"]', 'href');
    const served = await page.evaluate(async (u) => (await fetch(u!)).text(), printable);
    expect(verdicts(served)).toEqual(want.indicators.map((i) => i.verdict ?? ''));
  });

  it('service and talent: the same verdicts; a window without sessions says why', async () => {
    await page.click('[data-kind="service"]');
    await waitReport('service');
    expect(await shownIndicators()).toEqual(wanted(expectedReport('service')));
    await page.click('[data-kind="talent"]');
    await waitReport('talent');
    const talent = expectedReport('talent');
    expect(talent.sessions).toEqual([]);
    expect(await shownIndicators()).toEqual(wanted(talent));
    expect(await page.textContent('[data-testid="notes"]')).toContain('窗口内没有场次');
    expect(await page.textContent('[data-indicator="talent_gmv"] [data-field="value"]')).toContain('窗口内没有场次');
    await screenshot(page, 'diagnosis-talent-1920x1080');
    expect(h.errors(page)).toEqual([]);
  });

  /** the report header's window and session count */
  const header = () =>
    page.$eval('[data-testid="report-header"]', (el) => [el.getAttribute('data-window-start'), el.getAttribute('data-window-end'), el.getAttribute('data-sessions')]);
  const rows = () =>
    page.$$eval('[data-testid="indicators"] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-indicator'), tr.getAttribute('data-value'), tr.getAttribute('data-verdict')]));
  async function waitWindow(start: string, end: string) {
    await page.waitForFunction(
      ([s, e]) => {
        const el = document.querySelector('[data-testid="report-header"]');
        const report = document.querySelector('[data-testid="report"]');
        return el?.getAttribute('data-window-start') === s && el?.getAttribute('data-window-end') === e && !report?.classList.contains('stale') && !document.querySelector('[data-testid="progress"]');
      },
      [start, end] as const,
      { timeout: 20_000 },
    );
  }

  it('the end-date control reaches today; a free range; an end before the start is a message', async () => {
    const today = dayOf(Date.now());
    await page.goto('about:blank'); // a fresh page, not a hash change of the one open
    await page.goto(`${h.wall.url}/#/diagnosis?kind=self&window=1d&shop=${SHOP}`);
    await waitReport('self');
    await page.click('[data-testid="end-today"]');
    await waitWindow(today, today);
    const todays = expectedReport('self', { days: 1, end: 'today' });
    expect(todays.sessions).toHaveLength(1);
    expect(await header()).toEqual([today, today, '1']);
    expect(await rows()).toEqual(wanted(todays));
    expect(new URL(page.url()).hash).toContain(`end=${today}`);

    // a free range of the last four days: every self show of the shop
    const first = dayOf(showStart(3));
    await page.click('[data-window="range"]');
    await page.fill('[data-testid="start"]', first);
    await page.fill('[data-testid="end"]', today);
    await waitWindow(first, today);
    const range = expectedReport('self', { start: first, end: today });
    expect(range.sessions).toHaveLength(4);
    expect(await header()).toEqual([first, today, '4']);
    expect(await rows()).toEqual(wanted(range));

    // an end before the start: the page says so in its language, and runs nothing
    const before = dayOf(showStart(5));
    await page.fill('[data-testid="end"]', before);
    await page.waitForSelector('[data-testid="range-error"]');
    expect(await page.textContent('[data-testid="range-error"]')).toBe(rangeMessage({ code: 'end_before_start', start: first, end: before }, 'zh-CN'));
    expect(await header()).toEqual([first, today, '4']);
    expect(h.errors(page)).toEqual([]);
  });

  it("场次记录's 诊断 link opens a one-day window on the session's day", async () => {
    const show = SHOWS[1]!; // two days ago
    const { sessionId } = showEvents(show);
    const day = dayOf(showStart(show.daysAgo));
    await page.goto(`${h.wall.url}/#/sessions`);
    const link = page.locator(`tr[data-session="${sessionId}"] [data-action="diagnose"]`);
    await link.click();
    await waitWindow(day, day);
    expect(await header()).toEqual([day, day, '1']);
    expect(await rows()).toEqual(wanted(expectedReport('self', { start: day, end: day })));
    expect(h.errors(page)).toEqual([]);
  });
});
