/**
 * better-sqlite3's `nativeBinding` option (the desktop app's Electron-ABI build) really reaches
 * better-sqlite3 from openStore and from the writer worker: the Node build named explicitly
 * opens the store, a missing or broken file fails with one line naming that file.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/store/open';
import { StoreWriterClient } from '../../../electron/store/writer-client';
import { tempDb, tempDir } from './helpers';

const NODE_BUILD = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('openStore nativeBinding', () => {
  it('loads the binding it is given', () => {
    const db = openStore(tempDb(), { nativeBinding: NODE_BUILD });
    expect(db.prepare('SELECT 41 + 1').pluck().get()).toBe(42);
    db.close();
  });

  it('a missing binding is one line naming the path', () => {
    const missing = join(tempDir(), 'electron', 'better_sqlite3.node');
    const err = thrown(() => openStore(tempDb(), { nativeBinding: missing }));
    expect(err.message).toContain(missing);
    expect(err.message).toMatch(/^better-sqlite3 native binding .* cannot be loaded \(Cannot find module/);
    expect(err.message).not.toMatch(/\n/);
  });

  it('a file that is not a shared library is one line naming the path and why', () => {
    const broken = join(tempDir(), 'better_sqlite3.node');
    writeFileSync(broken, 'not an ELF file');
    const err = thrown(() => openStore(tempDb(), { nativeBinding: broken }));
    expect(err.message).toContain(broken);
    expect(err.message).not.toMatch(/\n/);
    expect((err as Error & { code?: string }).code).toBe('native_binding');
  });
});

describe('StoreWriterClient nativeBinding', () => {
  it('passes the binding to the writer thread', async () => {
    const missing = join(tempDir(), 'nowhere', 'better_sqlite3.node');
    const err = await StoreWriterClient.open(tempDb(), { nativeBinding: missing }).then(() => null, (e: Error) => e);
    expect(err?.message).toContain(missing);
    expect(err?.message).not.toMatch(/\n/);
    const ok = await StoreWriterClient.open(tempDb(), { nativeBinding: NODE_BUILD });
    expect(await ok.lastSeqs()).toEqual({});
    await ok.close();
  });
});
