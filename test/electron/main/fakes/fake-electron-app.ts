/**
 * Fakes of the Electron modules runDesktopApp uses (app, protocol, session, ipcMain, Menu,
 * dialog, shell, BrowserWindow, screen), recording what the shell asked for.
 */
import { EventEmitter } from 'node:events';
import type { ElectronModules } from '../../../../electron/main/desktop-app';
import type { WindowCreateOptions } from '../../../../electron/main/windows/window-manager';
import { FakeScreen, FakeWindow, fakeDisplay } from './fake-electron';

export function fakeElectron(opts: { userData: string; gotLock?: boolean; dialogAnswer?: number }) {
  const events: string[] = [];
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => opts.gotLock ?? true,
    whenReady: () => readyPromise,
    quit: () => events.push('app.quit'),
    exit: (code: number) => events.push(`app.exit ${code}`),
    getPath: (name: string) => (name === 'userData' ? opts.userData : `/tmp/${name}`),
    getAppPath: () => '/nonexistent-app',
  });
  const handlers = new Map<string, (...a: unknown[]) => unknown>();
  const permission: { request?: unknown; check?: unknown } = {};
  const screen = new FakeScreen([fakeDisplay(1, 0, 0, 1920, 1080), fakeDisplay(2, 1920, 0, 1920, 1080)], 1);
  const windows: FakeWindow[] = [];
  let focused: FakeWindow | null = null;
  class BrowserWindow extends FakeWindow {
    constructor(o: WindowCreateOptions) {
      super(o, screen);
      windows.push(this);
    }
    static getFocusedWindow() {
      return focused;
    }
  }
  const menus: unknown[] = [];
  const errors: string[] = [];
  const opened: string[] = [];
  const modules = {
    app,
    BrowserWindow,
    screen,
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => events.push(`registerSchemesAsPrivileged ${JSON.stringify(s)}`),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => {
        events.push(`protocol.handle ${scheme}`);
        handlers.set(`protocol:${scheme}`, h as never);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => (permission.request = h),
        setPermissionCheckHandler: (h: unknown) => (permission.check = h),
        setDevicePermissionHandler: () => {},
      },
    },
    ipcMain: {
      handle: (c: string, l: (...a: unknown[]) => unknown) => handlers.set(c, l),
      removeHandler: (c: string) => handlers.delete(c),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => menus.push(m) },
    dialog: {
      showErrorBox: (title: string, body: string) => errors.push(`${title}: ${body}`),
      showMessageBox: async () => ({ response: opts.dialogAnswer ?? 1, checkboxChecked: false }),
    },
    shell: { openExternal: async (u: string) => void opened.push(u) },
  };
  return {
    electron: modules as unknown as ElectronModules,
    app,
    events,
    handlers,
    permission,
    screen,
    windows,
    menus,
    errors,
    opened,
    setFocused: (w: FakeWindow | null) => (focused = w),
    ready: () => {
      events.push('ready');
      resolveReady();
    },
  };
}
