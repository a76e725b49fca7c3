/**
 * A real room end to end, as a studio would do it from the console: a local WebSocket server
 * plays DouyinBarrageGrab's frames; in the console (real Chromium, wall server, real engine) the
 * relay is started with that input, becomes the source, and the live screen shows the room's
 * audience and comments — and "无数据" for what the tool cannot supply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barrage, startFakeTool, type FakeTool } from '../electron/relay/capture-fixtures';
import { harnessReady, screenshot, startHarness, type Harness } from './harness';

let h: Harness;
let tool: FakeTool;

beforeAll(async () => {
  if (!harnessReady) return;
  h = await startHarness();
  tool = await startFakeTool();
}, 60_000);

afterAll(async () => {
  await h?.close();
  await tool?.stop();
});

describe.skipIf(!harnessReady)('a capture-tool room through the console\'s relay', () => {
  it('starts the relay from the console, and the live screen shows the room', async () => {
    const page = await h.newPage();
    await page.goto(h.wall.screenUrls.console);
    await page.waitForSelector('[data-testid="relay-form"] [data-field="barrage"]');
    expect(await page.getAttribute('[data-testid="relay-state"]', 'data-running')).toBe('false');
    await page.fill('[data-testid="relay-form"] [data-field="barrage"]', tool.url);
    await page.uncheck('[data-testid="relay-form"] [data-field="http"]');
    await page.click('[data-testid="relay-start"]');
    await page.waitForSelector('[data-testid="relay-state"][data-running="true"]', { timeout: 10_000 });
    const relay = await h.engine.handlers['relay.state']();
    expect(relay.inputs).toEqual([`barrage=${tool.url}`]);
    expect(h.engine.sourceUrl()).toBe(relay.url);
    // the settings form shows the relay as the source
    await page.waitForFunction((url) => (document.querySelector('[data-field="source"]') as HTMLInputElement | null)?.value === url, relay.url);
    await screenshot(page, 'console-relay-1920x1080');

    await tool.connected();
    for (let i = 0; i < 30; i++) {
      const viewer = { id: `${7350000000000000001n + BigInt(i * 2)}`, nickname: `观众${i}`, gender: (i % 3) as 0 | 1 | 2, fansLevel: i % 5 === 0 ? 2 : 0 };
      tool.send(barrage.enter(`${i + 1}1`, viewer));
      if (i % 3 === 0) tool.send(barrage.chat(`${i + 1}2`, viewer, `主播好 ${i}`));
    }
    tool.send(barrage.stats('99', 28, 30));
    const live = await h.newPage();
    await live.goto(`${h.wall.screenUrls.live}?room=516466932480`);
    await live.waitForFunction(() => document.querySelector('[data-metric="uv"]')?.getAttribute('data-value') === '30', undefined, { timeout: 15_000 });
    expect(await live.getAttribute('[data-metric="online"]', 'data-value')).toBe('28');
    expect(await live.textContent('[data-metric="gmv"]')).toBe('无数据');
    await live.waitForFunction(() => document.body.textContent?.includes('主播好 27'), undefined, { timeout: 10_000 });
    await screenshot(live, 'live-relay-barrage-1920x1080');
    expect(h.errors(live)).toEqual([]);
    // the console says what the relay did, in Chinese
    await page.waitForFunction(() => /barrage 已连接：收到 41，事件 42，拒收 0/.test(document.querySelector('[data-testid="relay-status"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    expect(await page.textContent('[data-testid="relay-status"]')).toMatch(/场次 1（直播中 1）· 事件 42/);
  }, 60_000);
});
