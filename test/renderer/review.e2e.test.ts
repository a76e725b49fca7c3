/**
 * The review page (#/review/:sessionId) in real Chromium against the wall server and the real
 * engine: four simulated shows of one room fed through the harness's socket.io source, and the
 * same events written into a reference database, whose review (electron/review reviewSession,
 * itself checked against raw events by test/integration/review-cli.test.ts) is what the page
 * must show — every headline figure's data-value, every explanation row and channel row, the
 * comparison with the previous session and the median, the findings in one language. A click
 * on the minute chart opens the replay at that minute; a session still live shows 进行中 and
 * no comparison; an unknown session is one line on the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewSession } from '../../electron/review/load-review';
import { generateSession, type SimEvent } from '../../electron/sim/show';
import { EventWriter } from '../../electron/store/event-writer';
import { openStore } from '../../electron/store/open';
import type { Lang } from '../../shared/i18n/lang';
import { REVIEW_METRICS } from '../../shared/review/metrics';
import type { ReviewPage } from '../../shared/review/types';
import { recordShows, showEvents, type SimShow } from '../electron/history/sim-store';
import { harnessReady, screenshot, shownFigures, startHarness, type Harness } from './harness';

// room 0 on four days (the last one is reviewed against the three before), 9 minutes each
const SHOWS: SimShow[] = [4, 3, 2, 1].map((daysAgo) => ({ roomIndex: 0, daysAgo, durationMin: 9 }));
const dir = mkdtempSync(join(tmpdir(), 'luopan-review-e2e-'));
const reference = join(dir, 'reference.sqlite');

let h: Harness;
let page: Page;
let ids: string[];
/** a show of room 1 that started 8 minutes ago and is still on */
let liveId: string;

function expected(sessionId: string, lang: Lang = 'zh-CN'): ReviewPage {
  const db = openStore(reference, { readonly: true });
  try {
    return reviewSession(db, sessionId, { lang });
  } finally {
    db.close();
  }
}
const raw = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** The first half of a show that started 8 minutes ago: no session.end yet. */
function liveShowEvents(): SimEvent[] {
  const all = [...generateSession({ seed: 5, roomIndex: 1, startAt: Date.now() - 8 * 60_000, durationMin: 16 })];
  const cut = Date.now() - 60_000;
  return all.filter((e) => e.ts < cut && e.type !== 'session.end');
}

function writeReference(sessionId: string, events: SimEvent[]): void {
  const db = openStore(reference);
  try {
    new EventWriter(db).writeBatch(sessionId, events.map((e) => ({ seq: e.seq, ts: e.ts, type: e.type, body: JSON.stringify(e) })));
  } finally {
    db.close();
  }
}

async function openReview(sessionId: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${h.wall.url}/#/review/${encodeURIComponent(sessionId)}`);
  await page.waitForSelector(`[data-testid="review-page"][data-session="${sessionId}"] [data-testid="state"]`, { timeout: 20_000 });
}

