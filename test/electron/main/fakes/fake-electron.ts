/**
 * A fake of the slice of Electron the shell uses (BrowserWindow, webContents, screen), for tests
 * on a machine without the Electron binary. It records what the code asked for and lets a test
 * emit what Electron would (crashes, display changes). Fakes of Electron are the only mocks allowed.
 */
import { EventEmitter } from 'node:events';
import type { DisplayLike, ManagedContents, ManagedWindow, ScreenModule, WindowCreateOptions } from '../../../../electron/main/windows/window-manager';
import type { Rect } from '../../../../electron/main/windows/placement';

export class FakeContents extends EventEmitter implements ManagedContents {
  loads: string[] = [];
  sent: { channel: string; args: unknown[] }[] = [];
  forcedCrashes = 0;
  destroyed = false;
  async loadURL(url: string): Promise<void> {
    this.loads.push(url);
  }
  forcefullyCrashRenderer(): void {
    this.forcedCrashes++;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeWindow extends EventEmitter implements ManagedWindow {
  readonly webContents = new FakeContents();
  private bounds: Rect;
  private normal: Rect;
  private full: boolean;
  private kiosk: boolean;
  minimized = false;
  shown = false;
  focused = 0;
  destroyed = false;
  title: string;

  constructor(
    readonly options: WindowCreateOptions,
    private readonly screen: FakeScreen,
  ) {
    super();
    this.normal = { x: options.x, y: options.y, width: options.width, height: options.height };
    this.bounds = { ...this.normal };
    this.full = options.fullscreen;
    this.kiosk = options.kiosk;
    this.title = options.title;
    if (this.full || this.kiosk) this.bounds = this.displayBounds();
  }
  private displayBounds(): Rect {
    return { ...this.screen.getDisplayMatching(this.normal).bounds };
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(b: Partial<Rect>): void {
    this.normal = { ...this.normal, ...b };
    if (!this.full && !this.kiosk) this.bounds = { ...this.normal };
    this.emit('move');
    this.emit('resize');
  }
  /** what a user dragging the window does */
  userMove(b: Rect): void {
    this.setBounds(b);
  }
  isFullScreen(): boolean {
    return this.full;
  }
  setFullScreen(flag: boolean): void {
    if (flag === this.full) return;
    this.full = flag;
    this.bounds = flag ? this.displayBounds() : { ...this.normal };
    this.emit(flag ? 'enter-full-screen' : 'leave-full-screen');
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
    this.bounds = flag ? this.displayBounds() : { ...this.normal };
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused++;
  }
  close(): void {
    if (this.destroyed) return;
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setTitle(title: string): void {
    this.title = title;
  }
}

export function fakeDisplay(id: number, x: number, y: number, width: number, height: number, taskbar = 40): DisplayLike {
  return { id, bounds: { x, y, width, height }, workArea: { x, y, width, height: height - taskbar } };
}

export class FakeScreen extends EventEmitter implements ScreenModule {
  constructor(
    public displays: DisplayLike[],
    public primaryId = displays[0]?.id ?? 0,
  ) {
    super();
  }
  getAllDisplays(): DisplayLike[] {
    return this.displays.map((d) => ({ ...d }));
  }
  getPrimaryDisplay(): DisplayLike {
    const p = this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0];
    if (!p) throw new Error('no displays');
    return p;
  }
  getDisplayMatching(r: Rect): DisplayLike {
    let best = this.getPrimaryDisplay();
    let area = 0;
    for (const d of this.displays) {
      const w = Math.min(r.x + r.width, d.bounds.x + d.bounds.width) - Math.max(r.x, d.bounds.x);
      const h = Math.min(r.y + r.height, d.bounds.y + d.bounds.height) - Math.max(r.y, d.bounds.y);
      if (w > 0 && h > 0 && w * h > area) {
        area = w * h;
        best = d;
      }
    }
    return best;
  }
  remove(id: number): void {
    const d = this.displays.find((x) => x.id === id);
    this.displays = this.displays.filter((x) => x.id !== id);
    this.emit('display-removed', {}, d);
  }
  add(d: DisplayLike): void {
    this.displays.push(d);
    this.emit('display-added', {}, d);
  }
  change(d: DisplayLike): void {
    this.displays = this.displays.map((x) => (x.id === d.id ? d : x));
    this.emit('display-metrics-changed', {}, d, ['bounds']);
  }
}
