/**
 * Creates the screen windows, keeps them where the layout wants them as displays come and go,
 * remembers their bounds, and reloads a crashed or hung screen (within a budget).
 *
 * Electron is reached only through the narrow interfaces below (`ManagedWindow`, `ScreenModule`,
 * `createWindow`), so the whole manager runs under test with fakes; index.ts passes the real
 * BrowserWindow and screen.
 */
import type { ScreenId, ScreenLayout, ScreenPlacement } from '../../../shared/api/contract';
import { CrashGuard, crashPageUrl } from './crash-guard';
import {
  defaultPlacement,
  displayKey,
  displayMatching,
  planLayout,
  resolveDisplay,
  startupLayout,
  type CurrentWindow,
  type DisplayInfo,
  type Rect,
  type SavedBounds,
  type WindowPlan,
  windowKeys,
} from './placement';
import { WINDOW_CONFIGS, windowTitle, type WindowConfig } from './window-configs';
import type { Logger } from '../../runtime/logger';

/* eslint-disable @typescript-eslint/no-explicit-any -- Electron's per-event overloads */
type Listener = (...args: any[]) => void;

export interface ManagedContents {
  on(event: string, listener: Listener): unknown;
  loadURL(url: string): Promise<void>;
  forcefullyCrashRenderer(): void;
  send(channel: string, ...args: any[]): void;
  isDestroyed(): boolean;
}

export interface ManagedWindow {
  readonly webContents: ManagedContents;
  on(event: string, listener: Listener): unknown;
  getBounds(): Rect;
  setBounds(bounds: Partial<Rect>): void;
  isFullScreen(): boolean;
  setFullScreen(flag: boolean): void;
  isKiosk(): boolean;
  setKiosk(flag: boolean): void;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  close(): void;
  isDestroyed(): boolean;
  setTitle(title: string): void;
}

export interface DisplayLike {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export interface ScreenModule {
  getAllDisplays(): DisplayLike[];
  getPrimaryDisplay(): DisplayLike;
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: Listener): unknown;
  removeListener(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: Listener): unknown;
}

/** The options every window is created with; the security flags are spelled out, never defaulted. */
export interface WindowCreateOptions {
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  fullscreen: boolean;
  kiosk: boolean;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    spellcheck: false;
    /** a wall screen nobody is looking at must keep drawing */
    backgroundThrottling: false;
  };
}

export interface WindowManagerDeps {
  createWindow(options: WindowCreateOptions): ManagedWindow;
  screen: ScreenModule;
  preloadPath: string;
  /** URL of a screen route (luopan://app/index.html#/live?room=…) */
  screenUrl(route: string, room: string | null): string;
  /** the saved layout (the engine's layout.get / layout.set) */
  layoutStore: { load(): Promise<ScreenLayout>; save(layout: ScreenLayout): Promise<unknown> };
  /** remembered bounds per display id + resolution */
  boundsStore: { load(): SavedBounds; save(bounds: SavedBounds): void };
  locale?: () => 'zh-CN' | 'en';
  now?: () => number;
  /** debounce for persisting moves/resizes */
  saveDelayMs?: number;
  log?: Logger;
  configs?: Record<ScreenId, WindowConfig>;
}

/** Moves and mode changes right after we placed a window are ours, not the user's. */
const SETTLE_MS = 1000;
/** A render-process-gone this soon after we killed a hung renderer is that kill, not a new crash. */
const FORCED_CRASH_MS = 5000;

interface Entry {
  screen: ScreenId;
  win: ManagedWindow;
  guard: CrashGuard;
  placement: ScreenPlacement;
  displaced: boolean;
  ignoreUntil: number;
  forcedCrashAt: number;
  crashed: boolean;
}

export class WindowManager {
  /** the open windows, several of one screen allowed; each holds its placement object of layoutState */
  private entries: Entry[] = [];
  private readonly configs: Record<ScreenId, WindowConfig>;
  private readonly now: () => number;
  private readonly log: (m: string) => void;
  private layoutState: ScreenLayout = [];
  private saved: SavedBounds = {};
  private quitting = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private dirtyBounds = false;
  private dirtyLayout = false;
  private readonly onDisplays = () => this.relayout();

