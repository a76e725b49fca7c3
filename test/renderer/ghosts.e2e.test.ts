/**
 * Ghost curves on the live screen in Chromium (issue 15 §2): a room with two earlier shows
 * recorded through the real engine, then live 6 minutes in. The chips `[data-ghost="previous"]`
 * and `[data-ghost="median"]` carry, for online and GMV, the reference's value at the current
 * show minute — checked against a recomputation from the raw events the source sent — and the
 * previous show's id; a room without history says so once and shows no ghost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSession, RoomShow, type SimEvent } from '../../electron/sim/show';
import { harnessReady, screenshot, startHarness, type Harness } from './harness';

type E = SimEvent & Record<string, any>;
const MIN = 60_000;
const DAY = 86_400_000;

/** From the raw events: per show minute the latest online count and the GMV paid up to the minute's end. */
function perMinute(events: E[]): { online: number[]; gmvCum: number[] } {
  const start = events[0]!.startedAt as number;
  const online: (number | null)[] = [];
  const gmv: number[] = [];
  const amount = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'session.end') break;
    const m = Math.floor((e.ts - start) / MIN);
    while (gmv.length <= m) (online.push(null), gmv.push(0));
    if (e.type === 'online') online[m] = e.count;
    if (e.type === 'order.create') amount.set(e.orderId, e.amount);
    if (e.type === 'order.pay') gmv[m]! += amount.get(e.orderId) ?? 0;
  }
  const out = { online: [] as number[], gmvCum: [] as number[] };
  for (let m = 0; m < gmv.length; m++) {
    out.online.push(online[m] ?? out.online[m - 1] ?? 0);
    out.gmvCum.push(gmv[m]! + (out.gmvCum[m - 1] ?? 0));
  }
  return out;
}

let h: Harness;
let live: RoomShow;
let previous: E[];
let older: E[];
let lonely: RoomShow;

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  const now = Date.now();
  older = [...generateSession({ seed: 21, roomIndex: 0, startAt: now - 2 * DAY, durationMin: 12 })] as E[];
  previous = [...generateSession({ seed: 22, roomIndex: 0, startAt: now - DAY, durationMin: 10 })] as E[];
  for (const show of [older, previous]) await h.send(show[0]!.sessionId, show);
  live = new RoomShow({ seed: 23, roomIndex: 0, startAt: now - 6 * MIN - 30_000 });
  await h.send(live.sessionId, live.advanceTo(6 * MIN + 28_000));
  // a room of its own, no earlier show
  lonely = new RoomShow({ seed: 24, roomIndex: 1, startAt: now - 2 * MIN });
  await h.send(lonely.sessionId, lonely.advanceTo(2 * MIN - 1_000));
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe.skipIf(!harnessReady)('ghost curves on the live screen', () => {
  it('shows the previous show and the median at the current show minute, as the raw events of those shows say', async () => {
    const page = await h.newPage();
    await page.goto(`${h.wall.screenUrls.live}?room=${live.sessionId}`);
    const view = await h.settle(page, h.lastSeq(live.sessionId), { sessionId: live.sessionId });
    const minute = Math.floor((view.eventTime - view.info.startedAt) / MIN);
    expect(minute).toBe(6);
    await page.waitForSelector('[data-ghost="previous"][data-metric="gmv"]', { timeout: 10_000 });
    const chips = await page.$$eval('[data-ghost]', (els) =>
      els.map((e) => ({ ghost: e.getAttribute('data-ghost'), metric: e.getAttribute('data-metric'), value: e.getAttribute('data-value'), session: e.getAttribute('data-session'), text: e.textContent })),
    );
    const prev = perMinute(previous);
    const old = perMinute(older);
    const want = [
      { ghost: 'previous', metric: 'online', value: String(prev.online[minute]), session: previous[0]!.sessionId },
      { ghost: 'median', metric: 'online', value: String((prev.online[minute]! + old.online[minute]!) / 2), session: null },
      { ghost: 'previous', metric: 'gmv', value: String(prev.gmvCum[minute]), session: previous[0]!.sessionId },
      { ghost: 'median', metric: 'gmv', value: String((prev.gmvCum[minute]! + old.gmvCum[minute]!) / 2), session: null },
    ];
    expect(chips.map(({ text: _t, ...c }) => c)).toEqual(want);
    // the gap now in %, in words
    const gap = Math.round(((view.figures.online! - prev.online[minute]!) / prev.online[minute]!) * 100);
    expect(chips[0]!.text).toContain('vs 上场 同时段');
    expect(chips[0]!.text).toContain(`${Math.abs(gap)}%`);
    expect(await page.$('[data-ghost="none"]')).toBeNull();
    expect(h.errors(page)).toEqual([]);
    await page.waitForTimeout(2_200); // the charts redraw at most every 2 s
    await screenshot(page, 'live-ghosts-1920x1080');
    await page.locator('.m-trends').screenshot({ path: 'test-artifacts/live-ghosts-trends.png' });
    await page.click('[data-testid="trend-range"] button:nth-child(2)');
    await page.waitForTimeout(2_200);
    await screenshot(page, 'live-ghosts-cumulative-1920x1080');
    await page.close();
  });

  it('a room without an earlier show: no ghost, said once, quietly', async () => {
    const page = await h.newPage();
    const sessionId = lonely.sessionId;
    await page.goto(`${h.wall.screenUrls.live}?room=${sessionId}`);
    await h.settle(page, h.lastSeq(sessionId), { sessionId });
    await page.waitForSelector('[data-ghost="none"]', { timeout: 10_000 });
    expect(await page.$$eval('[data-ghost]', (els) => els.map((e) => e.getAttribute('data-ghost')))).toEqual(['none']);
    expect(await page.textContent('[data-ghost="none"]')).toBe('无往场记录，暂无对比');
    expect(h.errors(page)).toEqual([]);
    await page.close();
  });
});
