/**
 * The desktop shell: serves the screens from luopan://app/, runs the engine in a worker thread
 * (main only relays), places one window per screen on its display, and keeps the checklist of
 * docs/architecture.md (sandboxed windows, CSP, no permissions, no navigation, checked IPC).
 *
 * Electron and the engine factory come in as arguments (index.ts passes the real ones), so the
 * start-up order, the single-instance rule and the wiring are tested with fakes.
 */
import type * as Electron from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREEN_IDS, type ApiMethod, type DiagnosisQuery, type ScreenLayout, type Settings } from '../../shared/api/contract';
import type { WorkerEngineOptions } from '../engine/engine-client';
import type { EngineHost } from '../engine/host';
import { appUrl, registerAppScheme, serveApp } from './app-protocol';
import { parseShellArgs } from './args';
import { displayList, forwardPushes, registerApiRelay } from './ipc';
import { buildMenuTemplate } from './menu';
import { printReportPdf, type PrintPdfDeps } from './print-pdf';
import { resolveNativeBinding } from './native-binding';
import { denyAllPermissions, lockDownContents, openExternalSafely } from './security';
import { WINDOW_CONFIGS } from './windows/window-configs';
import { WindowManager } from './windows/window-manager';
import { fileBoundsStore } from './windows/window-state';
import type { Logger } from '../runtime/logger';

export type ElectronModules = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'protocol' | 'screen' | 'session' | 'shell'
>;

export interface DesktopAppOptions {
  /** folder of the built main bundle (out/main): renderer, preload and workers are found from it */
  mainDir: string;
  argv: readonly string[];
  /** createEngineInWorker in the app; `nativeBinding` is set when the Electron-ABI better-sqlite3 exists */
  createBackend(options: WorkerEngineOptions): Promise<EngineHost>;
  log?: Logger;
  platform?: NodeJS.Platform;
  resourcesPath?: string;
}

export interface DesktopApp {
  /** resolves when the windows are open (or the start failed and the app exits) */
  ready: Promise<void>;
  windows(): WindowManager | null;
  engine(): EngineHost | null;
}

