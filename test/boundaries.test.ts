/**
 * The layer rules of docs/architecture.md as a check that fails: who may import what.
 *   shared/    — nothing outside shared/; never electron, node:*, vue
 *   electron/  — outside main/ and preload/: never electron, never renderer/
 *   electron/main, electron/preload — never renderer/
 *   renderer/  — never electron, node:*, electron/
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|vue|mts|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').filter(Boolean);
}

/** Which top-level layer a resolved relative import lands in. */
function layerOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(root, resolve(dirname(file), spec));
  if (target.startsWith('electron/main') || target.startsWith('electron/preload')) return 'shell';
  return target.split('/')[0] ?? null;
}

function violations(dir: string, rule: (file: string, spec: string) => string | null): string[] {
  const found: string[] = [];
  for (const file of files(join(root, dir))) {
    for (const spec of imports(file)) {
      const why = rule(file, spec);
      if (why) found.push(`${relative(root, file)} imports "${spec}": ${why}`);
    }
  }
  return found;
}

const isNodeBuiltin = (s: string) => s.startsWith('node:');
const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');

describe('layer rules', () => {
  it('shared/ imports only shared/ and pure libraries', () => {
    expect(
      violations('shared', (f, s) => {
        if (isElectron(s) || isNodeBuiltin(s) || s === 'vue') return 'shared is pure';
        const layer = layerOf(f, s);
        return layer && layer !== 'shared' ? `shared may not import ${layer}/` : null;
      }),
    ).toEqual([]);
  });

  it('electron/ outside main/ and preload/ never imports electron or the renderer', () => {
    expect(
      violations('electron', (f, s) => {
        const rel = relative(root, f);
        const inShell = rel.startsWith('electron/main/') || rel.startsWith('electron/preload/');
        if (!inShell && isElectron(s)) return 'only the desktop shell imports electron';
        if (!inShell && layerOf(f, s) === 'shell') return 'the engine does not depend on the shell';
        return layerOf(f, s) === 'renderer' ? 'main-side code never imports the renderer' : null;
      }),
    ).toEqual([]);
  });

  it('renderer/ never imports electron, node:* or electron/', () => {
    expect(
      violations('renderer', (f, s) => {
        if (isElectron(s) || isNodeBuiltin(s)) return 'the renderer is a sandboxed web page';
        const layer = layerOf(f, s);
        return layer === 'electron' || layer === 'shell' ? 'the renderer talks to the engine through the Bridge only' : null;
      }),
    ).toEqual([]);
  });

  it('scripts start tools through node and the package entry, never a .bin shim (a .cmd on Windows)', () => {
    const shim = /['"`]\.bin['"`]|node_modules[\\/]\.bin/;
    const found = ['scripts', 'bin', 'bench', 'electron', 'test']
      .flatMap((dir) => files(join(root, dir)))
      .filter((f) => f !== __filename && shim.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(found).toEqual([]);
  });

  it('the check itself sees imports', () => {
    // guards against a regex that silently matches nothing
    expect(imports(join(root, 'shared/protocol/validate.ts'))).toContain('./schemas');
  });
});
