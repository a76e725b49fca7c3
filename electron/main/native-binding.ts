/**
 * better-sqlite3 is compiled per runtime. node_modules keeps the Node build (tests, CLI, wall
 * server); the desktop app loads an Electron-ABI copy through better-sqlite3's `nativeBinding`
 * option. scripts/electron-native.mjs builds that copy into resources/native/; a packaged app
 * carries it in its resources folder (electron-builder.yml extraResources).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

export interface NativeBindingContext {
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development */
  appPath: string;
  /** process.resourcesPath of a packaged app */
  resourcesPath: string;
  exists?: (file: string) => boolean;
}

/** The Electron-ABI better-sqlite3 binding, or a one-line reason why there is none. */
export function resolveNativeBinding(ctx: NativeBindingContext): { file: string } | { error: string } {
  const exists = ctx.exists ?? existsSync;
  const file = ctx.isPackaged ? join(ctx.resourcesPath, 'native', NATIVE_BINDING_FILE) : join(ctx.appPath, 'resources', 'native', NATIVE_BINDING_FILE);
  if (exists(file)) return { file };
  return {
    error: ctx.isPackaged
      ? `the Electron build of better-sqlite3 is missing from the package (${file})`
      : `no Electron build of better-sqlite3 at ${file}: run "node scripts/electron-native.mjs"`,
  };
}
