/**
 * The replay page end to end in real Chromium: a show recorded by the real engine (fed through
 * the harness's socket.io source into SQLite), opened at #/replay/<id> on the wall server;
 * played at 16×, paused, scrubbed on the timeline (click and drag) to minute M — every shown
 * data-value equals the live aggregation of the same events up to minute M, the page holds the
 * live screen's whole layout, and the comment feed shows the stored comments just before the
 * cursor — a marker jumps to its moment, and a live screen opened with ?room=replay:<id>
 * follows the replay.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSession, type SimEvent } from '../../electron/sim/show';
import { liveFoldAt, START } from '../electron/replay/recorded';
import { harnessReady, screenshot, shownFigures, startHarness, type Harness } from './harness';

const DURATION_MIN = 14;
let h: Harness;
let events: SimEvent[];
let sessionId: string;
let page: Page;

beforeAll(async () => {
  if (!harnessReady) return;
  events = [...generateSession({ seed: 3, roomIndex: 0, startAt: START, durationMin: DURATION_MIN })];
  sessionId = events[0]!.sessionId as string;
  h = await startHarness();
  await h.send(sessionId, events);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const urlOf = (hash: string) => h.wall.screenUrls.live.replace('#/live', hash);
const position = async (p: Page) => Number(await p.getAttribute('[data-testid=replay]', 'data-position'));

/** Every figure the page shows equals the live fold at the replay's position. */
async function expectFiguresOfPosition(p: Page, positionMs: number, within = 'body'): Promise<void> {
  const fold = liveFoldAt(events, sessionId, positionMs);
  const want = fold.figures.gmv === null ? '' : String(fold.figures.gmv);
  await p.waitForFunction(
    ([sel, v]) => document.querySelector(`${sel} [data-metric="gmv"]`)?.getAttribute('data-value') === v,
    [within, want] as const,
    { timeout: 10_000 },
  );
  const shown = await shownFigures(p, within);
  expect(Object.keys(shown).length).toBeGreaterThanOrEqual(10);
  for (const [metric, value] of Object.entries(shown)) {
    const f = fold.figures[metric as keyof typeof fold.figures];
    expect(value, metric).toBe(f === null || f === undefined ? '' : String(f));
  }
}

/** After a seek: the feed shows the last 16 comments with seq ≤ the replay's seq, oldest first. */
async function expectCommentsBeforeCursor(p: Page): Promise<void> {
  const seq = Number(await p.getAttribute('[data-testid=replay]', 'data-seq'));
  const want = events.filter((e) => e.type === 'comment' && e.seq <= seq).slice(-16).map((e) => String(e.seq));
  expect(want.length).toBeGreaterThan(0);
  await p.waitForFunction(
    (w) => JSON.stringify([...document.querySelectorAll('[data-testid=comments] [data-seq]')].map((li) => li.getAttribute('data-seq'))) === w,
    JSON.stringify(want),
    { timeout: 10_000 },
  );
  expect(await p.locator('[data-testid=comments]').textContent()).not.toContain('暂无评论');
}

async function clickTimelineAt(p: Page, fraction: number): Promise<void> {
  const box = (await p.locator('[data-testid=timeline]').boundingBox())!;
  await p.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}

/** Wait until the page's replay position is within 30 s of `fraction` of the show. */
function positionNear(p: Page, fraction: number) {
  const want = fraction * DURATION_MIN * 60_000;
  return p.waitForFunction(
    (w) => Math.abs(Number(document.querySelector('[data-testid=replay]')?.getAttribute('data-position')) - w) < 30_000,
    want,
    { timeout: 10_000 },
  );
}

