/**
 * The wall server in real Chromium (/usr/bin/chromium via playwright-core): a screen URL with
 * ?token= loads the page, the HttpOnly cookie then lets its script in, the CSP blocks inline
 * script but lets the styled markup ECharts tooltips are made of through, and the page cannot be
 * framed. The screens themselves are the renderer's tests; this is about what the server sends.
 */
import { existsSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import { fakeRenderer, testHost } from './test-host';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'browser-Token-9';
let browser: Browser;
let wall: WallServer;

beforeAll(async () => {
  const renderer = fakeRenderer();
  // what the page tries: its own script (allowed), an inline script (must be blocked), and an
  // ECharts-like tooltip written as HTML with a style attribute (must render styled)
  writeFileSync(
    join(renderer.dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="./assets/index-AbC123.js"></script></head>
     <body><div id="app"></div><div id="tip"></div><script>window.inlineRan = true</script></body></html>`,
  );
  writeFileSync(
    join(renderer.dir, 'assets', 'index-AbC123.js'),
    `window.violations = [];
     document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
     document.getElementById('app').textContent = '罗盘 ' + location.hash;
     document.getElementById('tip').innerHTML = '<span id="dot" style="color: rgb(255, 0, 0)">●</span>';`,
  );
  wall = await startWallServer({ engine: testHost(), rendererDir: renderer.dir, port: 0, token: TOKEN });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await wall?.close();
});

describe.skipIf(!existsSync(CHROMIUM))('wall server in Chromium', () => {
  it('loads a screen URL with its token, runs the bundle, blocks inline script, keeps styled markup', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(wall.screenUrls.live);
    await page.waitForFunction(() => document.getElementById('app')?.textContent?.startsWith('罗盘'));
    expect(await page.textContent('#app')).toBe('罗盘 #/live');
    expect(failed).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('dot') as Element).color)).toBe('rgb(255, 0, 0)');
    // nothing the bundle did (the styled markup included) was reported as a violation
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    // the cookie is HttpOnly: the page's scripts cannot read the token back
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.close();
  });

  it('shows the refusal page without the token, and only the refusal page', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const res = await page.goto(`${wall.url}/#/live`);
    expect(res?.status()).toBe(401);
    expect(await page.textContent('h1')).toBe('需要访问令牌');
    expect(await page.$('#app')).toBeNull();
    await ctx.close();
  });
});
