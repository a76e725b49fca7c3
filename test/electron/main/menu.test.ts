import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);
}

describe('app menu', () => {
  it('binds Ctrl/Cmd+1..5 to the five screens, F11, reload and quit', () => {
    const done: string[] = [];
    const template = buildMenuTemplate(
      {
        openScreen: (s) => done.push(`open ${s}`),
        toggleFullScreen: () => done.push('fullscreen'),
        reload: () => done.push('reload'),
        quit: () => done.push('quit'),
      },
      { locale: 'zh-CN', platform: 'linux' },
    );
    const byKey = new Map(items(template).filter((i) => i.accelerator).map((i) => [i.accelerator as string, i]));
    for (const key of ['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4', 'CmdOrCtrl+5', 'F11', 'CmdOrCtrl+R', 'CmdOrCtrl+Q']) {
      (byKey.get(key)?.click as () => void)();
    }
    expect(done).toEqual(['open live', 'open product', 'open ad', 'open traffic', 'open console', 'fullscreen', 'reload', 'quit']);
    expect(byKey.get('CmdOrCtrl+1')?.label).toBe('直播大屏');
    const en = buildMenuTemplate({ openScreen() {}, toggleFullScreen() {}, reload() {}, quit() {} }, { locale: 'en', platform: 'darwin' });
    expect(items(en).find((i) => i.accelerator === 'CmdOrCtrl+5')?.label).toBe('Luopan console');
  });
});