describe.skipIf(!harnessReady)('replay page in Chromium against the wall server and the real engine', () => {
  it('opens a recorded session paused at the start, with explanation markers', { timeout: 30_000 }, async () => {
    page = await h.newPage();
    await page.goto(urlOf(`#/replay/${encodeURIComponent(sessionId)}`));
    await page.waitForSelector('[data-testid=play]');
    expect(await position(page)).toBe(0);
    expect(await page.locator('[data-marker=explain]').count()).toBeGreaterThan(2);
    await expect(page.textContent('[data-testid=show-time]')).resolves.toBe('0:00');
  });

  it('plays at 16× and pauses', { timeout: 30_000 }, async () => {
    await page.click('[data-speed="16"]');
    await page.waitForSelector('[data-speed="16"][aria-pressed=true]');
    const t0 = Date.now();
    await page.click('[data-testid=play]');
    await page.waitForSelector('[data-testid=pause]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=replay]')?.getAttribute('data-position')) >= 20_000, null, { timeout: 10_000 });
    await page.click('[data-testid=pause]');
    await page.waitForSelector('[data-testid=play]');
    const elapsed = Date.now() - t0;
    const at = await position(page);
    expect(at).toBeGreaterThanOrEqual(20_000);
    expect(at).toBeLessThanOrEqual(16 * elapsed + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await position(page)).toBe(at); // paused: the position holds
    await expectFiguresOfPosition(page, at);
  });

  it('a click on the timeline jumps to minute M with the figures of minute M', { timeout: 30_000 }, async () => {
    await clickTimelineAt(page, 0.6);
    await positionNear(page, 0.6);
    const at = await position(page);
    await expectFiguresOfPosition(page, at);
    await expectCommentsBeforeCursor(page);
    // the live screen's whole layout follows the replay under the timeline
    for (const m of ['m-sources', 'm-portrait', 'm-core', 'm-trends', 'm-products', 'm-picture', 'm-comments']) {
      expect(await page.locator(`[data-testid=replay-layout] .${m}`).count(), m).toBe(1);
    }
    const layout = (await page.locator('[data-testid=replay-layout] [data-testid=canvas]').boundingBox())!;
    const track = (await page.locator('[data-testid=timeline]').boundingBox())!;
    expect(layout.y).toBeGreaterThan(track.y + track.height);
    // the paced modules (shares, tables: twice a second) catch up before the picture
    await page.waitForTimeout(1200);
    await screenshot(page, 'replay-1920x1080');
  });

  it('dragging back to an earlier minute rebuilds its figures', { timeout: 30_000 }, async () => {
    const box = (await page.locator('[data-testid=timeline]').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.35, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.25, y, { steps: 5 });
    await page.mouse.up();
    await positionNear(page, 0.25);
    await expectFiguresOfPosition(page, await position(page));
    await expectCommentsBeforeCursor(page);
  });

  it('a marker on the timeline jumps to its moment', { timeout: 30_000 }, async () => {
    const marker = page.locator('[data-marker=explain]').nth(3);
    const at = Number(await marker.getAttribute('data-position'));
    expect(Math.abs(at - (await position(page)))).toBeGreaterThan(30_000);
    await marker.click();
    await page.waitForFunction((w) => Number(document.querySelector('[data-testid=replay]')?.getAttribute('data-position')) === w, at, { timeout: 10_000 });
    await expectFiguresOfPosition(page, at);
    await expectCommentsBeforeCursor(page);
  });

  it('#/live?room=replay:<id> follows the replay', { timeout: 60_000 }, async () => {
    const key = `replay:${sessionId}`;
    const livePage = await h.newPage();
    await livePage.goto(urlOf(`#/live?room=${encodeURIComponent(key)}`));
    await livePage.waitForSelector(`[data-room="${key}"]`);
    await livePage.waitForSelector('[data-testid=connection][data-status=replay]');
    await expectFiguresOfPosition(livePage, await position(page));
    // the replay moves on: the live screen follows
    await clickTimelineAt(page, 0.9);
    await positionNear(page, 0.9);
    await expectFiguresOfPosition(livePage, await position(page));
    await screenshot(livePage, 'replay-followed-live-1920x1080');
    expect(h.errors(livePage)).toEqual([]);
    expect(h.errors(page)).toEqual([]);
    await livePage.close();
  });
});
