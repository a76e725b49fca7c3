import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiHandlers, PushEvent, PushEvents, ScreenLayout, Settings } from '../../../shared/api/contract';
import type { EngineHost } from '../../../electron/engine/host';
import { dispatchApiCall } from '../../../shared/api/dispatch';
import { runDesktopApp } from '../../../electron/main/desktop-app';
import { API_CHANNEL, PUSH_CHANNEL } from '../../../electron/preload/channels';
import { fakeElectron } from './fakes/fake-electron-app';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An app folder with out/main and out/renderer/index.html, and a user-data folder. */
function folders() {
  const base = mkdtempSync(join(tmpdir(), 'luopan-desktop-'));
  dirs.push(base);
  mkdirSync(join(base, 'out', 'main'), { recursive: true });
  mkdirSync(join(base, 'out', 'renderer'), { recursive: true });
  writeFileSync(join(base, 'out', 'renderer', 'index.html'), '<!doctype html><title>screens</title>');
  mkdirSync(join(base, 'user'));
  return { mainDir: join(base, 'out', 'main'), userData: join(base, 'user') };
}

/** A small in-memory engine keeping settings and layout, as the real one does in SQLite kv. */
function memoryEngine() {
  let layout: ScreenLayout = [];
  let settings: Settings = { locale: 'zh-CN', source: 'demo', sourceToken: '', breakEvenRoi: 2, retentionDays: 0, startRole: '' };
  const pushes = new EventEmitter();
  const log: string[] = [];
  const engine: EngineHost = {
    handlers: {
      'layout.get': () => layout,
      'layout.set': (l: ScreenLayout) => (layout = l),
      'settings.get': () => settings,
      'settings.set': (p: Partial<Settings>) => (settings = { ...settings, ...p }),
    } as unknown as ApiHandlers,
    dispatch(method, args) {
      return dispatchApiCall(this.handlers, method, args);
    },
    onPush<E extends PushEvent>(event: E, l: (p: PushEvents[E]) => void) {
      pushes.on(event, l);
      return () => pushes.off(event, l);
    },
    close: async () => void log.push('closed'),
  };
  return { engine, pushes, log, layout: () => layout };
}