  constructor(private readonly deps: WindowManagerDeps) {
    this.configs = deps.configs ?? WINDOW_CONFIGS;
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => {});
  }

  /** Load the layout and bounds, open the start-up windows, follow display changes. */
  async start(): Promise<void> {
    this.saved = this.deps.boundsStore.load();
    let saved: ScreenLayout = [];
    try {
      saved = await this.deps.layoutStore.load();
    } catch (err) {
      this.log(`layout: could not load (${(err as Error).message}); using the default`);
    }
    this.layoutState = startupLayout(saved, this.configs, this.displays());
    const plans = planLayout(this.layoutState, this.configs, this.displays(), this.saved);
    plans.forEach((plan, i) => this.create(this.layoutState[i]!, plan));
    for (const ev of ['display-added', 'display-removed', 'display-metrics-changed'] as const) this.deps.screen.on(ev, this.onDisplays);
  }

  /** The displays as the placement functions want them. */
  displays(): DisplayInfo[] {
    const primaryId = this.deps.screen.getPrimaryDisplay().id;
    return this.deps.screen.getAllDisplays().map((d) => ({ id: d.id, bounds: { ...d.bounds }, workArea: { ...d.workArea }, primary: d.id === primaryId }));
  }

  layout(): ScreenLayout {
    return this.layoutState.map((p) => ({ ...p }));
  }

  /** The window of a window key (`live`, `live@room-8801`, `live@room-8801#2`), or the first window of a screen. */
  get(keyOrScreen: string): ManagedWindow | undefined {
    return this.entry(keyOrScreen)?.win;
  }

  /** The keys of the open windows, in layout order. */
  keys(): string[] {
    const keys = windowKeys(this.layoutState);
    return this.layoutState.map((p, i) => (this.entries.some((e) => e.placement === p) ? keys[i]! : null)).filter((k): k is string => k !== null);
  }

  /** Every open window (for pushes). */
  windows(): ManagedWindow[] {
    return this.entries.map((e) => e.win).filter((w) => !w.isDestroyed());
  }

  /** Which screen a window shows. */
  screenOf(win: unknown): ScreenId | undefined {
    return this.entries.find((e) => e.win === win)?.screen;
  }

  /** The key of a window (for the menu's full-screen and reload of the focused window). */
  keyOf(win: unknown): string | undefined {
    const e = this.entries.find((x) => x.win === win);
    return e ? this.keyOfEntry(e) : undefined;
  }

  /**
   * Open a screen (or bring it forward when a window of it — of that room, when one is given —
   * is open), on its remembered display. With a room, a further window of the screen pinned to it.
   */
  open(screen: ScreenId, room: string | null = null): ManagedWindow {
    const open = this.entries.find((e) => e.screen === screen && (room === null || e.placement.room === room));
    if (open) {
      this.focusEntry(open);
      return open.win;
    }
    let placement = this.layoutState.find((p) => p.screen === screen && p.room === room && !this.entries.some((e) => e.placement === p));
    if (!placement) {
      placement = { ...defaultPlacement(this.configs[screen], this.displays()), room };
      this.layoutState.push(placement);
      this.markLayoutDirty();
    }
    return this.openPlacement(placement).win;
  }

  focus(keyOrScreen: string): void {
    const e = this.entry(keyOrScreen);
    if (!e) {
      if (this.isScreen(keyOrScreen)) this.open(keyOrScreen);
      return;
    }
    this.focusEntry(e);
  }

  private focusEntry(e: Entry): void {
    if (e.win.isMinimized()) e.win.restore();
    e.win.show();
    e.win.focus();
  }

  /** F11: full-screen on/off; a kiosk window leaves kiosk. Remembered in the layout. */
  toggleFullScreen(keyOrScreen: string): void {
    const e = this.entry(keyOrScreen);
    if (!e) return;
    const on = !(e.win.isFullScreen() || e.win.isKiosk());
    e.ignoreUntil = this.now() + SETTLE_MS;
    if (e.win.isKiosk()) e.win.setKiosk(false);
    e.win.setFullScreen(on);
    if (!e.displaced) {
      e.placement.mode = on ? 'fullscreen' : 'windowed';
      this.markLayoutDirty();
    }
  }

  /** The locale changed: window titles follow. */
  retitle(): void {
    for (const e of this.entries) if (!e.win.isDestroyed()) e.win.setTitle(windowTitle(e.screen, this.locale()));
  }

  /** A reload the user asked for: fresh crash budget, the screen's own route again. */
  reload(keyOrScreen: string): void {
    const e = this.entry(keyOrScreen);
    if (!e) return;
    e.guard.reset();
    e.crashed = false;
    void this.load(e);
  }

  /** How many automatic reloads the screen used in the current 5-minute window (diagnostics, tests). */
  crashReloads(keyOrScreen: string): number {
    return this.entry(keyOrScreen)?.guard.count(this.now()) ?? 0;
  }

  isShowingCrashPage(keyOrScreen: string): boolean {
    return this.entry(keyOrScreen)?.crashed ?? false;
  }

  /**
   * A new layout saved by the console (layout.set / layout.reset): open what it lists, close
   * big screens it no longer lists (the console always stays), move and re-mode the rest.
   */
  applyLayout(layout: ScreenLayout): void {
    const next = startupLayout(layout.map((p) => ({ ...p })), { console: this.configs.console } as Record<ScreenId, WindowConfig>, this.displays());
    const nextKeys = windowKeys(next);
    const oldKeys = new Map(this.entries.map((e) => [e, this.keyOfEntry(e)] as const));
    const free = new Set(this.entries);
    const matched = new Map<ScreenPlacement, Entry>();
    // a window keeps its place when the new layout has its key (same screen, room and number) …
    next.forEach((p, i) => {
      const e = [...free].find((x) => oldKeys.get(x) === nextKeys[i]);
      if (e) (matched.set(p, e), free.delete(e));
    });
    // … else a window of the same screen is re-pinned (its route loaded again with the new room)
    for (const p of next) {
      if (matched.has(p)) continue;
      const e = [...free].find((x) => x.screen === p.screen);
      if (!e) continue;
      matched.set(p, e);
      free.delete(e);
      if (e.placement.room !== p.room) {
        e.placement = p;
        void this.load(e);
      }
    }
    this.layoutState = next;
    for (const [p, e] of matched) e.placement = p;
    for (const e of free) {
      this.entries = this.entries.filter((x) => x !== e);
      e.win.close();
    }
    this.relayout();
    for (const p of next) if (!matched.has(p)) this.openPlacement(p);
  }

  /** Displays changed: re-plan every open window and move what must move. */
  relayout(): void {
    const displays = this.displays();
    if (displays.length === 0) return;
    const current: Record<string, CurrentWindow> = {};
    for (const e of this.entries) {
      if (e.win.isDestroyed() || e.win.isFullScreen() || e.win.isKiosk()) continue;
      const b = e.win.getBounds();
      current[this.keyOfEntry(e)] = { displayId: displayMatching(b, displays).id, bounds: b };
    }
    const plans = planLayout(this.layoutState, this.configs, displays, this.saved, current);
    this.layoutState.forEach((p, i) => {
      const e = this.entries.find((x) => x.placement === p);
      if (e && !e.win.isDestroyed() && plans[i]) this.applyPlan(e, plans[i]!, displays);
    });
  }

  /** Before quitting: windows closing now stay in the layout for the next start. */
  prepareQuit(): void {
    this.quitting = true;
    this.flush();
  }

  /** Persist pending bounds/layout now. */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    for (const e of this.entries) this.captureBounds(e);
    if (this.dirtyBounds) {
      this.dirtyBounds = false;
      try {
        this.deps.boundsStore.save(this.saved);
      } catch (err) {
        this.log(`window bounds: could not save (${(err as Error).message})`);
      }
    }
    if (this.dirtyLayout) {
      this.dirtyLayout = false;
      this.deps.layoutStore.save(this.layout()).catch((err: Error) => this.log(`layout: could not save (${err.message})`));
    }
  }

  dispose(): void {
    for (const ev of ['display-added', 'display-removed', 'display-metrics-changed'] as const) this.deps.screen.removeListener(ev, this.onDisplays);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  // ---------------------------------------------------------------------------------------------

  /** A window by key; a bare screen id also names the first window of that screen. */
  private entry(keyOrScreen: string): Entry | undefined {
    const keys = windowKeys(this.layoutState);
    const i = keys.indexOf(keyOrScreen);
    const byKey = i >= 0 ? this.entries.find((e) => e.placement === this.layoutState[i]) : undefined;
    if (byKey) return byKey;
    for (const p of this.layoutState) {
      const e = this.entries.find((x) => x.placement === p);
      if (e && e.screen === keyOrScreen) return e;
    }
    return undefined;
  }

  private keyOfEntry(e: Entry): string {
    return windowKeys(this.layoutState)[this.layoutState.indexOf(e.placement)] ?? e.screen;
  }

  private isScreen(id: string): id is ScreenId {
    return Object.hasOwn(this.configs, id);
  }

  /** Create the window of a placement of layoutState, planned with the others (cascade, remembered bounds). */
  private openPlacement(placement: ScreenPlacement): Entry {
    const i = this.layoutState.indexOf(placement);
    const plan = planLayout(this.layoutState, this.configs, this.displays(), this.saved)[i];
    if (!plan) throw new Error(`no plan for window ${placement.screen}`);
    return this.create(placement, plan);
  }

  private locale(): 'zh-CN' | 'en' {
    return this.deps.locale?.() ?? 'zh-CN';
  }

  private create(placement: ScreenPlacement, plan: WindowPlan): Entry {
    const config = this.configs[plan.screen];
    const win = this.deps.createWindow({
      title: windowTitle(plan.screen, this.locale()),
      ...plan.bounds,
      minWidth: Math.min(config.minSize.width, plan.bounds.width),
      minHeight: Math.min(config.minSize.height, plan.bounds.height),
      fullscreen: plan.mode === 'fullscreen',
      kiosk: plan.mode === 'kiosk',
      show: false,
      backgroundColor: '#0b1020',
      autoHideMenuBar: plan.screen !== 'console',
      webPreferences: {
        preload: this.deps.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        backgroundThrottling: false,
      },
    });
    const entry: Entry = {
      screen: plan.screen,
      win,
      guard: new CrashGuard(),
      placement,
      displaced: plan.displaced,
      ignoreUntil: this.now() + SETTLE_MS,
      forcedCrashAt: -Infinity,
      crashed: false,
    };
    this.entries.push(entry);
    this.wire(entry);
    void this.load(entry);
    return entry;
  }

  private wire(e: Entry): void {
    const { win } = e;
    win.on('ready-to-show', () => win.show());
    // The page sets its own <title>; the window keeps the registry's (the OS task bar shows it).
    win.on('page-title-updated', (event: { preventDefault(): void }) => event.preventDefault());
    const moved = () => {
      this.captureBounds(e, { ownDisplayOnly: true });
      this.scheduleSave();
    };
    win.on('move', moved);
    win.on('resize', moved);
    win.on('enter-full-screen', () => this.modeChanged(e, 'fullscreen'));
    win.on('leave-full-screen', () => this.modeChanged(e, 'windowed'));
    win.on('unresponsive', () => this.crashed(e, 'unresponsive'));
    win.webContents.on('render-process-gone', (_event: unknown, details: { reason?: string } | undefined) => {
      if (details?.reason === 'clean-exit') return;
      this.crashed(e, 'gone');
    });
    win.on('close', () => {
      this.captureBounds(e);
      this.scheduleSave();
    });
    win.on('closed', () => {
      if (!this.entries.includes(e)) return;
      this.entries = this.entries.filter((x) => x !== e);
      // A window the user closes is not reopened next time; the console always is.
      if (!this.quitting && e.screen !== 'console') {
        this.layoutState = this.layoutState.filter((p) => p !== e.placement);
        this.markLayoutDirty();
      }
    });
  }

  private async load(e: Entry): Promise<void> {
    const url = this.deps.screenUrl(this.configs[e.screen].route, e.placement.room);
    try {
      await e.win.webContents.loadURL(url);
    } catch (err) {
      // A crash during load surfaces as render-process-gone as well; this only logs.
      this.log(`${e.screen}: load failed (${(err as Error).message})`);
    }
  }

  /** A renderer died or hung: reload within the budget, else show the crash page. */
  private crashed(e: Entry, kind: 'gone' | 'unresponsive'): void {
    const now = this.now();
    if (e.win.isDestroyed()) return;
    if (kind === 'gone' && now - e.forcedCrashAt < FORCED_CRASH_MS) return; // our own kill of a hung renderer
    if (e.crashed) return; // already on the crash page; only a user reload restarts
    if (kind === 'unresponsive') {
      e.forcedCrashAt = now;
      e.win.webContents.forcefullyCrashRenderer();
    }
    const decision = e.guard.onCrash(now);
    this.log(`${e.screen}: renderer ${kind === 'gone' ? 'gone' : 'unresponsive'} → ${decision}`);
    if (decision === 'reload') {
      void this.load(e);
      return;
    }
    e.crashed = true;
    void e.win.webContents.loadURL(crashPageUrl(windowTitle(e.screen, this.locale()), this.locale())).catch(() => {});
  }

  private modeChanged(e: Entry, mode: 'fullscreen' | 'windowed'): void {
    if (e.displaced || this.now() < e.ignoreUntil || e.win.isKiosk()) return;
    if (e.placement.mode !== mode) {
      e.placement.mode = mode;
      this.markLayoutDirty();
    }
  }

  private applyPlan(e: Entry, plan: WindowPlan, displays: DisplayInfo[]): void {
    const { win } = e;
    e.displaced = plan.displaced;
    e.ignoreUntil = this.now() + SETTLE_MS;
    const full = win.isFullScreen();
    const kiosk = win.isKiosk();
    const here = displayMatching(win.getBounds(), displays).id;
    const b = win.getBounds();
    const wantWindowed = plan.mode === 'windowed';
    const mustMove = here !== plan.displayId || (!full && !kiosk && !sameRect(b, plan.bounds));
    if (mustMove || (wantWindowed && (full || kiosk)) || (plan.mode === 'fullscreen' && kiosk)) {
      if (kiosk) win.setKiosk(false);
      if (full) win.setFullScreen(false);
    }
    if (mustMove || ((full || kiosk) && wantWindowed)) win.setBounds(plan.bounds);
    if (plan.mode === 'kiosk' && !win.isKiosk()) win.setKiosk(true);
    if (plan.mode === 'fullscreen' && !win.isFullScreen()) win.setFullScreen(true);
    if (mustMove) this.log(`${e.screen}: → display ${plan.displayId}${plan.displaced ? ' (its own display is absent)' : ''}`);
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), this.deps.saveDelayMs ?? 400);
    this.saveTimer.unref?.();
  }

  /**
   * Remember where the user put a window: its bounds under the display it is on, and that display
   * as the screen's preference. Windows we are moving, parked, full-screen or minimized teach nothing.
   */
  private captureBounds(e: Entry, opts: { ownDisplayOnly?: boolean } = {}): void {
    const { win } = e;
    if (win.isDestroyed() || e.displaced || this.now() < e.ignoreUntil) return;
    if (win.isFullScreen() || win.isKiosk() || win.isMinimized()) return;
    const displays = this.displays();
    if (displays.length === 0) return;
    const bounds = win.getBounds();
    const display = displayMatching(bounds, displays);
    if (opts.ownDisplayOnly) {
      // Live, on every move: remember bounds at once (a display may vanish before the debounced
      // save runs) but only on the window's own display; a change of display is learnt at save time.
      const own = resolveDisplay(e.placement.displayId, displays);
      if (own.displaced || own.display.id !== display.id || !overlaps(bounds, own.display.bounds)) return;
      const key = displayKey(display);
      const wk = this.keyOfEntry(e);
      const before = this.saved[key]?.[wk];
      if (!before || !sameRect(before, bounds)) {
        this.saved[key] = { ...this.saved[key], [wk]: { ...bounds } };
        this.dirtyBounds = true;
      }
      return;
    }
    const key = displayKey(display);
    const wk = this.keyOfEntry(e);
    const before = this.saved[key]?.[wk];
    if (!before || !sameRect(before, bounds)) {
      this.saved[key] = { ...this.saved[key], [wk]: { ...bounds } };
      this.dirtyBounds = true;
    }
    if (resolveDisplay(e.placement.displayId, displays).display.id !== display.id) {
      e.placement.displayId = display.primary ? null : display.id;
      this.markLayoutDirty();
    }
  }

  private markLayoutDirty(): void {
    this.dirtyLayout = true;
    this.scheduleSave();
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