export function runDesktopApp(electron: ElectronModules, opts: DesktopAppOptions): DesktopApp {
  const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } = electron;
  const log = opts.log ?? ((line: string) => console.log(`[luopan] ${line}`));
  const mainDir = opts.mainDir;

  // Must precede `ready`: the scheme is standard + secure, so the app has a real origin.
  registerAppScheme(protocol);

  let locale: Settings['locale'] = 'zh-CN';
  let manager: WindowManager | null = null;
  let engine: EngineHost | null = null;

  async function confirmAndOpen(url: string): Promise<void> {
    const parent = BrowserWindow.getFocusedWindow();
    const result = await openExternalSafely(url, {
      async confirm(href) {
        const options = {
          type: 'question' as const,
          buttons: locale === 'en' ? ['Open', 'Cancel'] : ['打开', '取消'],
          defaultId: 1,
          cancelId: 1,
          message: locale === 'en' ? 'Open this link in your browser?' : '在浏览器中打开此链接？',
          detail: href,
        };
        const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
        return response === 0;
      },
      open: (href) => shell.openExternal(href),
    });
    log(`external link ${url.slice(0, 200)}: ${result}`);
  }

  function installMenu(): void {
    // the focused window's key: with several windows of one screen, F11 and reload act on that one
    const focusedScreen = () => {
      const win = BrowserWindow.getFocusedWindow();
      return win ? manager?.keyOf(win) : undefined;
    };
    const template = buildMenuTemplate(
      {
        openScreen: (id) => manager?.open(id),
        toggleFullScreen: () => {
          const id = focusedScreen();
          if (id) manager?.toggleFullScreen(id);
        },
        reload: () => {
          const id = focusedScreen();
          if (id) manager?.reload(id);
        },
        quit: () => app.quit(),
      },
      { locale, platform: opts.platform ?? process.platform },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  /** After a call succeeded: the console saved a layout or changed the language. */
  function afterCall(method: ApiMethod, value: unknown): void {
    if (method === 'layout.set' || method === 'layout.reset') manager?.applyLayout(value as ScreenLayout);
    if (method === 'settings.set') {
      const next = (value as Settings).locale;
      if (next !== locale) {
        locale = next;
        installMenu();
        manager?.retitle();
      }
    }
  }

  async function start(): Promise<void> {
    const args = parseShellArgs(opts.argv);
    app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void confirmAndOpen(url)));
    await app.whenReady();

    denyAllPermissions(session.defaultSession);
    serveApp(protocol, join(mainDir, '..', 'renderer'));

    const native = resolveNativeBinding({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: opts.resourcesPath ?? process.resourcesPath });
    if ('error' in native) log(native.error);
    const engineOptions: WorkerEngineOptions = {
      dbFile: args.dbFile ?? join(app.getPath('userData'), 'luopan.db'),
      ...(args.source ? { source: args.source } : {}),
      ...(args.token ? { token: args.token } : {}),
      shell: 'desktop',
      screens: SCREEN_IDS.map((id) => ({ id, url: appUrl(WINDOW_CONFIGS[id].route) })),
      workerFile: join(mainDir, 'engine-worker.js'),
      logger: log,
      ...('file' in native ? { nativeBinding: native.file } : {}),
    };
    try {
      engine = await opts.createBackend(engineOptions);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('罗盘无法启动 / Luopan cannot start', message);
      app.exit(1);
      return;
    }
    const running = engine;
    try {
      locale = (await running.handlers['settings.get']()).locale;
    } catch (err) {
      log(`settings: ${(err as Error).message}; using zh-CN`);
    }

    manager = new WindowManager({
      createWindow: (options) => new BrowserWindow(options),
      screen,
      preloadPath: join(mainDir, '..', 'preload', 'index.cjs'),
      screenUrl: appUrl,
      layoutStore: { load: async () => running.handlers['layout.get'](), save: async (layout) => running.handlers['layout.set'](layout) },
      boundsStore: fileBoundsStore(join(app.getPath('userData'), 'window-state.json'), log),
      locale: () => locale,
      log,
    });
    const windows = manager;
    // the PDF of a diagnosis is printed here, by Electron; the engine only writes the page
    const pdfDeps: PrintPdfDeps = {
      engine: running,
      createWindow: (options) => new BrowserWindow(options),
      showSaveDialog: (options) => {
        const parent = BrowserWindow.getFocusedWindow();
        return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
      },
      writeFile: (path, data) => writeFile(path, data),
      defaultDir: app.getPath('documents'),
    };
    const overrides = { 'displays.list': () => displayList(screen), 'diagnosis.pdf': (query: DiagnosisQuery) => printReportPdf(pdfDeps, query) };
    registerApiRelay(ipcMain, { engine: running, afterCall, log, overrides });
    // every push reaches every window — `engine.state` too: the windows say 引擎重启中 and catch up
    forwardPushes(running, () => windows.windows());
    // past the restart limit, one dialog says why (the windows keep their last figures, marked stale)
    let told = false;
    running.onPush('engine.state', (st) => {
      if (st.phase !== 'failed' || told) return;
      told = true;
      const title = locale === 'en' ? 'The Luopan engine stopped' : '罗盘引擎已停止';
      const hint = locale === 'en' ? 'Restart Luopan. Recorded data is safe in the database.' : '请重新启动罗盘。已记录的数据保存在数据库中。';
      dialog.showErrorBox(title, `${st.reason ?? ''}\n\n${hint}`);
    });
    installMenu();
    await windows.start();
    windows.focus('console');
  }

  // A second launch focuses the console of the first instead of starting another engine on the same database.
  let ready: Promise<void> = Promise.resolve();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.on('second-instance', () => manager?.focus('console'));
    app.on('before-quit', () => manager?.prepareQuit());
    app.on('window-all-closed', () => app.quit());
    let closing = false;
    app.on('will-quit', (event) => {
      if (closing || !engine) return;
      // Let the engine commit and close SQLite before the process goes; never hang the quit.
      event.preventDefault();
      closing = true;
      manager?.dispose();
      const done = () => app.quit();
      const timer = setTimeout(done, 5000);
      void engine
        .close()
        .catch((err: Error) => log(`engine close: ${err.message}`))
        .finally(() => {
          clearTimeout(timer);
          done();
        });
    });
    ready = start().catch((err: Error) => {
      log(`start failed: ${err.stack ?? err.message}`);
      dialog.showErrorBox('罗盘无法启动 / Luopan cannot start', err.message);
      app.exit(1);
    });
  }

  return { ready, windows: () => manager, engine: () => engine };
}