describe('desktop app start-up', () => {
  it('registers the scheme before ready, then hardens, serves, starts the engine and opens the windows', async () => {
    const f = folders();
    const fx = fakeElectron({ userData: f.userData });
    const mem = memoryEngine();
    const engineOptions: unknown[] = [];
    const desktop = runDesktopApp(fx.electron, {
      mainDir: f.mainDir,
      argv: ['electron', '.', '--demo'],
      createBackend: async (o) => (engineOptions.push(o), mem.engine),
      log: () => {},
    });
    expect(fx.events[0]).toMatch(/^registerSchemesAsPrivileged .*"scheme":"luopan".*"standard":true,"secure":true/);
    fx.ready();
    await desktop.ready;
    expect(fx.events).toContain('protocol.handle luopan');
    expect(engineOptions[0]).toMatchObject({
      dbFile: join(f.userData, 'luopan.db'),
      source: 'demo',
      shell: 'desktop',
      workerFile: join(f.mainDir, 'engine-worker.js'),
    });
    expect((engineOptions[0] as { screens: { id: string; url: string }[] }).screens).toContainEqual({ id: 'live', url: 'luopan://app/index.html#/live' });
    expect(fx.windows.map((w) => w.webContents.loads[0]).sort()).toEqual(['luopan://app/index.html#/console', 'luopan://app/index.html#/live']);
    expect(fx.menus).toHaveLength(1);
    // served from out/renderer through the protocol
    const res = await (fx.handlers.get('protocol:luopan') as (r: Request) => Promise<Response>)(new Request('luopan://app/'));
    expect(await res.text()).toContain('<title>screens</title>');
    // permissions denied
    let granted: boolean | null = null;
    (fx.permission.request as (w: unknown, p: string, cb: (g: boolean) => void) => void)(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });

  it('locks down every web contents created, with external links behind a confirmation', async () => {
    const f = folders();
    const fx = fakeElectron({ userData: f.userData, dialogAnswer: 0 });
    const desktop = runDesktopApp(fx.electron, { mainDir: f.mainDir, argv: [], createBackend: async () => memoryEngine().engine, log: () => {} });
    fx.ready();
    await desktop.ready;
    const contents = Object.assign(new EventEmitter(), {
      handler: null as null | ((d: { url: string }) => { action: string }),
      setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
        this.handler = h;
      },
    });
    fx.app.emit('web-contents-created', {}, contents);
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(contents.handler?.({ url: 'https://shop.example/p/1' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 10));
    expect(fx.opened).toEqual(['https://evil.example/', 'https://shop.example/p/1']);
  });

  it('relays IPC from the app origin only, re-applies a saved layout, and forwards pushes', async () => {
    const f = folders();
    const fx = fakeElectron({ userData: f.userData });
    const mem = memoryEngine();
    const desktop = runDesktopApp(fx.electron, { mainDir: f.mainDir, argv: [], createBackend: async () => mem.engine, log: () => {} });
    fx.ready();
    await desktop.ready;
    const invoke = fx.handlers.get(API_CHANNEL) as (e: unknown, m: string, a: unknown[]) => Promise<unknown>;
    const layout: ScreenLayout = [
      { screen: 'console', displayId: null, mode: 'windowed', room: null },
      { screen: 'ad', displayId: 2, mode: 'kiosk', room: 'r2' },
    ];
    expect(await invoke({ senderFrame: { url: 'https://evil.example/' } }, 'layout.set', [layout])).toMatchObject({ ok: false });
    expect(mem.layout()).toEqual([]);
    expect(await invoke({ senderFrame: { url: 'luopan://app/index.html#/console' } }, 'layout.set', [layout])).toEqual({ ok: true, value: layout });
    const ad = desktop.windows()?.get('ad');
    expect(ad?.isKiosk()).toBe(true);
    expect(desktop.windows()?.get('live')).toBeUndefined();
    mem.pushes.emit('connection.state', { phase: 'live' });
    for (const w of desktop.windows()!.windows()) {
      expect((w.webContents as unknown as { sent: unknown[] }).sent).toContainEqual({ channel: PUSH_CHANNEL, args: ['connection.state', { phase: 'live' }] });
    }
    // the language switch retitles the windows
    await invoke({ senderFrame: { url: 'luopan://app/index.html#/console' } }, 'settings.set', [{ locale: 'en' }]);
    expect((ad as unknown as { title: string }).title).toBe('Ad screen');
  });

  it('the engine restarting reaches every window; past the limit, one dialog says why', async () => {
    const f = folders();
    const fx = fakeElectron({ userData: f.userData });
    const mem = memoryEngine();
    const desktop = runDesktopApp(fx.electron, { mainDir: f.mainDir, argv: [], createBackend: async () => mem.engine, log: () => {} });
    fx.ready();
    await desktop.ready;
    const restarting = { phase: 'restarting', restarts: 0, reason: 'engine worker exited (code 1)' };
    mem.pushes.emit('engine.state', restarting);
    for (const w of desktop.windows()!.windows()) {
      expect((w.webContents as unknown as { sent: unknown[] }).sent).toContainEqual({ channel: PUSH_CHANNEL, args: ['engine.state', restarting] });
    }
    expect(fx.errors).toEqual([]);
    const failed = { phase: 'failed', restarts: 3, reason: 'the engine stopped 4 times within 5 min; not started again (last: engine worker exited (code 1))' };
    mem.pushes.emit('engine.state', failed);
    mem.pushes.emit('engine.state', failed);
    expect(fx.errors).toEqual([`罗盘引擎已停止: ${failed.reason}\n\n请重新启动罗盘。已记录的数据保存在数据库中。`]);
  });

  it('a second instance quits at once; the first focuses its console', async () => {
    const f = folders();
    const second = fakeElectron({ userData: f.userData, gotLock: false });
    let started = false;
    runDesktopApp(second.electron, { mainDir: f.mainDir, argv: [], createBackend: async () => ((started = true), memoryEngine().engine), log: () => {} });
    second.ready();
    await new Promise((r) => setTimeout(r, 10));
    expect(second.events).toContain('app.quit');
    expect(started).toBe(false);
    expect(second.windows).toHaveLength(0);

    const first = fakeElectron({ userData: f.userData });
    const desktop = runDesktopApp(first.electron, { mainDir: f.mainDir, argv: [], createBackend: async () => memoryEngine().engine, log: () => {} });
    first.ready();
    await desktop.ready;
    const consoleWin = desktop.windows()!.get('console') as unknown as { focused: number; close(): void };
    const before = consoleWin.focused;
    first.app.emit('second-instance', {}, ['luopan'], '/');
    expect(consoleWin.focused).toBe(before + 1);
    consoleWin.close();
    first.app.emit('second-instance', {}, ['luopan'], '/');
    expect(desktop.windows()!.get('console')).toBeDefined();
  });

  it('closes the engine before quitting', async () => {
    const f = folders();
    const fx = fakeElectron({ userData: f.userData });
    const mem = memoryEngine();
    const desktop = runDesktopApp(fx.electron, { mainDir: f.mainDir, argv: [], createBackend: async () => mem.engine, log: () => {} });
    fx.ready();
    await desktop.ready;
    let prevented = false;
    fx.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(mem.log).toEqual(['closed']);
    expect(fx.events.at(-1)).toBe('app.quit');
  });

  it('shows a one-line error and exits 1 when the engine cannot start', async () => {
    const f = folders();
    const fx = fakeElectron({ userData: f.userData });
    const desktop = runDesktopApp(fx.electron, {
      mainDir: f.mainDir,
      argv: [],
      createBackend: async () => Promise.reject(new Error('database file is newer than this app (schema 7 > 1)')),
      log: () => {},
    });
    fx.ready();
    await desktop.ready;
    expect(fx.errors).toEqual(['罗盘无法启动 / Luopan cannot start: database file is newer than this app (schema 7 > 1)']);
    expect(fx.events).toContain('app.exit 1');
    expect(fx.windows).toHaveLength(0);
  });
});
