#!/usr/bin/env node
/**
 * `npm start` — the app, whichever way this machine can run it:
 *   1. build when a source is newer than the last build (scripts/build.mjs --if-needed);
 *   2. the Electron runtime present ⇒ the desktop app (out/main/index.js, package.json "main");
 *   3. otherwise one try to fetch it (node_modules/electron/install.js, at most 20 s: offline it
 *      fails), and if that fails too, ONE line saying why, then the wall server with the demo
 *      show (`luopan serve --demo`), which prints the screen URLs to open in any browser;
 *   4. before Electron starts, scripts/electron-native.mjs makes sure the Electron-ABI copy of
 *      better-sqlite3 exists (node_modules keeps the Node build for tests, CLI and wall server);
 *      when it cannot be built or fetched, the app could not open its store, so again ONE line
 *      saying why, then the wall server.
 * Arguments pass through: `npm start -- --source URL --port 0`. LUOPAN_NO_ELECTRON=1 skips
 * Electron entirely (CI, servers, tests).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const INSTALL_TIMEOUT_MS = 20_000;
/** a prebuilt download is seconds; a compile from source (@electron/rebuild) a few minutes */
const NATIVE_TIMEOUT_MS = 300_000;
const electronDir = join(root, 'node_modules', 'electron');

/** The Electron executable when it is installed, else null. */
function electronBinary() {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(electronDir, 'dist', rel);
    return rel && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function firstLine(text) {
  const line = String(text ?? '').split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** Why the desktop app cannot run here (one short phrase), or null with the binary to run. */
function electronOrWhyNot() {
  if (process.env.LUOPAN_NO_ELECTRON === '1') return { why: 'LUOPAN_NO_ELECTRON=1' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { why: 'no display: DISPLAY is not set' };
  const present = electronBinary();
  if (present) return { bin: present };
  if (!existsSync(join(electronDir, 'install.js'))) return { why: 'the electron package is not installed' };
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error?.code === 'ETIMEDOUT') return { why: `its download did not finish in ${INSTALL_TIMEOUT_MS / 1000} s` };
  if (r.status !== 0) return { why: `its download failed: ${firstLine(r.stderr) || `exit ${r.status ?? r.signal}`}` };
  const fetched = electronBinary();
  return fetched ? { bin: fetched } : { why: 'its download left no executable' };
}

/** null when the Electron build of better-sqlite3 is ready, else why not (one short phrase). */
function nativeWhyNot() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: NATIVE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error?.code === 'ETIMEDOUT') return `its build did not finish in ${NATIVE_TIMEOUT_MS / 1000} s`;
  if (r.error) return r.error.message;
  if (r.status !== 0) {
    // the script's own verdict is its `electron-native:` line; a builder may have printed before it
    const verdict = String(r.stderr ?? '').split(/\r?\n/).filter((l) => l.startsWith('electron-native:')).pop();
    return firstLine(verdict ?? r.stderr).replace(/^electron-native:\s*/, '') || `exit ${r.status ?? r.signal}`;
  }
  const built = String(r.stdout ?? '').split(/\r?\n/).find((l) => /^electron-native: built /.test(l));
  if (built) console.log(built);
  return null;
}

/** The one line, then the wall server with the demo show unless a source was named. */
function wallInstead(reason) {
  console.error(`luopan: ${reason}; starting the wall server instead — open a screen URL below in a browser`);
  const source = args.some((a) => a === '--source' || a.startsWith('--source=') || a === '--demo') ? [] : ['--demo'];
  runAndExit(process.execPath, [join(root, 'bin', 'luopan.mjs'), 'serve', ...source, ...args]);
}

/** Run a child with our terminal, pass SIGINT/SIGTERM on, and exit with its code. */
function runAndExit(cmd, argv) {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (err) => {
    console.error(`luopan: cannot start ${cmd}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-needed'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);

const electron = electronOrWhyNot();
const nativeProblem = electron.bin ? nativeWhyNot() : null;
if (!electron.bin) wallInstead(`the Electron runtime is unavailable (${electron.why})`);
else if (nativeProblem) wallInstead(`the desktop app has no Electron build of better-sqlite3 (${nativeProblem})`);
else runAndExit(electron.bin, [root, ...args]);
