/**
 * The engine hands `nativeBinding` to the store, in-process and behind its worker thread (the
 * desktop app's path): a wrong binding stops the start with one line naming the file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend';
import { createEngineInWorker } from '../../../electron/engine/engine-client';

const DEAD_SOURCE = 'http://127.0.0.1:9';
const dir = () => mkdtempSync(join(tmpdir(), 'luopan-engine-native-'));

describe('engine nativeBinding', () => {
  it('createBackend refuses a binding it cannot load, naming it', async () => {
    const binding = join(dir(), 'electron-abi', 'better_sqlite3.node');
    const err = await createBackend({ dbFile: join(dir(), 'e.db'), source: DEAD_SOURCE, nativeBinding: binding }).then(() => null, (e: Error) => e);
    expect(err?.message).toContain(binding);
    expect(err?.message).not.toMatch(/\n/);
  });

  it('createEngineInWorker carries the binding into the worker', async () => {
    const binding = join(dir(), 'electron-abi', 'better_sqlite3.node');
    const err = await createEngineInWorker({ dbFile: join(dir(), 'e.db'), source: DEAD_SOURCE, nativeBinding: binding }).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/^better-sqlite3 native binding /);
    expect(err?.message).toContain(binding);
    expect(err?.message).not.toMatch(/\n/);
  });
});
