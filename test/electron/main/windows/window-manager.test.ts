import { describe, expect, it } from 'vitest';
import type { ScreenLayout } from '../../../../shared/api/contract';
import { crashPageUrl } from '../../../../electron/main/windows/crash-guard';
import { displayKey, type SavedBounds } from '../../../../electron/main/windows/placement';
import { WindowManager } from '../../../../electron/main/windows/window-manager';
import { FakeScreen, FakeWindow, fakeDisplay } from '../fakes/fake-electron';

const LAPTOP = fakeDisplay(1, 0, 0, 1440, 900);
const TV = fakeDisplay(2, 1440, 0, 3840, 2160);

function setup(opts: { displays?: ReturnType<typeof fakeDisplay>[]; layout?: ScreenLayout; bounds?: SavedBounds } = {}) {
  const screen = new FakeScreen(opts.displays ?? [LAPTOP, TV], 1);
  const created: FakeWindow[] = [];
  let clock = 1_000_000;
  const layoutSaves: ScreenLayout[] = [];
  const boundsSaves: SavedBounds[] = [];
  let storedLayout: ScreenLayout = opts.layout ?? [];
  let storedBounds: SavedBounds = opts.bounds ?? {};
  const manager = new WindowManager({
    createWindow: (o) => {
      const w = new FakeWindow(o, screen);
      created.push(w);
      return w;
    },
    screen,
    preloadPath: '/app/out/preload/index.cjs',
    screenUrl: (route, room) => `luopan://app/index.html#${route}${room ? `?room=${room}` : ''}`,
    layoutStore: {
      load: async () => structuredClone(storedLayout),
      save: async (l) => {
        storedLayout = structuredClone(l);
        layoutSaves.push(storedLayout);
      },
    },
    boundsStore: {
      load: () => structuredClone(storedBounds),
      save: (b) => {
        storedBounds = structuredClone(b);
        boundsSaves.push(storedBounds);
      },
    },
    now: () => clock,
    saveDelayMs: 60_000, // tests flush explicitly
  });
  const win = (screenId: string) => {
    const w = manager.get(screenId as never) as FakeWindow | undefined;
    if (!w) throw new Error(`no window for ${screenId}`);
    return w;
  };
  return {
    screen,
    created,
    manager,
    win,
    layoutSaves,
    boundsSaves,
    advance: (ms: number) => (clock += ms),
    stored: () => ({ layout: storedLayout, bounds: storedBounds }),
  };
}

describe('window creation', () => {
  it('creates every window sandboxed, isolated, without node, with web security, stated explicitly', async () => {
    const t = setup({
      layout: [
        { screen: 'live', displayId: 2, mode: 'fullscreen', room: null },
        { screen: 'product', displayId: 2, mode: 'windowed', room: null },
        { screen: 'ad', displayId: null, mode: 'kiosk', room: null },
        { screen: 'traffic', displayId: null, mode: 'windowed', room: 'r7' },
      ],
    });
    await t.manager.start();
    expect(t.created).toHaveLength(5);
    for (const w of t.created) {
      const wp = w.options.webPreferences;
      expect(wp).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/app/out/preload/index.cjs',
      });
      expect(w.options.show).toBe(false);
    }
  });

  it('loads each screen route, pins a room, and titles windows from the registry', async () => {
    const t = setup({ layout: [{ screen: 'traffic', displayId: null, mode: 'windowed', room: 'r7' }] });
    await t.manager.start();
    expect(t.win('traffic').webContents.loads).toEqual(['luopan://app/index.html#/traffic?room=r7']);
    expect(t.win('console').webContents.loads).toEqual(['luopan://app/index.html#/console']);
    expect(t.win('live').options.title).toBe('直播大屏');
    t.win('live').emit('ready-to-show');
    expect(t.win('live').shown).toBe(true);
  });

  it('on a first start opens the console on the primary and the live screen full-screen on its own monitor', async () => {
    const t = setup();
    await t.manager.start();
    expect(t.created.map((w) => w.options.title).sort()).toEqual(['直播大屏', '罗盘 控制台'].sort());
    const live = t.win('live');
    expect(live.isFullScreen()).toBe(true);
    expect(t.screen.getDisplayMatching(live.getBounds()).id).toBe(2);
    expect(t.screen.getDisplayMatching(t.win('console').getBounds()).id).toBe(1);
  });

  it('open() focuses an open screen instead of creating a second window', async () => {
    const t = setup();
    await t.manager.start();
    const before = t.created.length;
    t.win('console').minimized = true;
    t.manager.open('console');
    expect(t.created.length).toBe(before);
    expect(t.win('console').minimized).toBe(false);
    expect(t.win('console').focused).toBe(1);
    t.manager.open('ad');
    expect(t.created.length).toBe(before + 1);
    expect(t.manager.layout().map((p) => p.screen)).toContain('ad');
  });
});