describe.skipIf(!harnessReady)('review page', () => {
  beforeAll(async () => {
    ids = recordShows(reference, SHOWS);
    const live = liveShowEvents();
    liveId = String((live[0] as { sessionId?: unknown }).sessionId);
    writeReference(liveId, live);
    h = await startHarness();
    for (const show of SHOWS) {
      const { sessionId, events } = showEvents(show);
      await h.send(sessionId, events);
    }
    await h.send(liveId, live);
    page = await h.newPage();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the headline figures, the explanation rows, the channels and the comparison of the review', { timeout: 60_000 }, async () => {
    const id = ids[3]!;
    const want = expected(id);
    await openReview(id);
    expect(await page.getAttribute('[data-testid="state"]', 'data-state')).toBe('ended');

    const shown = await shownFigures(page);
    expect(Object.keys(shown).sort()).toEqual([...REVIEW_METRICS].sort());
    for (const m of REVIEW_METRICS) expect(shown[m], m).toBe(raw(want.review.figures[m]));
    expect(want.review.figures.gmv).toBeGreaterThan(0); // a show that sold: the check above is not of empty figures

    // one row per explanation segment, every field its raw value
    expect(want.review.explanations.length).toBeGreaterThan(2);
    const rows = await page.$$eval('[data-testid="explanations"] tbody tr', (trs) =>
      trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-field'), td.getAttribute('data-value')]))),
    );
    expect(rows).toEqual(
      want.review.explanations.map((e) => ({
        product: e.productId,
        start: String(e.start),
        end: String(e.end),
        durationSec: String(e.durationSec),
        clicks: String(e.clicks),
        clickUsers: String(e.clickUsers),
        orders: String(e.orders),
        gmv: String(e.gmv),
        avgOnline: raw(e.avgOnline),
        conversion: raw(e.clickUsers > 0 ? e.orders / e.clickUsers : null),
      })),
    );
    // the product title is shown, not only its id
    const firstTitle = want.products[want.review.explanations[0]!.productId]!;
    expect(await page.textContent('[data-testid="explanations"] tbody tr:first-child [data-field="product"]')).toBe(firstTitle);

    const channels = await page.$$eval('[data-testid="channels"] tbody tr', (trs) =>
      trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-field'), td.getAttribute('data-value')]))),
    );
    expect(channels).toEqual(
      want.review.channels.map((c) => ({ channel: c.channel, entries: String(c.entries), pvShare: raw(c.pvShare), buyers: String(c.buyers), gmv: String(c.gmv), gmvShare: raw(c.gmvShare), gpm: raw(c.gpm) })),
    );

    // compared with the show of the day before and the median of the three before
    const c = want.review.compare;
    expect(c.previous?.sessionId).toBe(ids[2]);
    expect(c.median.sessions).toEqual([ids[2], ids[1], ids[0]]);
    expect(await page.getAttribute('[data-testid="compare"]', 'data-previous')).toBe(ids[2]);
    expect(await page.getAttribute('[data-testid="compare"]', 'data-median-sessions')).toBe('3');
    const refs = await page.$$eval('[data-testid="figures"] .card', (cards) =>
      cards.map((card) => [
        card.querySelector('[data-metric]')!.getAttribute('data-metric'),
        card.querySelector('[data-field="previous"]')!.getAttribute('data-value'),
        card.querySelector('[data-delta="previous"]')!.getAttribute('data-value'),
        card.querySelector('[data-field="median"]')!.getAttribute('data-value'),
        card.querySelector('[data-delta="median"]')!.getAttribute('data-value'),
      ]),
    );
    expect(refs).toEqual(REVIEW_METRICS.map((m) => [m, raw(c.previous!.figures[m]), raw(c.deltas[m].previous), raw(c.median.figures[m]), raw(c.deltas[m].median)]));

    // the portraits: watchers ≥ buyers, and watched-but-did-not-buy is their difference
    const totals = await page.$$eval('[data-portrait]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-portrait'), Number(e.getAttribute('data-total'))])));
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, n) => a + n, 0);
    expect(totals).toEqual({ watchers: sum(want.portraits.watchers.gender), buyers: sum(want.portraits.buyers.gender), nonBuyers: sum(want.portraits.nonBuyers.gender) });
    expect(totals.watchers).toBeGreaterThan(totals.buyers!);

    // findings, each with its rule, in Chinese
    const findings = await page.$$eval('[data-testid="findings"] li', (lis) => lis.map((li) => [li.getAttribute('data-rule'), li.querySelector('span:nth-child(2)')!.textContent]));
    expect(findings).toEqual(want.review.findings.map((f) => [f.rule, f.message]));
    expect(findings.length).toBeGreaterThan(0);

    await screenshot(page, 'review-1920x1080');
    await page.screenshot({ path: join(__dirname, '..', '..', 'test-artifacts', 'review-full.png'), fullPage: true });
    expect(h.errors(page)).toEqual([]);
  });

  it('draws the minutes with explanation segments, alert and action marks; a click opens the replay at that minute', { timeout: 60_000 }, async () => {
    const id = ids[3]!;
    const want = await h.engine.handlers['review.get']({ sessionId: id });
    const n = want.review.minutes.length;
    expect(await page.getAttribute('[data-testid="minutes"]', 'data-minutes')).toBe(String(n));
    expect(await page.locator('[data-segment]').count()).toBe(want.review.explanations.length);
    expect(await page.locator('[data-mark]').count()).toBe(want.marks.length);
    expect(await page.locator('[data-pause]').count()).toBe(want.pauses.length);

    // a click in the middle of minute 6
    const box = (await page.locator('[data-testid="minute-plot"]').boundingBox())!;
    await page.mouse.click(box.x + (box.width * 6.5) / n, box.y + box.height - 10);
    await page.waitForSelector(`[data-testid="replay"][data-session="${id}"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid="replay"]')?.getAttribute('data-position') === String(6 * 60_000), null, { timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe(`#/replay/${encodeURIComponent(id)}`); // the ?at= is spent
    expect(h.errors(page)).toEqual([]);
  });

  it('the explanation start and a band open the replay at the segment start', { timeout: 60_000 }, async () => {
    const id = ids[3]!;
    const want = expected(id);
    const e = want.review.explanations[1]!;
    const at = Math.round(e.start - want.review.startedAt);
    await openReview(id);
    await page.click('[data-testid="explanations"] tbody tr:nth-child(2) [data-action="replay"]');
    await page.waitForFunction((p) => document.querySelector('[data-testid="replay"]')?.getAttribute('data-position') === String(p), at, { timeout: 15_000 });
    await openReview(id);
    await page.click('[data-segment="1"]');
    await page.waitForFunction((p) => document.querySelector('[data-testid="replay"]')?.getAttribute('data-position') === String(p), at, { timeout: 15_000 });
    expect(h.errors(page)).toEqual([]);
  });

  it('English switch: the findings and labels in English only', { timeout: 60_000 }, async () => {
    const id = ids[3]!;
    await openReview(id);
    await page.click('[data-testid="review-page"] header button');
    const want = expected(id, 'en');
    await page.waitForFunction((m) => document.querySelector('[data-testid="findings"] li span:nth-child(2)')?.textContent === m, want.review.findings[0]!.message, { timeout: 15_000 });
    const findings = await page.$$eval('[data-testid="findings"] li span:nth-child(2)', (els) => els.map((e) => e.textContent));
    expect(findings).toEqual(want.review.findings.map((f) => f.message));
    // no Chinese left in the page's own words (product titles and regions are data)
    const words = await page.$$eval('h2, th, [data-testid="state"], [data-testid="compare"], .card .name', (els) => els.map((e) => e.textContent ?? '').join(' '));
    expect(words).not.toMatch(/[\u4e00-\u9fff]/);
    await page.click('[data-testid="review-page"] header button'); // back to Chinese for the rest
    await page.waitForFunction(() => document.querySelector('[data-testid="state"]')?.textContent === '已结束');
  });

  it('a live session shows 进行中 with its figures so far and no comparison', { timeout: 60_000 }, async () => {
    const want = expected(liveId);
    expect(want.live).toBe(true);
    await openReview(liveId);
    expect(await page.getAttribute('[data-testid="state"]', 'data-state')).toBe('live');
    expect(await page.textContent('[data-testid="state"]')).toBe('进行中');
    expect(await page.locator('[data-testid="live-note"]').count()).toBe(1);
    expect(await page.locator('[data-testid="compare"]').count()).toBe(0);
    expect(await page.locator('[data-field="previous"]').count()).toBe(0);
    const shown = await shownFigures(page);
    for (const m of REVIEW_METRICS) expect(shown[m], m).toBe(raw(want.review.figures[m]));
    expect(await page.getAttribute('[data-testid="findings"] li', 'data-rule')).toBe('live');
    expect(h.errors(page)).toEqual([]);
  });

  it('an unknown session is one line on the page', { timeout: 30_000 }, async () => {
    await page.goto('about:blank');
    await page.goto(`${h.wall.url}/#/review/no-such-session`);
    await page.waitForSelector('[data-testid="error"]');
    expect(await page.textContent('[data-testid="error"]')).toBe('复盘失败：没有场次 "no-such-session"');
    expect(await page.locator('[data-metric]').count()).toBe(0);
  });

  it("场次记录's 复盘 link opens the session's review", { timeout: 30_000 }, async () => {
    await page.goto(`${h.wall.url}/#/sessions`);
    await page.click(`tr[data-session="${ids[1]}"] [data-action="review"]`);
    await page.waitForSelector(`[data-testid="review-page"][data-session="${ids[1]}"] [data-testid="state"]`, { timeout: 20_000 });
    expect(await page.getAttribute('[data-metric="gmv"]', 'data-value')).toBe(raw(expected(ids[1]!).review.figures.gmv));
  });
});
