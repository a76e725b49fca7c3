/**
 * `#/sessions` in Chromium against the real engine and wall server: three simulator shows are
 * recorded through the engine first; the list shows them with the figures of `sessions.list`,
 * search and the date range filter, delete asks and removes (cancel keeps), the export
 * downloads the session's NDJSON, and importing it back restores the session with the same
 * figures (a second import stores nothing twice; a corrupt file names its line).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../shared/api/contract';
import { showEvents, showStart } from '../electron/history/sim-store';
import { harnessReady, screenshot, startHarness, type Harness } from './harness';

const SHOWS = [{ roomIndex: 0, daysAgo: 3, durationMin: 3 }, { roomIndex: 1, daysAgo: 2, durationMin: 3 }, { roomIndex: 0, daysAgo: 1, durationMin: 3 }];
const FIELDS = ['gmv', 'pv', 'uv', 'peakOnline', 'gpm', 'orders'] as const;

let h: Harness;
let page: Page;
let ids: string[] = [];

const day = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const shownRows = () => page.$$eval('[data-testid="sessions"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-session')!));
async function waitRows(n: number) {
  await page.waitForFunction((want) => document.querySelectorAll('[data-testid="sessions"] tbody tr').length === want, n, { timeout: 10_000 });
}
async function shownFigures(sessionId: string): Promise<Record<string, string>> {
  return page.$eval(`tr[data-session="${sessionId}"]`, (tr) =>
    Object.fromEntries([...tr.querySelectorAll('[data-field]')].map((td) => [td.getAttribute('data-field')!, td.getAttribute('data-value')!])),
  );
}
const expected = (s: SessionSummary) => Object.fromEntries(FIELDS.map((f) => [f, s[f] === null ? '' : String(s[f])]));

describe.skipIf(!harnessReady)('sessions page', () => {
  beforeAll(async () => {
    h = await startHarness();
    for (const show of SHOWS) {
      const { sessionId, events } = showEvents(show);
      await h.send(sessionId, events);
      ids.push(sessionId);
    }
    page = await h.newPage();
    await page.goto(`${h.wall.url}/#/sessions`);
    await waitRows(3);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists every recorded session with the figures of sessions.list', async () => {
    const list = await h.engine.handlers['sessions.list']({});
    expect(list.map((s) => s.sessionId).sort()).toEqual([...ids].sort());
    expect(await shownRows()).toEqual(list.map((s) => s.sessionId));
    for (const s of list) {
      expect(s.endedAt).not.toBeNull();
      expect(await shownFigures(s.sessionId)).toEqual(expected(s));
      expect(s.gmv).toBeGreaterThan(0);
    }
    const replay = await page.getAttribute(`tr[data-session="${ids[0]}"] [data-action="replay"]`, 'href');
    expect(replay).toBe(`#/replay/${ids[0]}`);
    expect(await page.getAttribute(`tr[data-session="${ids[0]}"] [data-action="diagnose"]`, 'href')).toMatch(/^#\/diagnosis\?shop=shop-jujia&kind=self&start=(\d{4}-\d\d-\d\d)&end=\1$/);
    await screenshot(page, 'sessions-1920x1080');
    expect(h.errors(page)).toEqual([]);
  });

  it('search and the date range filter the list', async () => {
    await page.fill('[data-testid="search"]', 'room-8802');
    await waitRows(1);
    expect(await shownRows()).toEqual([ids[1]]);
    await page.fill('[data-testid="search"]', '');
    await waitRows(3);
    const d = day(showStart(3));
    await page.fill('[data-testid="from"]', d);
    await page.fill('[data-testid="to"]', d);
    await waitRows(1);
    expect(await shownRows()).toEqual([ids[0]]);
    await page.fill('[data-testid="from"]', '');
    await page.fill('[data-testid="to"]', '');
    await waitRows(3);
  });

  it('export downloads the NDJSON; delete asks first; import restores the session with the same figures', async () => {
    const target = ids[2]!;
    const before = (await h.engine.handlers['sessions.list']({})).find((s) => s.sessionId === target)!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`tr[data-session="${target}"] [data-action="export"]`)]);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n').length - 1).toBe(before.events);
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ sessionId: target, seq: 1, type: 'session.start' });

    await page.click(`tr[data-session="${target}"] [data-action="delete"]`);
    await page.waitForSelector('[data-testid="confirm-dialog"]');
    await page.click('[data-testid="confirm-cancel"]');
    expect(await page.$('[data-testid="confirm-dialog"]')).toBeNull();
    expect((await h.engine.handlers['sessions.list']({})).length).toBe(3);

    await page.click(`tr[data-session="${target}"] [data-action="delete"]`);
    await page.click('[data-testid="confirm-ok"]');
    await waitRows(2);
    expect((await h.engine.handlers['sessions.list']({})).map((s) => s.sessionId)).not.toContain(target);

    await page.setInputFiles('[data-testid="import-file"]', file);
    await waitRows(3);
    await page.waitForFunction(() => /已导入 1 场/.test(document.querySelector('[data-testid="message"]')?.textContent ?? ''));
    const after = (await h.engine.handlers['sessions.list']({})).find((s) => s.sessionId === target)!;
    expect(after).toEqual(before);
    expect(await shownFigures(target)).toEqual(expected(before));

    await page.setInputFiles('[data-testid="import-file"]', file);
    await page.waitForFunction((n) => (document.querySelector('[data-testid="message"]')?.textContent ?? '').includes(`（${n} 条已存在）`), before.events);
    expect((await h.engine.handlers['sessions.list']({})).find((s) => s.sessionId === target)!.events).toBe(before.events);
  });

  it('a corrupt file reports its line and imports nothing', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`tr[data-session="${ids[1]}"] [data-action="export"]`)]);
    const lines = readFileSync(await download.path(), 'utf8').split(ids[1]!).join('copy-x').split('\n');
    lines[4] = lines[4]!.slice(0, 25);
    await page.setInputFiles('[data-testid="import-file"]', { name: 'broken.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
    await page.waitForFunction(() => /导入失败：line 5: /.test(document.querySelector('[data-testid="message"].error')?.textContent ?? ''));
    expect((await h.engine.handlers['sessions.list']({})).map((s) => s.sessionId)).not.toContain('copy-x');
    await waitRows(3);
    // the refused upload's 400 is logged by the browser itself; nothing else may be
    expect(h.errors(page).filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