describe('crash recovery', () => {
  const ROUTE = 'luopan://app/index.html#/live';

  it('reloads a crashed screen at most 3 times in 5 minutes, then shows the crash page', async () => {
    const t = setup();
    await t.manager.start();
    const live = t.win('live');
    for (let i = 0; i < 3; i++) {
      t.advance(10_000);
      live.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    }
    expect(live.webContents.loads).toEqual([ROUTE, ROUTE, ROUTE, ROUTE]);
    expect(t.manager.crashReloads('live')).toBe(3);
    t.advance(10_000);
    live.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(live.webContents.loads.at(-1)).toBe(crashPageUrl('直播大屏', 'zh-CN'));
    expect(t.manager.isShowingCrashPage('live')).toBe(true);
    // the crash page stays: no further automatic reloads
    t.advance(10 * 60_000);
    live.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(live.webContents.loads).toHaveLength(5);
    // a user reload restarts the screen with a fresh budget
    t.manager.reload('live');
    expect(live.webContents.loads.at(-1)).toBe(ROUTE);
    expect(t.manager.crashReloads('live')).toBe(0);
  });

  it('forgets crashes older than 5 minutes', async () => {
    const t = setup();
    await t.manager.start();
    const live = t.win('live');
    for (let i = 0; i < 3; i++) {
      live.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
      t.advance(2 * 60_000);
    }
    // first crash is now 6 min old: budget has room again
    live.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(t.manager.isShowingCrashPage('live')).toBe(false);
    expect(live.webContents.loads.filter((u) => u === ROUTE)).toHaveLength(5);
  });

  it('kills and reloads a hung renderer, counting the kill once', async () => {
    const t = setup();
    await t.manager.start();
    const live = t.win('live');
    live.emit('unresponsive');
    expect(live.webContents.forcedCrashes).toBe(1);
    live.webContents.emit('render-process-gone', {}, { reason: 'killed' });
    expect(t.manager.crashReloads('live')).toBe(1);
    expect(live.webContents.loads).toEqual([ROUTE, ROUTE]);
  });

  it('ignores a clean exit and keeps each screen on its own budget', async () => {
    const t = setup();
    await t.manager.start();
    t.win('live').webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(t.manager.crashReloads('live')).toBe(0);
    t.win('console').webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(t.manager.crashReloads('console')).toBe(1);
    expect(t.manager.crashReloads('live')).toBe(0);
  });
});

