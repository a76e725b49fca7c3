/**
 * The layer rules of docs/architecture.md as a check that fails: who may import what.
 *   shared/    — nothing outside shared/; never electron, node:*, vue
 *   electron/  — outside main/ and preload/: never electron, never renderer/
 *   electron/main, electron/preload — never renderer/
 *   renderer/  — never electron, node:*, electron/
 *   electron/, shared/, renderer/ — never bench/ or test/ (product code holds no scaffolding)
 *   SQL — only under electron/store/ (better-sqlite3's prepare/pragma/exec, SQL statement text)
 *   anywhere — no import cycles
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, importsOf, sourceFiles, withoutComments } from './import-graph';

const root = resolve(__dirname, '..');
/** every folder holding source the repository runs, builds or tests */
const ALL_DIRS = ['shared', 'electron', 'renderer', 'scripts', 'bin', 'bench', 'test'];
/** what ships or builds it; bench/ and test/ may read a store directly to measure and inspect it */
const PRODUCT_DIRS = ['shared', 'electron', 'renderer', 'scripts', 'bin'];


/** Which top-level layer a resolved relative import lands in. */
function layerOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(root, resolve(dirname(file), spec));
  if (target.startsWith('electron/main') || target.startsWith('electron/preload')) return 'shell';
  return target.split('/')[0] ?? null;
}

function violations(dir: string, rule: (file: string, spec: string) => string | null): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(join(root, dir))) {
    for (const spec of importsOf(file)) {
      const why = rule(file, spec);
      if (why) found.push(`${relative(root, file)} imports "${spec}": ${why}`);
    }
  }
  return found;
}

/** a string literal (quotes, or a backtick template) */
const STRING = /'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g;
/** the statements SQLite runs, as the store writes them (keywords in capitals) */
const SQL_TEXT =
  /\b(?:SELECT\b[\s\S]*\bFROM\b|INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(?:TEMP\s+|UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b|DROP\s+(?:TABLE|INDEX|VIEW)\b|ALTER\s+TABLE\b|PRAGMA\s+\w+)/;
/** better-sqlite3's statement calls; `.exec(` only with a string (RegExp#exec takes the text to match) */
const SQL_CALL = /\.(?:prepare|pragma)\(|\.exec\(\s*['"`]/g;

/** What in a file runs SQL: each SQL-shaped string and each statement call. */
function sqlIn(file: string): string[] {
  const src = withoutComments(readFileSync(file, 'utf8'));
  const texts = (src.match(STRING) ?? []).filter((str) => SQL_TEXT.test(str)).map((str) => `SQL text ${str.slice(0, 60)}`);
  const calls = [...src.matchAll(SQL_CALL)].map((m) => `call ${m[0]}`);
  return [...texts, ...calls];
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

  it('electron/, shared/ and renderer/ never import bench/ or test/', () => {
    const scaffolding = (f: string, s: string) => {
      const layer = layerOf(f, s);
      return layer === 'bench' || layer === 'test' ? `product code holds no ${layer} scaffolding` : null;
    };
    expect(['electron', 'shared', 'renderer'].flatMap((dir) => violations(dir, scaffolding))).toEqual([]);
  });

  it('SQL runs only under electron/store/', () => {
    const outside = PRODUCT_DIRS.flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((f) => !relative(root, f).startsWith('electron/store/'))
      .flatMap((f) => sqlIn(f).map((what) => `${relative(root, f)}: ${what}`));
    expect(outside).toEqual([]);
  });

  it('the SQL check itself sees the store\'s statements', () => {
    // guards against patterns that silently match nothing
    expect(sqlIn(join(root, 'electron/store/sessions.ts')).some((w) => w.startsWith('SQL text'))).toBe(true);
    expect(sqlIn(join(root, 'electron/store/open.ts')).some((w) => w.startsWith('call'))).toBe(true);
    expect(sqlIn(join(root, 'electron/relay/http-util.ts'))).toEqual([]); // a RegExp's .exec( is no SQL
  });

  it('no import cycles anywhere', () => {
    const cycles = importCycles(importGraph(root, ALL_DIRS)).map((c) => [...c, c[0]].join(' → '));
    expect(cycles).toEqual([]);
  });

  it('the cycle finder finds a cycle', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    expect(importGraph(root, ALL_DIRS).get('shared/protocol/validate.ts')).toContain('shared/protocol/schemas.ts');
  });

  it('scripts start tools through node and the package entry, never a .bin shim (a .cmd on Windows)', () => {
    const shim = /['"`]\.bin['"`]|node_modules[\\/]\.bin/;
    const found = ['scripts', 'bin', 'bench', 'electron', 'test']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((f) => f !== __filename && shim.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(found).toEqual([]);
  });

  it('the check itself sees imports', () => {
    // guards against a regex that silently matches nothing
    expect(importsOf(join(root, 'shared/protocol/validate.ts'))).toContain('./schemas');
  });
});
