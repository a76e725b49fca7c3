import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without type declarations
import { checkElectronNative, electronBinary, ensureElectronNative } from '../../scripts/electron-native.mjs';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A project tree with an electron package and a better-sqlite3 package carrying its Node build. */
function project(electronVersion = '45.4.1') {
  const root = mkdtempSync(join(tmpdir(), 'luopan-native-root-'));
  roots.push(root);
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: electronVersion }));
  const bs = join(root, 'node_modules', 'better-sqlite3');
  mkdirSync(join(bs, 'build', 'Release'), { recursive: true });
  mkdirSync(join(bs, 'lib'), { recursive: true });
  writeFileSync(join(bs, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  writeFileSync(join(bs, 'lib', 'index.js'), 'module.exports = {}');
  writeFileSync(join(bs, 'build', 'Release', 'better_sqlite3.node'), 'NODE-ABI');
  return root;
}

/** A builder that compiles nothing: it writes the file a real one would and records what it saw. */
function writingBuilder(seen: string[]) {
  return {
    name: 'test-builder',
    run: (pkgDir: string) => {
      seen.push(existsSync(join(pkgDir, 'build')) ? 'had build/' : 'clean');
      seen.push(readFileSync(join(pkgDir, 'lib', 'index.js'), 'utf8'));
      mkdirSync(join(pkgDir, 'build', 'Release'), { recursive: true });
      writeFileSync(join(pkgDir, 'build', 'Release', 'better_sqlite3.node'), 'ELECTRON-ABI');
    },
  };
}

describe('electron-native', () => {
  it('builds the Electron copy in a temp dir, stamps it, and leaves the Node build alone', async () => {
    const root = project();
    const seen: string[] = [];
    const failing = { name: 'offline', run: () => Promise.reject(new Error('getaddrinfo ENOTFOUND github.com')) };
    expect(checkElectronNative(root).upToDate).toBe(false);
    const r = await ensureElectronNative({ root, builders: [failing, writingBuilder(seen)], log: () => {} });
    expect(r).toMatchObject({ status: 'built', builtWith: 'test-builder' });
    expect(seen).toEqual(['clean', 'module.exports = {}']);
    expect(readFileSync(join(root, 'resources', 'native', 'better_sqlite3.node'), 'utf8')).toBe('ELECTRON-ABI');
    expect(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('NODE-ABI');
    const stamp = JSON.parse(readFileSync(join(root, 'resources', 'native', 'better_sqlite3.json'), 'utf8'));
    expect(stamp).toMatchObject({ electron: '45.4.1', betterSqlite3: '12.11.1', platform: process.platform, arch: process.arch });
    expect(checkElectronNative(root)).toEqual({ upToDate: true, reason: null });
  });

  it('skips an up-to-date copy and rebuilds after an Electron upgrade', async () => {
    const root = project();
    const seen: string[] = [];
    await ensureElectronNative({ root, builders: [writingBuilder(seen)], log: () => {} });
    expect(await ensureElectronNative({ root, builders: [writingBuilder(seen)], log: () => {} })).toMatchObject({ status: 'up-to-date' });
    expect(seen).toHaveLength(2);
    writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: '46.0.0' }));
    expect(checkElectronNative(root)).toEqual({ upToDate: false, reason: 'built for electron 45.4.1, need 46.0.0' });
    expect(await ensureElectronNative({ root, builders: [writingBuilder(seen)], log: () => {} })).toMatchObject({ status: 'built' });
  });

  it('says what every builder reported when none succeeds', async () => {
    const root = project();
    const none = { name: 'empty', run: () => {} };
    const offline = { name: 'offline', run: () => Promise.reject(new Error('ENOTFOUND github.com\nstack…')) };
    await expect(ensureElectronNative({ root, builders: [offline, none], log: () => {} })).rejects.toThrow(
      'could not build better-sqlite3 for Electron 45.4.1 (offline: ENOTFOUND github.com; empty: produced no better_sqlite3.node)',
    );
    expect(existsSync(join(root, 'resources', 'native', 'better_sqlite3.node'))).toBe(false);
  });

  it('finds the Electron binary from path.txt without loading the electron package', () => {
    const root = project();
    expect(electronBinary(root)).toMatchObject({ path: null, reason: expect.stringContaining('never downloaded') });
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root)).toMatchObject({ path: null, reason: expect.stringContaining('missing at') });
    mkdirSync(join(root, 'node_modules', 'electron', 'dist'));
    writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(electronBinary(root)).toEqual({ path: join(root, 'node_modules', 'electron', 'dist', 'electron'), reason: null });
  });
});