describe('displays coming and going', () => {
  it('moves a screen off a removed display to the primary, windowed, and brings it back full-screen', async () => {
    const tvBounds = { x: 2000, y: 300, width: 1600, height: 900 };
    const t = setup({
      layout: [{ screen: 'live', displayId: 2, mode: 'fullscreen', room: null }],
      bounds: { [displayKey(TV)]: { live: tvBounds } },
    });
    await t.manager.start();
    const live = t.win('live');
    expect(live.isFullScreen()).toBe(true);
    t.advance(5000);

    t.screen.remove(2);
    expect(live.isFullScreen()).toBe(false);
    const parked = live.getBounds();
    expect(t.screen.getDisplayMatching(parked).id).toBe(1);
    expect(parked.x + parked.width).toBeLessThanOrEqual(1440);
    expect(parked.y + parked.height).toBeLessThanOrEqual(860);
    // the preference survives the disappearance, and the parked position is not remembered
    t.advance(5000);
    t.manager.flush();
    expect(t.manager.layout().find((p) => p.screen === 'live')).toMatchObject({ displayId: 2, mode: 'fullscreen' });
    expect(t.stored().bounds[displayKey(LAPTOP)]?.live).toBeUndefined();

    t.screen.add(TV);
    expect(live.isFullScreen()).toBe(true);
    expect(t.screen.getDisplayMatching(live.getBounds()).id).toBe(2);
    live.setFullScreen(false);
    expect(live.getBounds()).toEqual(tvBounds);
  });

  it('brings a windowed screen back to its display with the bounds the user gave it there', async () => {
    const t = setup({ layout: [{ screen: 'product', displayId: 2, mode: 'windowed', room: null }] });
    await t.manager.start();
    const product = t.win('product');
    t.advance(5000);
    product.userMove({ x: 3000, y: 600, width: 900, height: 500 });
    // removed before the debounced save ran
    t.screen.remove(2);
    expect(t.screen.getDisplayMatching(product.getBounds()).id).toBe(1);
    t.advance(5000);
    product.userMove({ x: 10, y: 10, width: 600, height: 400 }); // fiddling with it while parked
    t.manager.flush();
    expect(t.stored().layout.find((p) => p.screen === 'product')?.displayId).toBe(2);
    t.screen.add(TV);
    expect(product.getBounds()).toEqual({ x: 3000, y: 600, width: 900, height: 500 });
    expect(t.stored().bounds[displayKey(LAPTOP)]?.product).toBeUndefined();
  });

  it('keeps a window inside the work area when its display shrinks', async () => {
    const t = setup({ layout: [{ screen: 'product', displayId: 2, mode: 'windowed', room: null }] });
    await t.manager.start();
    const product = t.win('product');
    t.advance(5000);
    product.userMove({ x: 4500, y: 1200, width: 700, height: 500 });
    t.manager.flush();
    const smaller = fakeDisplay(2, 1440, 0, 1920, 1080);
    t.screen.change(smaller);
    const b = product.getBounds();
    expect(b).toEqual({ x: 1440 + 1920 - 700, y: 1080 - 40 - 500, width: 700, height: 500 });
  });

  it('follows a new primary display for the console', async () => {
    const t = setup();
    await t.manager.start();
    t.screen.primaryId = 2;
    t.screen.emit('display-metrics-changed', {}, TV, ['primary']);
    expect(t.screen.getDisplayMatching(t.win('console').getBounds()).id).toBe(2);
  });
});

