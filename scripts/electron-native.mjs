#!/usr/bin/env node
/**
 * The Electron-ABI copy of better-sqlite3 for the desktop app, built on demand, without touching
 * node_modules (whose Node build tests, the CLI and the wall server keep using).
 *
 *   node scripts/electron-native.mjs           build resources/native/better_sqlite3.node if stale
 *   node scripts/electron-native.mjs --force   rebuild
 *   node scripts/electron-native.mjs --check   exit 0 when up to date, 1 (with the reason) when not
 *
 * How: copy the better-sqlite3 package into a temp dir, then there (1) `prebuild-install
 * --runtime electron` (downloads the matching prebuilt binary), else (2) @electron/rebuild from
 * source (needs a compiler and the Electron headers). The result and a stamp (electron version,
 * better-sqlite3 version, platform, arch) go to resources/native/. The app passes the file to
 * better-sqlite3 as `nativeBinding` (electron/main/native-binding.ts).
 *
 * From another script: `import { ensureElectronNative, electronBinary } from './electron-native.mjs'`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const defaultRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const BINDING = 'better_sqlite3.node';

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Where the Electron executable is, or null with the reason — read from the electron package's
 * path.txt, never by requiring the package (its index.js starts a download when the binary is missing).
 */
export function electronBinary(root = defaultRoot) {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: 'the Electron binary was never downloaded (node node_modules/electron/install.js fetches it)' };
  const rel = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const file = join(base, rel);
  return existsSync(file) ? { path: file, reason: null } : { path: null, reason: `the Electron binary is missing at ${file}` };
}

export function nativePaths(root = defaultRoot) {
  const dir = join(root, 'resources', 'native');
  return { dir, file: join(dir, BINDING), stamp: join(dir, 'better_sqlite3.json') };
}

/** What the copy must have been built for. */
export function wantedStamp(root = defaultRoot, { platform = process.platform, arch = process.arch } = {}) {
  return {
    electron: readJson(join(root, 'node_modules', 'electron', 'package.json')).version,
    betterSqlite3: readJson(join(root, 'node_modules', 'better-sqlite3', 'package.json')).version,
    platform,
    arch,
  };
}

/** { upToDate: true } or { upToDate: false, reason } */
export function checkElectronNative(root = defaultRoot, target = {}) {
  const { file, stamp } = nativePaths(root);
  if (!existsSync(file)) return { upToDate: false, reason: `${file} does not exist` };
  let have;
  try {
    have = readJson(stamp);
  } catch {
    return { upToDate: false, reason: `${stamp} is missing or unreadable` };
  }
  const want = wantedStamp(root, target);
  for (const key of Object.keys(want)) {
    if (have[key] !== want[key]) return { upToDate: false, reason: `built for ${key} ${have[key]}, need ${want[key]}` };
  }
  return { upToDate: true, reason: null };
}

/** Builder 1: the prebuilt Electron binary of this better-sqlite3 release. */
export function prebuildInstall(pkgDir, want, root = defaultRoot) {
  const bin = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  if (!existsSync(bin)) throw new Error('prebuild-install is not installed');
  const r = spawnSync(process.execPath, [bin, '--runtime=electron', `--target=${want.electron}`, `--arch=${want.arch}`, `--platform=${want.platform}`], {
    cwd: pkgDir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`prebuild-install failed: ${(r.stderr || r.stdout || '').trim().split('\n').pop()}`);
}

/** Builder 2: compile against the Electron headers with @electron/rebuild. */
export async function electronRebuild(pkgDir, want) {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: dirname(dirname(pkgDir)), electronVersion: want.electron, arch: want.arch, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true });
}

/**
 * Make resources/native/better_sqlite3.node match the installed Electron. `builders` are tried in
 * order inside a temp copy of the package until one produces build/Release/better_sqlite3.node.
 */
export async function ensureElectronNative({ root = defaultRoot, force = false, log = console.log, builders, target = {} } = {}) {
  const { dir, file, stamp } = nativePaths(root);
  if (!force && checkElectronNative(root, target).upToDate) return { status: 'up-to-date', file };
  const want = wantedStamp(root, target);
  const tmp = mkdtempSync(join(tmpdir(), 'luopan-native-'));
  const pkgDir = join(tmp, 'node_modules', 'better-sqlite3');
  const tried = [];
  try {
    // the package without its Node build: whatever ends up in build/ was made for Electron
    cpSync(join(root, 'node_modules', 'better-sqlite3'), pkgDir, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
    writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'luopan-native', private: true, dependencies: { 'better-sqlite3': want.betterSqlite3 } }));
    const list = builders ?? [
      { name: 'prebuild-install', run: (p) => prebuildInstall(p, want, root) },
      { name: '@electron/rebuild', run: (p) => electronRebuild(p, want) },
    ];
    const built = join(pkgDir, 'build', 'Release', BINDING);
    for (const builder of list) {
      try {
        log(`electron-native: ${builder.name} for Electron ${want.electron} (${want.platform}-${want.arch})…`);
        await builder.run(pkgDir);
        if (existsSync(built)) {
          mkdirSync(dir, { recursive: true });
          copyFileSync(built, file);
          writeFileSync(stamp, `${JSON.stringify({ ...want, builtWith: builder.name, builtAt: new Date().toISOString() }, null, 2)}\n`);
          return { status: 'built', file, builtWith: builder.name };
        }
        tried.push(`${builder.name}: produced no ${BINDING}`);
      } catch (err) {
        tried.push(`${builder.name}: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
      }
    }
    throw new Error(`could not build better-sqlite3 for Electron ${want.electron} (${tried.join('; ')})`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  try {
    if (args.includes('--check')) {
      const r = checkElectronNative();
      console.log(r.upToDate ? 'electron-native: up to date' : `electron-native: stale (${r.reason})`);
      process.exit(r.upToDate ? 0 : 1);
    }
    const r = await ensureElectronNative({ force: args.includes('--force') });
    console.log(`electron-native: ${r.status} ${r.file}${r.builtWith ? ` (${r.builtWith})` : ''}`);
  } catch (err) {
    console.error(`electron-native: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
