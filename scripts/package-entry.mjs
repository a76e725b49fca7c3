/**
 * The JavaScript file a package's command runs, read from its package.json `bin` field — so a
 * script starts a tool as `spawnSync(process.execPath, [entry, ...args])`. The command shim npm links is a
 * symlink on POSIX but a .cmd file on Windows, which spawnSync without a shell cannot start.
 *
 *   packageEntry(root, 'electron-vite')                 → …/node_modules/electron-vite/bin/electron-vite.js
 *   packageEntry(root, 'typescript', 'tsc')             → …/node_modules/typescript/bin/tsc
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function packageEntry(root, pkg, command = pkg) {
  const dir = join(root, 'node_modules', pkg);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) throw new Error(`${pkg} is not installed (npm install)`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  const rel = typeof bin === 'string' ? bin : bin?.[command];
  if (!rel) throw new Error(`${pkg} has no command ${command}`);
  return join(dir, rel);
}
