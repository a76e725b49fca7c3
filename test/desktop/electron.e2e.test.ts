/**
 * The desktop shell end to end, in a real Electron. Runs only where the Electron binary exists
 * (and, on Linux, a display); elsewhere it is skipped and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without type declarations
import { electronBinary, ensureElectronNative } from '../../scripts/electron-native.mjs';

const root = join(__dirname, '..', '..');
const binary = electronBinary(root) as { path: string | null; reason: string | null };
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = binary.path ? (noDisplay ? 'no DISPLAY for Electron on Linux (run under xvfb-run)' : null) : binary.reason;

if (skipReason) {
  console.log(`desktop e2e skipped: ${skipReason}`);
  describe('desktop shell (Electron)', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
} else {
  describe('desktop shell (Electron)', () => {
    let app: ElectronApplication;
    let console_: Page;
    let userData: string;

    beforeAll(async () => {
      const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-needed'], { cwd: root, stdio: 'inherit' });
      expect(build.status).toBe(0);
      await ensureElectronNative({ root });
      userData = mkdtempSync(join(tmpdir(), 'luopan-e2e-'));
      app = await _electron.launch({
        executablePath: binary.path as string,
        // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer
        // sandbox flag of our windows is separate and stays on.
        args: [root, '--demo', '--db', join(userData, 'e2e.db'), `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        cwd: root,
        timeout: 30_000,
      });
      const deadline = Date.now() + 20_000;
      let found: Page | undefined;
      while (!found && Date.now() < deadline) {
        found = app.windows().find((p) => p.url().includes('#/console'));
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      if (!found) throw new Error(`no console window after 20 s; windows: ${app.windows().map((p) => p.url()).join(', ') || 'none'}`);
      console_ = found;
      await console_.waitForLoadState('domcontentloaded');
    }, 90_000);

    afterAll(async () => {
      await app?.close();
      if (userData) rmSync(userData, { recursive: true, force: true });
    });

    it('serves every window from luopan://app with the preload bridge and no Node', async () => {
      for (const page of app.windows()) expect(page.url()).toMatch(/^luopan:\/\/app\/index\.html#\//);
      const shape = await console_.evaluate(() => ({
        bridge: Object.keys((window as unknown as { luopan: object }).luopan).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(shape).toEqual({ bridge: ['call', 'on'], require: 'undefined', process: 'undefined' });
      const info = await console_.evaluate(() => (window as unknown as { luopan: { call(m: string): Promise<{ shell: string }> } }).luopan.call('app.info'));
      expect(info.shell).toBe('desktop');
    });

    it('gives every window the bridge and nothing of Node (sandbox, isolation, no node integration)', async () => {
      // Electron 45 has no API to read a window's webPreferences back; the creation options are
      // asserted in test/electron/main/windows/window-manager.test.ts, their effect here.
      for (const page of app.windows()) {
        const seen = await page.evaluate(() => ({
          bridge: typeof (window as unknown as { luopan?: { call?: unknown } }).luopan?.call,
          require: typeof (window as unknown as { require?: unknown }).require,
          module: typeof (window as unknown as { module?: unknown }).module,
          process: typeof (window as unknown as { process?: unknown }).process,
        }));
        expect(seen, page.url()).toEqual({ bridge: 'function', require: 'undefined', module: 'undefined', process: 'undefined' });
      }
    });

    it('sends the CSP header, refuses traversal, blocks new windows and navigation', async () => {
      const res = await console_.evaluate(async () => {
        const index = await fetch('luopan://app/index.html');
        const escape = await fetch('luopan://app/%2e%2e%2fpackage.json').then((r) => r.status, () => -1);
        const popup = window.open('https://example.com/');
        return { csp: index.headers.get('content-security-policy'), escape, popup: popup === null };
      });
      expect(res.csp).toContain("script-src 'self'");
      expect(res.escape === -1 || res.escape >= 400).toBe(true);
      expect(res.popup).toBe(true);
      const before = console_.url();
      await console_.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await console_.waitForTimeout(500);
      expect(console_.url()).toBe(before);
    });
  });
}
