/**
 * The two access levels in real Chromium (/usr/bin/chromium via playwright-core) against the
 * real engine and the built renderer: a screen URL's `?token=` leaves the address bar (a redirect,
 * the #/route kept) and the page still works through its cookie; the console opened with the
 * view token says it is read-only and its settings form gets `forbidden: …` with nothing
 * changed; the console URL with the admin token saves, and its empty token field keeps the
 * stored source token.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { readSettings } from '../../../electron/engine/preferences';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import { CHROMIUM, harnessReady, RENDERER_DIR } from '../../renderer/harness';
import { getKv } from '../../../electron/store/kv';
import { openStore } from '../../../electron/store/open';

const VIEW = 'view-Token-browser-01';
const ADMIN = 'admin-Token-browser-02';
const SECRET = 'stored-Source-Secret-9';
let engine: Backend;
let wall: WallServer;
let browser: Browser;
let dbFile: string;

beforeAll(async () => {
  if (!harnessReady) return;
  dbFile = join(mkdtempSync(join(tmpdir(), 'luopan-access-browser-')), 'w.db');
  engine = await createBackend({ dbFile, source: 'demo', demo: { seed: 2, rooms: 1, speed: 30 } });
  await engine.handlers['settings.set']({ sourceToken: SECRET });
  wall = await startWallServer({ engine, rendererDir: RENDERER_DIR, port: 0, token: VIEW, adminToken: ADMIN });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await wall?.close();
  await engine?.close();
});

/** the stored token, read from the SQLite file itself (the API never answers it) */
function storedSourceToken(): string {
  const db = openStore(dbFile);
  try {
    return readSettings({ get: (k) => getKv(db, k), put: () => undefined }).sourceToken;
  } finally {
    db.close();
  }
}

describe.skipIf(!harnessReady)('view and admin pages in Chromium', () => {
  it('takes the token out of the address bar and keeps the screen working', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(wall.screenUrls.live);
    expect(page.url()).toBe(`${wall.url}/#/live`);
    await page.waitForSelector('[data-metric="gmv"]', { timeout: 30_000 });
    await page.waitForFunction(() => (document.querySelector('[data-metric="gmv"]')?.textContent ?? '—').trim() !== '—', undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly
    await ctx.close();
  }, 60_000);

  it('a console opened with the view token is read-only: its save is forbidden, nothing changes', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(wall.screenUrls.console);
    expect(page.url()).toBe(`${wall.url}/#/console`);
    await page.waitForSelector('[data-testid="console-read-only"]');
    await page.waitForSelector('[data-field="breakEvenRoi"]');
    const before = await engine.handlers['settings.get']();
    await page.fill('[data-field="breakEvenRoi"]', '7');
    await page.fill('[data-field="source"]', 'https://attacker.example');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-status"].error');
    expect(await page.textContent('[data-testid="settings-status"]')).toMatch(/forbidden: settings\.set changes the wall; it needs the admin token/);
    // the layout editor's reset and an upload from the page are refused as well
    await page.click('[data-testid="layout-reset"]');
    const upload = await page.evaluate(async () => {
      const res = await fetch('/files/sessions/import', { method: 'POST', headers: { 'X-Luopan-Upload': '1' }, body: '{}\n' });
      return { status: res.status, body: (await res.json()) as { error: string } };
    });
    expect(upload.status).toBe(403);
    expect(upload.body.error).toMatch(/^forbidden: /);
    expect(await engine.handlers['settings.get']()).toEqual(before);
    expect(storedSourceToken()).toBe(SECRET);
    await ctx.close();
  }, 60_000);

  it('the admin console saves, and an empty token field keeps the stored source token', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(wall.adminConsoleUrl);
    expect(page.url()).toBe(`${wall.url}/#/console`);
    await page.waitForSelector('[data-field="breakEvenRoi"]');
    expect(await page.$('[data-testid="console-read-only"]')).toBeNull();
    expect(await page.inputValue('[data-field="sourceToken"]')).toBe('');
    expect(await page.getAttribute('[data-field="sourceToken"]', 'placeholder')).toBe('已保存令牌；留空则保留');
    await page.fill('[data-field="breakEvenRoi"]', '3.25');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-status"].ok');
    expect((await engine.handlers['settings.get']()).breakEvenRoi).toBe(3.25);
    expect(storedSourceToken()).toBe(SECRET);
    // the page never held the secret
    expect(await page.content()).not.toContain(SECRET);
    await ctx.close();
  }, 60_000);
});
