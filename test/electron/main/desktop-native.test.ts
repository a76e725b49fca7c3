/**
 * The desktop app hands the engine the Electron-ABI better-sqlite3 when it exists (so the engine
 * worker never loads node_modules' Node build under Electron), and says why when it does not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerEngineOptions } from '../../../electron/engine/engine-client';
import { runDesktopApp } from '../../../electron/main/desktop-app';
import { fakeElectron } from './fakes/fake-electron-app';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Start the app against a project folder; resolves with the options the engine got and the log. */
async function start(withBinding: boolean) {
  const base = mkdtempSync(join(tmpdir(), 'luopan-desktop-native-'));
  dirs.push(base);
  mkdirSync(join(base, 'out', 'main'), { recursive: true });
  mkdirSync(join(base, 'user'));
  const binding = join(base, 'resources', 'native', 'better_sqlite3.node');
  if (withBinding) {
    mkdirSync(join(base, 'resources', 'native'), { recursive: true });
    writeFileSync(binding, 'ELECTRON-ABI');
  }
  const fx = fakeElectron({ userData: join(base, 'user') });
  (fx.app as { getAppPath: () => string }).getAppPath = () => base;
  const got: WorkerEngineOptions[] = [];
  const log: string[] = [];
  const desktop = runDesktopApp(fx.electron, {
    mainDir: join(base, 'out', 'main'),
    argv: [],
    // refusing to start ends the app right after the engine got its options
    createBackend: async (o) => (got.push(o), Promise.reject(new Error('stop here'))),
    log: (line) => log.push(line),
  });
  fx.ready();
  await desktop.ready;
  return { options: got[0]!, log, binding };
}

describe('desktop app nativeBinding', () => {
  it('passes resources/native/better_sqlite3.node to the engine', async () => {
    const { options, binding } = await start(true);
    expect(options.nativeBinding).toBe(binding);
  });

  it('without it, starts the engine without one and logs how to build it', async () => {
    const { options, log, binding } = await start(false);
    expect(options).not.toHaveProperty('nativeBinding');
    expect(log).toContainEqual(`no Electron build of better-sqlite3 at ${binding}: run "node scripts/electron-native.mjs"`);
  });
});
