/**
 * scripts/start.mjs with Electron present: it runs scripts/electron-native.mjs first, launches
 * Electron when that succeeds, and falls back to the wall server with one line saying why when
 * it fails. Run in a throw-away project folder whose children (build, electron-native, Electron,
 * bin/luopan.mjs) are small scripts that record how they were called.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project whose electron-native step exits with `nativeExit` and prints `nativeErr`. */
function project(nativeExit: number, nativeErr = '') {
  const root = mkdtempSync(join(tmpdir(), 'luopan-start-'));
  dirs.push(root);
  const record = (name: string) => `require('node:fs').appendFileSync(${JSON.stringify(join(root, 'calls.txt'))}, ${JSON.stringify(name)} + ' ' + process.argv.slice(2).join(' ') + '\\n');`;
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
  copyFileSync(join(ROOT, 'scripts', 'start.mjs'), join(root, 'scripts', 'start.mjs'));
  writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
  writeFileSync(join(root, 'scripts', 'build.mjs'), 'process.exit(0);\n');
  writeFileSync(
    join(root, 'scripts', 'electron-native.mjs'),
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(join(root, 'calls.txt'))}, 'native\\n');\nprocess.stderr.write(${JSON.stringify(nativeErr)});\nprocess.exit(${nativeExit});\n`,
  );
  writeFileSync(join(root, 'bin', 'luopan.mjs'), `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${record('luopan')}\n`);
  writeFileSync(join(root, 'node_modules', 'electron', 'install.js'), 'process.exit(1);\n');
  writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
  const electron = join(root, 'node_modules', 'electron', 'dist', 'electron');
  writeFileSync(electron, `#!${process.execPath}\n${record('electron')}\n`);
  chmodSync(electron, 0o755);
  return root;
}

function start(root: string, args: string[] = []): Promise<{ code: number | null; stderr: string; calls: string[] }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: ':99', LUOPAN_NO_ELECTRON: '' };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      let calls: string[] = [];
      try {
        calls = readFileSync(join(root, 'calls.txt'), 'utf8').trim().split('\n');
      } catch {
        /* nothing ran */
      }
      resolve({ code, stderr, calls });
    }),
  );
}

describe('npm start: Electron-ABI better-sqlite3', () => {
  it('builds it before launching Electron', async () => {
    const root = project(0);
    const r = await start(root, ['--source', 'http://127.0.0.1:9']);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(['native', `electron ${root} --source http://127.0.0.1:9`]);
    expect(r.stderr).toBe('');
  });

  it('falls back to the wall server with one line saying why when it cannot be built', async () => {
    const root = project(1, 'prebuild-install warn install getaddrinfo ENOTFOUND github.com\nelectron-native: could not build better-sqlite3 for Electron 45.4.1 (prebuild-install failed: offline)\n');
    const r = await start(root, ['--port', '0']);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(['native', 'luopan serve --demo --port 0']);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      'luopan: the desktop app has no Electron build of better-sqlite3 (could not build better-sqlite3 for Electron 45.4.1 (prebuild-install failed: offline)); starting the wall server instead — open a screen URL below in a browser',
    );
  });
});
