import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveNativeBinding } from '../../../electron/main/native-binding';

describe('native binding path', () => {
  it('uses resources/native in development and the resources folder when packaged', () => {
    const present = new Set([join('/proj', 'resources', 'native', 'better_sqlite3.node'), join('/opt/Luopan/resources', 'native', 'better_sqlite3.node')]);
    const exists = (f: string) => present.has(f);
    expect(resolveNativeBinding({ isPackaged: false, appPath: '/proj', resourcesPath: '/x', exists })).toEqual({ file: join('/proj', 'resources', 'native', 'better_sqlite3.node') });
    expect(resolveNativeBinding({ isPackaged: true, appPath: '/opt/Luopan/resources/app.asar', resourcesPath: '/opt/Luopan/resources', exists })).toEqual({
      file: join('/opt/Luopan/resources', 'native', 'better_sqlite3.node'),
    });
  });

  it('names the fix when the Electron build is missing', () => {
    const r = resolveNativeBinding({ isPackaged: false, appPath: '/nowhere', resourcesPath: '/x', exists: () => false });
    expect(r).toEqual({ error: expect.stringContaining('node scripts/electron-native.mjs') });
  });
});
