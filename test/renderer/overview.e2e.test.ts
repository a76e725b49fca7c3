/**
 * The overview wall (#/overview, issue 14) in real Chromium against the wall server and the real
 * engine: nine simulated rooms of several shops, talents and agencies (one that ended 10 minutes
 * ago — 已下播 —, one that ended 50 minutes ago — gone —, one room with an earlier show, one
 * stream without session.start). Asserts, against the engine's views and the raw session.start
 * events sent: one tile per room with the contract's data-metric/data-value figures, the summed
 * header, sorting, the role views (?shop= ?talent= ?agency=, an unknown id's empty state, the
 * console's start role), the alert state, and a tile opening the live and ad screens pinned to
 * its room with the same figures.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSession, RoomShow, type SimEvent } from '../../electron/sim/show';
import type { RoomView } from '../../shared/viewmodel/room';
import { harnessReady, screenshot, shownFigures, startHarness, type Harness } from './harness';

type E = SimEvent & Record<string, any>;
const MIN = 60_000;
const TILE = ['gmv', 'online', 'uv', 'orders', 'gpm', 'ad_spend', 'ad_roi'] as const;
const TOTAL = ['gmv', 'orders', 'uv', 'ad_spend'] as const;

let h: Harness;
/** session.start of every session sent, by session id */
const starts = new Map<string, E>();
const live: RoomShow[] = [];
let endedRecent: string;
let endedLong: string;
let earlier: string;
let bare: RoomShow;

async function sendAll(sessionId: string, events: E[]): Promise<void> {
  const start = events.find((e) => e.type === 'session.start');
  if (start) starts.set(sessionId, start);
  await h.send(sessionId, events);
}

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  const now = Date.now();
  // room 0 had a show that ended 10 minutes ago; its live show started 8 minutes ago: one tile, the live one
  const before = [...generateSession({ seed: 40, roomIndex: 0, startAt: now - 25 * MIN, durationMin: 15 })] as E[];
  earlier = before[0]!.sessionId;
  await sendAll(earlier, before);
  for (let i = 0; i < 6; i++) {
    const show = new RoomShow({ seed: 31, roomIndex: i, startAt: now - 8 * MIN });
    live.push(show);
    await sendAll(show.sessionId, show.advanceTo(8 * MIN - 5_000) as E[]);
  }
  const recent = [...generateSession({ seed: 31, roomIndex: 6, startAt: now - 20 * MIN, durationMin: 10 })] as E[];
  endedRecent = recent[0]!.sessionId;
  await sendAll(endedRecent, recent);
  const long = [...generateSession({ seed: 31, roomIndex: 7, startAt: now - 60 * MIN, durationMin: 10 })] as E[];
  endedLong = long[0]!.sessionId;
  await sendAll(endedLong, long);
  // a room whose source names no title, host or shop: still a tile, labelled with the room id
  bare = new RoomShow({ seed: 31, roomIndex: 8, startAt: now - 3 * MIN });
  const nameless = (bare.advanceTo(3 * MIN - 5_000) as E[]).map((e) =>
    e.type === 'session.start' ? { ...e, title: '', host: { ...e.host, name: '' }, shop: { ...e.shop, name: '' } } : e,
  );
  await sendAll(bare.sessionId, nameless);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** The engine's views by session id. */
async function views(): Promise<Record<string, RoomView>> {
  return (await h.engine.handlers['view.full']()).rooms as Record<string, RoomView>;
}
const raw = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

interface Tile {
  room: string;
  session: string;
  state: string;
  alert: string;
  figures: Record<string, string>;
}
function tiles(page: Page): Promise<Tile[]> {
  return page.$$eval('[data-room]', (els) =>
    els.map((e) => ({
      room: e.getAttribute('data-room')!,
      session: e.getAttribute('data-session')!,
      state: e.getAttribute('data-state')!,
      alert: e.getAttribute('data-alert')!,
      figures: Object.fromEntries([...e.querySelectorAll('[data-metric]')].map((m) => [m.getAttribute('data-metric')!, m.getAttribute('data-value')!])),
    })),
  );
}
function totals(page: Page): Promise<{ rooms: string; figures: Record<string, string> }> {
  return page.$eval('[data-total]', (e) => ({
    rooms: e.getAttribute('data-rooms')!,
    figures: Object.fromEntries([...e.querySelectorAll('[data-metric]')].map((m) => [m.getAttribute('data-metric')!, m.getAttribute('data-value')!])),
  }));
}

