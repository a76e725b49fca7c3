#!/usr/bin/env node
/**
 * Builds everything that runs: the Node side (CLI, engine, writer worker, wall server) with
 * esbuild into out/node/, and — once electron.vite.config.ts exists — the Electron main,
 * preload and the Vue renderer with electron-vite into out/main, out/preload, out/renderer.
 *
 *   node scripts/build.mjs              build
 *   node scripts/build.mjs --if-needed  build only when a source is newer than the last build
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageEntry } from './package-entry.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'out', '.build-stamp');
const SOURCES = ['shared', 'electron', 'renderer', 'resources', 'package.json', 'electron.vite.config.ts', 'scripts/build.mjs', 'scripts/package-entry.mjs'];

/** Node entry points: name in out/node → source. Workers must be entries of their own. */
export const NODE_ENTRIES = {
  cli: 'electron/cli/main.ts',
  'writer-worker': 'electron/store/writer-worker.ts',
  'engine-worker': 'electron/engine/engine-worker.ts',
};

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function upToDate() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(root, s)) <= built);
}

async function buildNode() {
  const entryPoints = Object.fromEntries(
    Object.entries(NODE_ENTRIES).filter(([, src]) => existsSync(join(root, src))).map(([n, src]) => [n, join(root, src)]),
  );
  if (Object.keys(entryPoints).length === 0) return;
  await build({
    entryPoints,
    outdir: join(root, 'out', 'node'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

function buildElectronAndRenderer() {
  if (!existsSync(join(root, 'electron.vite.config.ts'))) return;
  // through node and the package's own entry: the .bin shim is a .cmd on Windows (scripts/package-entry.mjs)
  const r = spawnSync(process.execPath, [packageEntry(root, 'electron-vite'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.error) throw new Error(`electron-vite could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`electron-vite build failed (exit ${r.status})`);
}

const ifNeeded = process.argv.includes('--if-needed');
if (ifNeeded && upToDate()) process.exit(0);
const started = Date.now();
try {
  await buildNode();
  buildElectronAndRenderer();
} catch (err) {
  console.error(`luopan build: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, new Date().toISOString());
console.log(`luopan build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
