/**
 * The application menu: open each screen (Ctrl/⌘+1…5), full-screen (F11), reload, quit.
 * Built as plain data from the window registry so the shortcuts are tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { SCREEN_IDS, type ScreenId } from '../../shared/api/contract';
import { WINDOW_CONFIGS, type WindowConfig } from './windows/window-configs';

export interface MenuActions {
  openScreen(screen: ScreenId): void;
  /** the focused screen window (none when no Luopan window has focus) */
  toggleFullScreen(): void;
  reload(): void;
  quit(): void;
}

const TEXT = {
  'zh-CN': { app: '罗盘', screens: '屏幕', view: '视图', fullscreen: '全屏', reload: '重新加载', quit: '退出', edit: '编辑' },
  en: { app: 'Luopan', screens: 'Screens', view: 'View', fullscreen: 'Toggle full screen', reload: 'Reload', quit: 'Quit', edit: 'Edit' },
} as const;

export function buildMenuTemplate(
  actions: MenuActions,
  opts: { locale: 'zh-CN' | 'en'; platform: NodeJS.Platform; configs?: Record<ScreenId, WindowConfig> },
): MenuItemConstructorOptions[] {
  const t = TEXT[opts.locale];
  const configs = opts.configs ?? WINDOW_CONFIGS;
  const quit: MenuItemConstructorOptions = { label: t.quit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() };
  const screens: MenuItemConstructorOptions = {
    label: t.screens,
    submenu: SCREEN_IDS.map((id) => ({
      label: configs[id].title[opts.locale],
      accelerator: configs[id].accelerator,
      click: () => actions.openScreen(id),
    })),
  };
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      { label: t.fullscreen, accelerator: 'F11', click: () => actions.toggleFullScreen() },
      { label: t.reload, accelerator: 'CmdOrCtrl+R', click: () => actions.reload() },
    ],
  };
  // Copy/paste in the console's inputs needs the edit roles on macOS (no menu, no ⌘C).
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  // On macOS the first menu is the app menu whatever its label; elsewhere it is a plain 罗盘 menu.
  const app: MenuItemConstructorOptions = opts.platform === 'darwin' ? { role: 'appMenu', label: t.app, submenu: [quit] } : { label: t.app, submenu: [quit] };
  return [app, edit, screens, view];
}