/** Tiles whose content runs past their own box (clipped), as `room: element class` — none on a readable wall. */
function clipped(page: Page): Promise<string[]> {
  return page.$$eval('[data-room]', (els) =>
    els.flatMap((tile) => {
      const box = tile.getBoundingClientRect();
      return [...tile.children]
        .filter((c) => getComputedStyle(c).display !== 'none' && getComputedStyle(c).position !== 'absolute')
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return r.height === 0 || r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5;
        })
        .map((c) => `${tile.getAttribute('data-room')}: ${c.getAttribute('class')}`);
    }),
  );
}

/** Open the overview and wait until it shows `n` tiles, each with the engine's GMV. */
async function openOverview(page: Page, query: string, n: number): Promise<void> {
  await page.goto(`${h.wall.screenUrls.overview}${query}`);
  await page.waitForFunction((count) => document.querySelectorAll('[data-room]').length === count, n, { timeout: 15_000 });
}

/** The sessions a role sees on the wall, from the raw session.start events sent (the newest of each room, on air or ended ≤ 30 min ago). */
function expectedSessions(filter: (start: E) => boolean): string[] {
  const shown = [...live.map((s) => s.sessionId), endedRecent, bare.sessionId];
  return shown.filter((id) => filter(starts.get(id)!)).sort();
}