describe('remembering bounds and layout', () => {
  it('saves user moves per display id + resolution and learns a new display preference', async () => {
    const t = setup({ layout: [{ screen: 'product', displayId: null, mode: 'windowed', room: null }] });
    await t.manager.start();
    const product = t.win('product');
    product.userMove({ x: 100, y: 100, width: 800, height: 450 });
    t.manager.flush();
    // moves right after placement are ours, not the user's
    expect(t.stored().bounds[displayKey(LAPTOP)]?.product).toBeUndefined();
    t.advance(5000);
    product.userMove({ x: 100, y: 100, width: 800, height: 450 });
    t.manager.flush();
    expect(t.stored().bounds[displayKey(LAPTOP)]?.product).toEqual({ x: 100, y: 100, width: 800, height: 450 });
    product.userMove({ x: 3000, y: 500, width: 1200, height: 700 });
    t.manager.flush();
    expect(t.stored().bounds['2@3840x2160']?.product).toEqual({ x: 3000, y: 500, width: 1200, height: 700 });
    expect(t.stored().layout.find((p) => p.screen === 'product')?.displayId).toBe(2);
  });

  it('restores the saved layout and bounds on the next start', async () => {
    const first = setup({ layout: [{ screen: 'ad', displayId: 2, mode: 'windowed', room: null }] });
    await first.manager.start();
    first.advance(5000);
    first.win('ad').userMove({ x: 2500, y: 400, width: 1000, height: 600 });
    first.manager.toggleFullScreen('live');
    first.manager.prepareQuit();
    for (const w of [...first.created]) w.close();
    const saved = first.stored();
    expect(saved.layout.map((p) => p.screen).sort()).toEqual(['ad', 'console', 'live']);
    expect(saved.layout.find((p) => p.screen === 'live')?.mode).toBe('windowed');

    const second = setup({ layout: saved.layout, bounds: saved.bounds });
    await second.manager.start();
    expect(second.win('ad').getBounds()).toEqual({ x: 2500, y: 400, width: 1000, height: 600 });
    expect(second.win('live').isFullScreen()).toBe(false);
  });

  it('drops a screen the user closes from the layout but never the console', async () => {
    const t = setup();
    await t.manager.start();
    t.win('live').close();
    t.win('console').close();
    t.manager.flush();
    expect(t.stored().layout.map((p) => p.screen)).toEqual(['console']);
    expect(t.manager.windows()).toHaveLength(0);
  });

  it('applies a layout saved by the console: opens, closes and re-modes windows', async () => {
    const t = setup();
    await t.manager.start();
    const live = t.win('live');
    t.manager.applyLayout([
      { screen: 'product', displayId: 2, mode: 'kiosk', room: null },
      { screen: 'console', displayId: null, mode: 'windowed', room: null },
    ]);
    expect(live.isDestroyed()).toBe(true);
    expect(t.win('product').isKiosk()).toBe(true);
    expect(t.manager.layout().map((p) => p.screen)).toEqual(['product', 'console']);
  });
});