describe.skipIf(!harnessReady)('overview wall in Chromium against the wall server and the real engine', () => {
  it('one tile per room on the wall, each figure the engine’s, the header their sums', async () => {
    const page = await h.newPage();
    const all = await views();
    const onWall = [...live.map((s) => s.sessionId), endedRecent, bare.sessionId];
    await openOverview(page, '', onWall.length);
    const shown = await tiles(page);
    expect(shown.map((t) => t.session).sort()).toEqual([...onWall].sort());
    // the room with an earlier show has one tile, its live show; the show that ended 50 min ago has none
    expect(shown.filter((t) => t.room === live[0]!.roomId).map((t) => t.session)).toEqual([live[0]!.sessionId]);
    expect(shown.some((t) => t.session === endedLong || t.session === earlier)).toBe(false);
    // a room without names is labelled with its room id
    expect(shown.find((t) => t.session === bare.sessionId)!.room).toBe(bare.roomId);
    expect(await page.textContent(`[data-session="${bare.sessionId}"] [data-testid="tile-title"]`)).toBe(bare.roomId);
    expect(await page.textContent(`[data-session="${bare.sessionId}"]`)).toContain('未提供主播/店铺信息');
    for (const t of shown) {
      const v = all[t.session]!;
      expect(Object.keys(t.figures).sort(), t.session).toEqual([...TILE].sort());
      for (const id of TILE) expect(t.figures[id], `${t.session} ${id}`).toBe(raw(v.figures[id]));
      expect(t.state).toBe(v.info.state);
    }
    expect(shown.find((t) => t.session === endedRecent)!.state).toBe('ended');
    expect(await page.textContent(`[data-session="${endedRecent}"]`)).toContain('已下播');
    // the live rooms sell: the comparison is not between empty tiles
    expect(live.every((s) => (all[s.sessionId]!.figures.gmv ?? 0) > 0)).toBe(true);

    const head = await totals(page);
    expect(head.rooms).toBe(String(onWall.length));
    for (const id of TOTAL) {
      const sum = onWall.reduce((s, k) => s + (all[k]!.figures[id] ?? 0), 0);
      expect(head.figures[id], id).toBe(String(sum));
    }
    // tiles in GMV order by default (on air first, ended last)
    const onAir = shown.filter((t) => t.state !== 'ended').map((t) => all[t.session]!.figures.gmv ?? -1);
    expect(onAir).toEqual([...onAir].sort((a, b) => b - a));
    expect(shown[shown.length - 1]!.session).toBe(endedRecent);
    // readable: every part of every tile inside its tile (room, host and shop, figures, sparkline, screen links)
    expect(await clipped(page)).toEqual([]);
    expect(await page.isVisible(`[data-session="${live[0]!.sessionId}"] .who`)).toBe(true);
    expect(await page.isVisible(`[data-session="${live[0]!.sessionId}"] [data-open="traffic"]`)).toBe(true);
    expect(h.errors(page)).toEqual([]);
    await page.close();
  });

  it('sorts by any figure: the online sort descending, then ascending', async () => {
    const page = await h.newPage();
    const all = await views();
    await openOverview(page, '', 8);
    await page.click('[data-sort="online"]');
    const onlineOf = (t: Tile) => all[t.session]!.figures.online ?? -1;
    const desc = (await tiles(page)).filter((t) => t.state !== 'ended');
    expect(desc.map(onlineOf)).toEqual(desc.map(onlineOf).sort((a, b) => b - a));
    expect(await page.getAttribute('[data-sort="online"]', 'data-dir')).toBe('desc');
    await page.click('[data-sort="online"]');
    const asc = (await tiles(page)).filter((t) => t.state !== 'ended');
    expect(asc.map(onlineOf)).toEqual(asc.map(onlineOf).sort((a, b) => a - b));
    expect(asc.map((t) => t.session)).not.toEqual(desc.map((t) => t.session));
    await page.close();
  });

  it('role views: ?shop= the shop’s rooms, ?talent= the talent’s, ?agency= every room its host or shop is bound to; an unknown id says so', async () => {
    const page = await h.newPage();
    const all = await views();
    const someTalent = starts.get(live[2]!.sessionId)!.host; // room 2 is talent-hosted, its talent bound to an agency
    expect(someTalent.kind).toBe('talent');
    const agencyId = someTalent.agency.id as string;
    const shopId = starts.get(live[1]!.sessionId)!.shop.id as string;
    const cases = [
      { query: `?shop=${shopId}`, want: expectedSessions((s) => s.shop.id === shopId) },
      { query: `?talent=${someTalent.id}`, want: expectedSessions((s) => s.host.id === someTalent.id) },
      { query: `?agency=${agencyId}`, want: expectedSessions((s) => s.host.agency?.id === agencyId || s.shop.agency?.id === agencyId) },
    ];
    for (const c of cases) {
      expect(c.want.length, c.query).toBeGreaterThan(0);
      await openOverview(page, c.query, c.want.length);
      expect((await tiles(page)).map((t) => t.session).sort(), c.query).toEqual(c.want);
      const head = await totals(page);
      expect(head.rooms).toBe(String(c.want.length));
      for (const id of TOTAL) expect(head.figures[id], `${c.query} ${id}`).toBe(String(c.want.reduce((s, k) => s + (all[k]!.figures[id] ?? 0), 0)));
    }
    // the agency sees its commission and its own share; the share is its part of each room's commission
    const agencyHead = await totals(page);
    const want = cases[2]!.want;
    expect(agencyHead.figures.commission).toBe(String(want.reduce((s, k) => s + (all[k]!.figures.commission ?? 0), 0)));
    const ownShare = want.reduce((s, k) => {
      const st = starts.get(k)!;
      const c = all[k]!.figures.commission ?? 0;
      // host's agency: share × commission; shop's agency: share × commission (shared/aggregate/commission.ts rounds each part)
      let part = 0;
      if (st.host.agency?.id === agencyId) part += Math.round(c * st.host.agency.share);
      if (st.shop.agency?.id === agencyId) part += Math.round(c * st.shop.agency.share);
      return s + part;
    }, 0);
    expect(Number(agencyHead.figures.agency_share)).toBe(ownShare);
    expect(ownShare).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="role-label"]')).toContain(someTalent.agency.name);

    await page.goto(`${h.wall.screenUrls.overview}?agency=no-such-agency`);
    await page.waitForSelector('[data-testid="overview-empty"]');
    expect(await page.textContent('[data-testid="overview-empty"]')).toContain('没有找到机构「no-such-agency」的直播间');
    expect(await page.getAttribute('[data-total]', 'data-rooms')).toBe('0');
    expect(h.errors(page)).toEqual([]);
    await page.close();
  });

  it('the console’s role choice is the view the overview opens in', async () => {
    const page = await h.newPage();
    const talentId = starts.get(live[5]!.sessionId)!.host.id as string;
    await page.goto(h.wall.screenUrls.console);
    await page.selectOption('[data-field="roleKind"]', 'talent');
    await page.fill('[data-field="roleId"]', talentId);
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-status"].ok');
    expect((await h.engine.handlers['settings.get']()).startRole).toBe(`talent:${talentId}`);
    const want = expectedSessions((s) => s.host.id === talentId);
    await openOverview(page, '', want.length);
    expect((await tiles(page)).map((t) => t.session).sort()).toEqual(want);
    expect(await page.getAttribute('[data-total]', 'data-role')).toBe('talent');
    // an address naming a role wins over the start role
    await openOverview(page, `?shop=${starts.get(live[0]!.sessionId)!.shop.id}`, expectedSessions((s) => s.shop.id === starts.get(live[0]!.sessionId)!.shop.id).length);
    await h.engine.handlers['settings.set']({ startRole: '' });
    await page.close();
  });

  it('a tile with an alert stands out: a rule crossing while the wall is open lights that room’s tile only', async () => {
    const page = await h.newPage();
    await openOverview(page, '', 8);
    const show = live[1]!;
    const before = (await views())[show.sessionId]!.figures.gmv!;
    await h.engine.handlers['alerts.rules.set']([{ id: 'wall-gmv', metric: 'gmv', kind: 'above', threshold: before + 1, roomId: show.roomId, enabled: true }]);
    await h.send(show.sessionId, show.advanceTo(10 * MIN) as E[]);
    expect((await views())[show.sessionId]!.figures.gmv!).toBeGreaterThan(before + 1);
    await page.waitForSelector(`[data-session="${show.sessionId}"][data-alert="true"]`, { timeout: 10_000 });
    const lit = (await tiles(page)).filter((t) => t.alert === 'true').map((t) => t.session);
    expect(lit).toEqual([show.sessionId]);
    // a fresh page learns it from the stored alerts (alerts.list)
    const again = await h.newPage();
    await openOverview(again, '', 8);
    await again.waitForSelector(`[data-session="${show.sessionId}"][data-alert="true"]`, { timeout: 10_000 });
    await again.waitForTimeout(600);
    await screenshot(again, 'overview-1920x1080');
    await h.engine.handlers['alerts.rules.set']([]);
    await again.close();
    await page.close();
  });

  it('a tile opens the live and ad screens pinned to its room, showing the same figures', async () => {
    const page = await h.newPage();
    await openOverview(page, '', 8);
    const show = live[3]!;
    const tile = (await tiles(page)).find((t) => t.session === show.sessionId)!;
    expect(tile.room).toBe(show.roomId);
    await page.click(`[data-room="${show.roomId}"] [data-testid="tile-title"]`);
    await page.waitForFunction((room) => location.hash === `#/live?room=${room}`, show.roomId);
    await h.settle(page, h.lastSeq(show.sessionId), { sessionId: show.sessionId });
    const onLive = await shownFigures(page);
    for (const id of ['gmv', 'online', 'uv', 'orders', 'gpm']) expect(onLive[id], id).toBe(tile.figures[id]);
    expect(await page.textContent('[data-testid="room-title"]')).toContain(starts.get(show.sessionId)!.title.slice(0, 10));
    // back to the wall, then the ad screen of the same room
    await page.goBack();
    await page.waitForSelector(`[data-room="${show.roomId}"] [data-open="ad"]`);
    await page.click(`[data-room="${show.roomId}"] [data-open="ad"]`);
    await page.waitForFunction((room) => location.hash === `#/ad?room=${room}`, show.roomId);
    await h.settle(page, h.lastSeq(show.sessionId), { sessionId: show.sessionId, metric: 'ad_spend' });
    const onAd = await shownFigures(page);
    for (const id of ['ad_spend', 'ad_roi']) expect(onAd[id], id).toBe(tile.figures[id]);
    expect(h.errors(page)).toEqual([]);
    await page.close();
  });

  it('60 rooms on one 1920×1080 page: smaller tiles, nothing clipped; past 60 the wall pages', async () => {
    const now = Date.now();
    const more: RoomShow[] = [];
    for (let i = 9; i < 62; i++) {
      const show = new RoomShow({ seed: 32, roomIndex: i, startAt: now - 2 * MIN });
      more.push(show);
      await sendAll(show.sessionId, show.advanceTo(2 * MIN - 5_000) as E[]);
    }
    const total = 8 + more.length; // 61 rooms on the wall
    const page = await h.newPage();
    await page.goto(h.wall.screenUrls.overview);
    await page.waitForFunction(() => document.querySelectorAll('[data-room]').length === 60, undefined, { timeout: 20_000 });
    expect(await page.getAttribute('[data-total]', 'data-rooms')).toBe(String(total));
    expect(await page.getAttribute('[data-testid="overview-grid"]', 'data-density')).toBe('xs');
    expect(await clipped(page)).toEqual([]);
    // the smallest figure is still large enough to read from across the room on a 1080p wall
    const smallest = await page.$$eval('[data-room] [data-metric]', (els) => Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize))));
    expect(smallest).toBeGreaterThanOrEqual(12);
    await page.click('[data-testid="page-next"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-room]').length === 1);
    await page.click('[data-testid="page-prev"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-room]').length === 60);
    await page.waitForTimeout(400);
    await screenshot(page, 'overview-60-1920x1080');
    expect(h.errors(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