describe('several windows of one screen type', () => {
  const LIVE_A = { screen: 'live' as const, displayId: 2, mode: 'fullscreen' as const, room: 'room-a' };
  const LIVE_B = { screen: 'live' as const, displayId: null, mode: 'windowed' as const, room: 'room-b' };
  const OVERVIEW = { screen: 'overview' as const, displayId: 2, mode: 'windowed' as const, room: null };

  it('opens two live screens for different rooms and an overview, each with its own route, key and display', async () => {
    const t = setup({ layout: [LIVE_A, LIVE_B, OVERVIEW] });
    await t.manager.start();
    expect(t.manager.keys()).toEqual(['live@room-a', 'live@room-b', 'overview', 'console']);
    expect(t.win('live@room-a').webContents.loads).toEqual(['luopan://app/index.html#/live?room=room-a']);
    expect(t.win('live@room-b').webContents.loads).toEqual(['luopan://app/index.html#/live?room=room-b']);
    expect(t.win('overview').webContents.loads).toEqual(['luopan://app/index.html#/overview']);
    expect(t.win('live@room-a')).not.toBe(t.win('live@room-b'));
    expect(t.screen.getDisplayMatching(t.win('live@room-a').getBounds()).id).toBe(2);
    expect(t.win('live@room-a').isFullScreen()).toBe(true);
    expect(t.screen.getDisplayMatching(t.win('live@room-b').getBounds()).id).toBe(1);
    // the bare screen id names the first window of that screen (the menu's Ctrl+1)
    expect(t.manager.get('live')).toBe(t.win('live@room-a'));
    expect(t.manager.keyOf(t.win('live@room-b'))).toBe('live@room-b');
  });

  it('remembers each window’s bounds under its own key and restores both on the next start', async () => {
    const first = setup({ layout: [{ ...LIVE_A, mode: 'windowed' }, LIVE_B] });
    await first.manager.start();
    first.advance(5000);
    const a = { x: 1500, y: 40, width: 1300, height: 760 };
    const b = { x: 30, y: 60, width: 900, height: 560 };
    first.win('live@room-a').userMove(a);
    first.win('live@room-b').userMove(b);
    first.manager.prepareQuit();
    const saved = first.stored();
    expect(saved.bounds[displayKey(TV)]!['live@room-a']).toEqual(a);
    expect(saved.bounds[displayKey(LAPTOP)]!['live@room-b']).toEqual(b);
    const second = setup({ layout: saved.layout, bounds: saved.bounds });
    await second.manager.start();
    expect(second.win('live@room-a').getBounds()).toEqual(a);
    expect(second.win('live@room-b').getBounds()).toEqual(b);
  });

  it('closing one of two live windows keeps the other in the layout', async () => {
    const t = setup({ layout: [LIVE_A, LIVE_B] });
    await t.manager.start();
    const other = t.win('live@room-a');
    t.win('live@room-b').close();
    t.manager.flush();
    expect(t.stored().layout.filter((p) => p.screen === 'live')).toEqual([LIVE_A]);
    expect(other.isDestroyed()).toBe(false);
    expect(t.manager.keys()).toEqual(['live@room-a', 'console']);
  });

  it('applies a console layout: adds a third live window, re-pins one, keeps the untouched window as it is', async () => {
    const t = setup({ layout: [LIVE_A, LIVE_B] });
    await t.manager.start();
    const a = t.win('live@room-a');
    const b = t.win('live@room-b');
    const before = t.created.length;
    t.manager.applyLayout([
      LIVE_A,
      { ...LIVE_B, room: 'room-c' },
      { screen: 'live', displayId: null, mode: 'windowed', room: 'room-b' },
      { screen: 'console', displayId: null, mode: 'windowed', room: null },
    ]);
    // room-a untouched: same window, no reload
    expect(t.win('live@room-a')).toBe(a);
    expect(a.webContents.loads).toHaveLength(1);
    // room-b's window kept its key and route; room-c is a new window
    expect(t.win('live@room-b')).toBe(b);
    expect(t.win('live@room-c').webContents.loads).toEqual(['luopan://app/index.html#/live?room=room-c']);
    expect(t.created.length).toBe(before + 1);
    expect(t.manager.keys()).toEqual(['live@room-a', 'live@room-c', 'live@room-b', 'console']);
    // and a layout with one live window closes the others
    t.manager.applyLayout([LIVE_A, { screen: 'console', displayId: null, mode: 'windowed', room: null }]);
    expect(b.isDestroyed()).toBe(true);
    expect(t.manager.keys()).toEqual(['live@room-a', 'console']);
  });

  it('open(screen, room) opens a further window pinned to that room, and focuses it the second time', async () => {
    const t = setup({ layout: [LIVE_A] });
    await t.manager.start();
    const before = t.created.length;
    const w = t.manager.open('live', 'room-z');
    expect(t.created.length).toBe(before + 1);
    expect((w as FakeWindow).webContents.loads).toEqual(['luopan://app/index.html#/live?room=room-z']);
    t.manager.open('live', 'room-z');
    expect(t.created.length).toBe(before + 1);
    expect((w as FakeWindow).focused).toBe(1);
    expect(t.manager.layout().filter((p) => p.screen === 'live').map((p) => p.room)).toEqual(['room-a', 'room-z']);
  });

  it('each window has its own crash budget', async () => {
    const t = setup({ layout: [LIVE_A, LIVE_B] });
    await t.manager.start();
    t.win('live@room-b').webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(t.manager.crashReloads('live@room-b')).toBe(1);
    expect(t.manager.crashReloads('live@room-a')).toBe(0);
    expect(t.win('live@room-b').webContents.loads.at(-1)).toBe('luopan://app/index.html#/live?room=room-b');
  });
});
